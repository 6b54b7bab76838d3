import 'reflect-metadata';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../graphql/pagination.js';

// Declared once here and @shareable, so that every subgraph can answer its own audit trail
// with the same types and the supergraph still composes.

export enum AuditActionCode {
  CREATE = 'create',
  UPDATE = 'update',
  DELETE = 'delete',
}

registerEnumType(AuditActionCode, {
  name: 'AuditAction',
  description: 'What a write did to a record.',
  valuesConfig: {
    CREATE: { description: 'Created it.' },
    UPDATE: { description: 'Changed it.' },
    DELETE: { description: 'Deleted it.' },
  },
});

@Directive('@shareable')
@ObjectType('AuditChange', { description: 'The change of one field of a record.' })
export class AuditChange {
  @Field({ description: 'The field, as the record type names it, e.g. "title".' })
  field!: string;

  @Field(() => JSONResolver, {
    nullable: true,
    description: 'The value before; null when created or when it was empty.',
  })
  oldValue!: unknown;

  @Field(() => JSONResolver, { nullable: true, description: 'The value after; null when deleted or cleared.' })
  newValue!: unknown;

  @Field({
    description:
      'True when personal data in the values reads "***": never stored. Equal masked values mean only personal data changed.',
  })
  masked!: boolean;
}

@Directive('@shareable')
@ObjectType('AuditEntry', {
  description:
    'One write to one record: who, when, and which fields changed from what to what. Entries are never changed or deleted.',
})
export class AuditEntry {
  @Field(() => ID, { description: 'Unique across the hub, e.g. "practices:42".' })
  id!: string;

  @Field(() => DateTimeResolver, { description: 'When the write happened.' })
  at!: Date;

  @Field({ description: 'Who wrote it: the token subject; "system" for writes outside a request.' })
  subject!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The OAuth client of the token that wrote it: a partner system, or the app a person signed in with (the web app); null for development tokens.',
  })
  client!: string | null;

  @Field(() => AuditActionCode, { description: 'Created, changed or deleted.' })
  action!: AuditActionCode;

  @Field({ description: 'The record type, e.g. "Practice".' })
  entity!: string;

  @Field(() => ID, { description: "The record's identifier (a UUID or key)." })
  recordId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'AGS of the municipality owning the record; null when none does (a cooperation, the catalogue).',
  })
  ownerAgs!: string | null;

  @Field(() => [AuditChange], {
    description: 'The fields that changed, by name; all non-empty fields of a created or deleted record.',
  })
  changes!: AuditChange[];
}

export const AuditEntryConnection = Connection(AuditEntry, 'AuditEntry', 'audit entry', { shareable: true });

@InputType('AuditTrailFilter', { description: 'Narrows an audit trail; all given conditions must hold.' })
export class AuditTrailFilter {
  @Field(() => String, { nullable: true, description: 'Only writes of this token subject.' })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: 'Only records of this type, e.g. "Practice".' })
  entity?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only writes to this record.' })
  recordId?: string | null;

  @Field(() => AuditActionCode, { nullable: true, description: 'Only this kind of write.' })
  action?: AuditActionCode | null;

  @Field(() => ID, { nullable: true, description: 'Only records owned by this municipality (AGS).' })
  municipality?: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Only writes at or after this time.' })
  since?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Only writes before this time.' })
  until?: Date | null;
}
