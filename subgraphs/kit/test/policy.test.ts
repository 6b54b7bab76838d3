import 'reflect-metadata';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { execute, parse } from 'graphql';
import { Authorized, Field, ObjectType, Query, Resolver } from 'type-graphql';
import {
  ANONYMOUS,
  allOf,
  buildFederatedSchema,
  coordinatorsOnly,
  definePolicy,
  forMunicipality,
  matchesCondition,
  policyAuthChecker,
  signedIn,
  subjectOf,
  type Caller,
  type Condition,
  type Policy,
} from '../src/index.js';
import { catalogueCoverage, checkedActions, decide, roleCallers } from '../src/testing/index.js';

const SIEGEN = '05970040';
const OLPE = '05966024';
const callers = roleCallers(SIEGEN, OLPE);

interface Resources {
  'report:write': { ags: string };
  'report:read-draft': { ownerAgs: string | null; draft: boolean };
  'report:read-author': unknown;
  'catalogue:write': unknown;
}
const policy = definePolicy<Resources>({
  'report:write': forMunicipality((r) => r.ags),
  'report:read-draft': {
    where: (user) => (user.role === 'coordinator' ? {} : { ownerAgs: { $in: [...user.ags] } }),
    deny: 'Drafts are private.',
  },
  'report:read-author': signedIn,
  'catalogue:write': coordinatorsOnly,
});

describe('definePolicy', () => {
  it('answers UNAUTHENTICATED to anonymous callers with the message clients know, for every action', () => {
    for (const action of policy.actions) {
      expect(() => policy.require(ANONYMOUS, action, { ags: SIEGEN, ownerAgs: SIEGEN, draft: true })).toThrow(
        expect.objectContaining({
          message: 'This operation requires a valid bearer token.',
          extensions: { code: 'UNAUTHENTICATED' },
        }),
      );
      expect(policy.can(ANONYMOUS, action, { ags: SIEGEN, ownerAgs: SIEGEN, draft: true })).toBe(false);
    }
  });

  it("answers FORBIDDEN with the rule's message and returns the signed-in caller when allowed", () => {
    expect(() => policy.require(callers.otherEditor, 'report:write', { ags: SIEGEN })).toThrow(
      expect.objectContaining({
        message: `Your token acts for ${OLPE}, not for ${SIEGEN}.`,
        extensions: { code: 'FORBIDDEN' },
      }),
    );
    expect(() => policy.require(callers.ownEditor, 'catalogue:write')).toThrow(
      expect.objectContaining({ message: 'Only coordinators may do this.' }),
    );
    expect(policy.require(callers.ownEditor, 'report:write', { ags: SIEGEN })).toBe(callers.ownEditor);
    expect(decide(policy, callers.coordinator, 'catalogue:write')).toBe('allow');
  });

  it('refuses actions outside its catalogue', () => {
    expect(() =>
      (policy as unknown as Policy<Record<string, unknown>>).can(callers.coordinator, 'report:delete'),
    ).toThrow(/no action "report:delete"/);
  });

  it("derives a condition rule's single-record decision from the same condition lists filter with", () => {
    expect(policy.where(ANONYMOUS, 'report:read-draft')).toBeNull();
    expect(policy.where(callers.coordinator, 'report:read-draft')).toEqual({});
    expect(policy.where(callers.ownEditor, 'report:read-draft')).toEqual({ ownerAgs: { $in: [SIEGEN] } });
    const own = { ownerAgs: SIEGEN, draft: true };
    const cooperation = { ownerAgs: null, draft: true };
    expect(policy.can(callers.ownEditor, 'report:read-draft', own)).toBe(true);
    expect(policy.can(callers.otherEditor, 'report:read-draft', own)).toBe(false);
    expect(policy.can(callers.ownEditor, 'report:read-draft', cooperation)).toBe(false);
    expect(policy.can(callers.coordinator, 'report:read-draft', cooperation)).toBe(true);
    expect(() => policy.where(callers.coordinator, 'report:write')).toThrow(/not given as a condition/);
  });

  it('records the token subject as the writer, "anonymous" without one', () => {
    expect(subjectOf(callers.ownEditor)).toBe(`editor-${SIEGEN}`);
    expect(subjectOf(ANONYMOUS)).toBe('anonymous');
  });
});

