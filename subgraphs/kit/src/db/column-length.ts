import { ChangeSetType, type EntityProperty, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import { characterLength, TextTooLongError, type TooLongText } from '../errors/text.js';

/** The length a varchar or char column declares, or undefined for text, JSON, numbers… */
export function declaredLength(prop: EntityProperty): number | undefined {
  const column = prop.columnTypes?.[0]?.toLowerCase() ?? '';
  return prop.length != null && /^(varchar|character varying|char|character)\b/.test(column) ? prop.length : undefined;
}

/**
 * Checks every string a flush writes against the length its column declares, before any
 * SQL runs, so over-long text is `BAD_USER_INPUT` instead of a failed statement. Every
 * subgraph's ORM registers it: a new column is covered as soon as its property declares
 * `length` (the migrations' varchar(n)).
 */
export class ColumnLengthSubscriber implements EventSubscriber {
  onFlush({ uow }: FlushEventArgs): void {
    const tooLong = new Map<string, TooLongText>();
    for (const changeSet of uow.getChangeSets()) {
      if (changeSet.type !== ChangeSetType.CREATE && changeSet.type !== ChangeSetType.UPDATE) continue;
      for (const [name, value] of Object.entries(changeSet.payload)) {
        const prop = changeSet.meta.properties[name as keyof typeof changeSet.meta.properties] as
          | EntityProperty
          | undefined;
        const limit = prop && declaredLength(prop);
        if (limit !== undefined && typeof value === 'string' && characterLength(value) > limit)
          tooLong.set(name, { field: name, limit, value });
      }
    }
    if (tooLong.size > 0) throw new TextTooLongError([...tooLong.values()]);
  }
}
