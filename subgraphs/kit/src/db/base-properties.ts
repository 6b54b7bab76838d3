import { randomUUID } from 'node:crypto';
import { p } from '@mikro-orm/core';
import { TextArrayType } from './text-array.js';

/*
 * The columns most tables of the hub share, declared once. Each function returns fresh
 * property builders: MikroORM's discovery writes into the options it is given, so two
 * entities must never share one. Spread them into `properties`, e.g.
 * `{ ...idProperty(), title: p.string(), ...timestampProperties() }`.
 */

/**
 * `id uuid not null primary key`, as every migration declares it: no SQL default, the key
 * is drawn in code when the entity is created, because the audit trail and the search
 * outbox name a record by its key before the flush inserts it.
 */
export function idProperty() {
  return {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
  };
}

/** `created_at timestamptz not null`: set once, when the entity is created, unless the caller gives one. */
export function createdAtProperty() {
  return { createdAt: p.datetime().onCreate(() => new Date()) };
}

/**
 * `created_at` and `updated_at timestamptz not null`. A new record's `updatedAt` is its
 * `createdAt` (one instant, as the services always wrote it); every later flush that
 * changes the record sets it again. Neither column has an SQL default, so rows written in
 * SQL (the seeds) set both themselves. The audit trail leaves both out of its changes
 * (audit/changes.ts `STAMPS`), so a stamp alone never looks like an edit.
 */
export function timestampProperties() {
  return {
    ...createdAtProperty(),
    updatedAt: p
      .datetime()
      .onCreate((entity: { createdAt?: Date }) => entity.createdAt ?? new Date())
      .onUpdate(() => new Date()),
  };
}

/**
 * A `text[] not null default '{}'` column: the SQL default for rows written in SQL, and a
 * fresh empty list (never one shared between entities) for entities created in code.
 */
export function textListProperty() {
  return p
    .array()
    .type(TextArrayType)
    .defaultRaw(`'{}'`)
    .onCreate(() => []);
}

/** A `jsonb not null default '[]'` list, as `textListProperty` is for `text[]`. */
export function jsonListProperty<T>() {
  return p
    .json<T[]>()
    .defaultRaw(`'[]'`)
    .onCreate(() => []);
}