describe('matchesCondition', () => {
  const row = { draft: true, ownerAgs: null, archivedAt: null, kind: 'EVENT' };

  it('evaluates equality, null, $in, $and and $or as PostgreSQL does', () => {
    expect(matchesCondition(row, {})).toBe(true);
    expect(matchesCondition(row, { draft: true, archivedAt: null })).toBe(true);
    expect(matchesCondition({ ...row, archivedAt: new Date() }, { archivedAt: null })).toBe(false);
    // NULL IN (...) is not true in SQL.
    expect(matchesCondition(row, { ownerAgs: { $in: [SIEGEN] } })).toBe(false);
    expect(matchesCondition({ ...row, ownerAgs: SIEGEN }, { ownerAgs: { $in: [SIEGEN] } })).toBe(true);
    expect(matchesCondition(row, { $or: [{ draft: false }, { kind: 'EVENT' }] })).toBe(true);
    expect(matchesCondition(row, { $and: [{ draft: true }, { kind: 'TOOL' }] })).toBe(false);
    expect(matchesCondition(row, allOf({}, { draft: true }, {}))).toBe(true);
  });

  it('refuses what it cannot evaluate exactly as SQL would, instead of guessing', () => {
    expect(() => matchesCondition(row, { createdAt: { $gt: new Date() } } as Condition)).toThrow(/\$gt/);
    expect(() => matchesCondition(row, { archivedAt: new Date() })).toThrow(/archivedAt/);
    expect(() => matchesCondition(row, { $not: { draft: true } } as Condition)).toThrow(/\$not/);
  });
});

@ObjectType('Report')
class Report {
  @Field(() => String)
  title!: string;

  @Authorized<keyof Resources>('report:read-author')
  @Field(() => String, { nullable: true })
  author!: string;

  @Authorized<keyof Resources>('report:write')
  @Field(() => String, { nullable: true })
  editNote!: string;
}

@Resolver()
class ReportResolver {
  @Query(() => [Report])
  reports(): (Report & { ags: string })[] {
    return [
      { title: 'Siegen', author: 'Anna', editNote: 'check figures', ags: SIEGEN },
      { title: 'Olpe', author: 'Ben', editNote: 'add photos', ags: OLPE },
    ];
  }
}

describe('policyAuthChecker', () => {
  const run = async (caller: Caller, withChecker = true) => {
    const { schema } = await buildFederatedSchema({
      resolvers: [ReportResolver],
      referenceResolvers: {},
      authChecker: withChecker ? policyAuthChecker(policy) : undefined,
    });
    const result = await execute({
      schema,
      document: parse('{ reports { title author editNote } }'),
      contextValue: { caller },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.reports as { title: string; author: string | null; editNote: string | null }[];
  };

  it('answers null for @Authorized fields the caller may not see, deciding on the parent object', async () => {
    expect(await run(ANONYMOUS)).toEqual([
      { title: 'Siegen', author: null, editNote: null },
      { title: 'Olpe', author: null, editNote: null },
    ]);
    expect(await run(callers.ownEditor)).toEqual([
      { title: 'Siegen', author: 'Anna', editNote: 'check figures' },
      { title: 'Olpe', author: 'Ben', editNote: null },
    ]);
    expect((await run(callers.coordinator)).map((r) => r.editNote)).toEqual(['check figures', 'add photos']);
  });

  it('grants nothing in a schema built without a checker', async () => {
    expect((await run(callers.coordinator, false)).map((r) => r.author)).toEqual([null, null]);
  });
});

describe('catalogueCoverage', () => {
  it('finds the actions sources check, and the catalogue actions no source checks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-scan-'));
    try {
      mkdirSync(join(dir, 'report'));
      writeFileSync(
        join(dir, 'report', 'report.service.ts'),
        "policy.require(ctx.caller, 'report:write', { ags });\nif (policy.can(user, 'report:read-draft', r)) {}\n",
      );
      writeFileSync(
        join(dir, 'report', 'report.resolver.ts'),
        "  @Authorized<ReportAction>('report:read-author')\n  @Authorized('report:archive')\n",
      );
      expect(Object.fromEntries(checkedActions(dir))).toEqual({
        'report:write': [join('report', 'report.service.ts')],
        'report:read-draft': [join('report', 'report.service.ts')],
        'report:read-author': [join('report', 'report.resolver.ts')],
        'report:archive': [join('report', 'report.resolver.ts')],
      });
      expect(catalogueCoverage(policy, dir)).toEqual({ unchecked: ['catalogue:write'], unknown: ['report:archive'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
