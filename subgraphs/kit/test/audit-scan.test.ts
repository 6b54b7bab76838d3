import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineEntity, p } from '@mikro-orm/core';
import type { DataModel } from '../src/db/orm.js';
import { checkedActions } from '../src/testing/policy.js';
import { writesBypassingFlush } from '../src/testing/audit.js';
import { stripComments } from '../src/testing/source.js';

const Thing = defineEntity({ name: 'Thing', tableName: 'thing', properties: { id: p.uuid().primary() } });
const Note = defineEntity({ name: 'Note', tableName: 'note', properties: { id: p.uuid().primary() } });
const model: DataModel = { schema: 'demo', entities: [Thing, Note], migrations: [], audited: { Thing: {} } };

let root: string;
const write = (file: string, text: string) => writeFileSync(join(root, file), text);
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'audit-scan-'));
  mkdirSync(join(root, 'migrations'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('stripComments', () => {
  it('blanks comments, keeps strings, template code and line numbers', () => {
    const source = [
      'const a = 1; // em.nativeUpdate(Thing, {}, {})',
      '/* policy.require(caller, "x:y")',
      '   still a comment */ const url = "https://example.org/*not a comment*/";',
      'const sql = `update ${`"demo"`} // kept: inside a template',
      '  set ${a /* gone */}`;',
    ].join('\n');
    const code = stripComments(source);
    expect(code.split('\n')).toHaveLength(5);
    expect(code).not.toContain('nativeUpdate');
    expect(code).not.toContain('policy.require');
    expect(code).not.toContain('gone');
    expect(code).toContain('"https://example.org/*not a comment*/"');
    expect(code).toContain('// kept: inside a template');
  });
});

describe('writesBypassingFlush', () => {
  it('finds native, QueryBuilder, Kysely and SQL writes of audited tables, over line breaks, not in comments', () => {
    write(
      'native.ts',
      'await em.nativeUpdate(ThingEntity, { id }, { a: 1 });\nawait em.nativeDelete(ThingEntity, { id });\n',
    );
    write(
      'qb.ts',
      'const qb = em.createQueryBuilder(ThingEntity);\nqb.where({ id });\nawait qb\n  .update({ a: 1 })\n  .execute();\nawait em.qb(ThingEntity).delete().where({ id }).execute();\n',
    );
    write('kysely.ts', 'await em.getKysely().updateTable("thing").set({ a: 1 }).execute();\n');
    write(
      'sql.ts',
      'await em.execute(`update "demo"."thing"\n  set a = 1`);\nawait em.execute(`update ${table} t set a = 1`);\nawait em.execute(`delete from thing`);\nawait em.execute(`insert into "demo"."audit_log" (x) values (1)`);\n',
    );
    write(
      'fine.ts',
      '// em.nativeUpdate(ThingEntity, {}, {})\n/* delete from "demo"."thing" */\nawait em.execute(`update "demo"."note" set a = 1`);\nawait em.execute(`insert into "demo"."search_outbox" (entity_key) values (?)`);\ncache.delete(key);\n',
    );
    write('migrations/Migration1.ts', 'this.addSql(`delete from "demo"."thing"`);\n');
    expect(writesBypassingFlush(root, model).sort()).toEqual([
      'kysely.ts:1: await em.getKysely().updateTable("thing").set({ a: 1 }).execute();',
      'native.ts:1: await em.nativeUpdate(ThingEntity, { id }, { a: 1 });',
      'native.ts:2: await em.nativeDelete(ThingEntity, { id });',
      'qb.ts:3: await qb',
      'qb.ts:6: await em.qb(ThingEntity).delete().where({ id }).execute();',
      'sql.ts:1: await em.execute(`update "demo"."thing"',
      'sql.ts:3: await em.execute(`update ${table} t set a = 1`);',
      'sql.ts:4: await em.execute(`delete from thing`);',
      'sql.ts:5: await em.execute(`insert into "demo"."audit_log" (x) values (1)`);',
    ]);
  });

  it('skips files allowed with a reason, and refuses an allowance without one', () => {
    expect(
      writesBypassingFlush(root, model, { 'native.ts': 'r', 'qb.ts': 'r', 'kysely.ts': 'r', 'sql.ts': 'the reason' }),
    ).toEqual([]);
    expect(() => writesBypassingFlush(root, model, { 'sql.ts': ' ' })).toThrow(/Say why sql.ts/);
  });
});

describe('checkedActions', () => {
  it('counts checks in code, not in comments', () => {
    const dir = join(root, 'policy');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'a.ts'),
      "policy.require(caller, 'thing:edit');\n// policy.require(caller, 'thing:delete');\n/** @Authorized('thing:read') */\n",
    );
    expect([...checkedActions(dir).keys()]).toEqual(['thing:edit']);
  });
});
