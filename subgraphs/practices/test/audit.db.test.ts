import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MissingAuditActorError, forkForSystem } from '@welcome-hub/kit';
import { devToken } from '@welcome-hub/kit/testing';
import { PracticeEntity } from '../src/practice/practice.entity.js';
import { practiceInput, startPractices, type SubgraphUnderTest } from './support.js';

const OLPE = '05966024';
const SIEGEN = '05970040';
const CREATE = `mutation($input: CreatePracticeInput!) { createPractice(input: $input) { id } }`;
const UPDATE = `mutation($input: UpdatePracticeInput!) { updatePractice(input: $input) { id } }`;
const ENTRY = `id at subject client action entity recordId ownerAgs changes { field oldValue newValue masked }`;
const HISTORY = `query($slug: String!, $first: Int, $after: String) { practice(slug: $slug) { history(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { ${ENTRY} } } } } }`;
const TRAIL = `query($filter: AuditTrailFilter, $first: Int, $after: String) { practicesAuditTrail(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { ${ENTRY} } } } }`;

interface Entry {
  subject: string;
  action: string;
  recordId: string;
  ownerAgs: string | null;
  client: string | null;
  changes: { field: string; oldValue: unknown; newValue: unknown; masked: boolean }[];
}

let hub: SubgraphUnderTest;
let olpeEditor: string;
let siegenEditor: string;
let coordinator: string;
let practiceId: string;
let entriesAfterSeed: number;

/** The audit rows of one record, straight from the table. */
const rowsOf = async (recordId: string) =>
  (await hub.runtime.orm.em
    .fork()
    .execute(`select * from "practices"."audit_log" where record_id = ? order by id`, [recordId])) as {
    subject: string;
    action: string;
    changes: Record<string, { old: unknown; new: unknown; masked?: true }>;
  }[];

beforeAll(async () => {
  hub = await startPractices();
  entriesAfterSeed = await hub.count('audit_log');
  olpeEditor = await devToken({ sub: 'editor-olpe', role: 'editor', ags: [OLPE] });
  siegenEditor = await devToken({ sub: 'editor-siegen', role: 'editor', ags: [SIEGEN] });
  coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
  const created = await hub.gql(CREATE, {
    token: olpeEditor,
    variables: { input: practiceInput({ slug: 'audit-olpe', title: 'Audit in Olpe' }) },
  });
  expect(created.errors).toBeUndefined();
  practiceId = created.data!.createPractice.id;
  const contacts = [{ name: 'Eva Test', role: 'Bürgerbüro', email: 'eva.neu@example.org', phone: '+49 2761 83-0' }];
  const updated = await hub.gql(UPDATE, {
    token: olpeEditor,
    variables: { input: { id: practiceId, title: 'Audit in Olpe, neu', startedYear: 2023, contacts } },
  });
  expect(updated.errors).toBeUndefined();
});
afterAll(() => hub?.close());

describe('the audit trail of practices', () => {
  it("records what the seed loaded as the system's", async () => {
    expect(entriesAfterSeed).toBe(5);
    expect(await hub.count('audit_log', `subject = 'system' and action = 'create' and entity = 'Practice'`)).toBe(5);
  });

  it('records a creation with its non-empty fields, and who made it', async () => {
    const [created] = await rowsOf(practiceId);
    expect(created).toMatchObject({
      subject: 'editor-olpe',
      action: 'create',
      owner_ags: OLPE,
      client: null,
      entity: 'Practice',
    });
    expect(created!.changes.title).toEqual({ old: null, new: 'Audit in Olpe' });
    expect(created!.changes).not.toHaveProperty('description'); // null
    expect(created!.changes).not.toHaveProperty('funding'); // empty
    expect(created!.changes).not.toHaveProperty('createdBy'); // the entry's own subject says it
  });

  it('records an update with old and new values of the changed fields only, contact persons masked', async () => {
    const rows = await rowsOf(practiceId);
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
    const masked = [{ name: '***', role: 'Bürgerbüro', email: '***', phone: '***' }];
    expect(rows[1]!.changes).toEqual({
      title: { old: 'Audit in Olpe', new: 'Audit in Olpe, neu' },
      startedYear: { old: 2022, new: 2023 },
      // Only the e-mail changed: equal masked values, flagged.
      contacts: { old: masked, new: masked, masked: true },
    });
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('eva.test@example.org');
    expect(stored).not.toContain('eva.neu@example.org');
    expect(stored).not.toContain('Eva Test');
  });

  it("shows a practice's history to its owner's editors and coordinators, and to nobody else", async () => {
    const history = async (token?: string) => {
      const { data, errors } = await hub.gql(HISTORY, { token, variables: { slug: 'audit-olpe' } });
      expect(errors).toBeUndefined();
      return data!.practice.history;
    };
    const own = await history(olpeEditor);
    expect(own.totalCount).toBe(2);
    const update = own.edges[1].node as Entry;
    expect(update).toMatchObject({
      subject: 'editor-olpe',
      action: 'UPDATE',
      recordId: practiceId,
      ownerAgs: OLPE,
      client: null,
    });
    expect(update.changes).toContainEqual({
      field: 'title',
      oldValue: 'Audit in Olpe',
      newValue: 'Audit in Olpe, neu',
      masked: false,
    });
    expect(update.changes.map((c) => c.field).sort()).toEqual(['contacts', 'startedYear', 'title']);
    expect((await history(coordinator)).totalCount).toBe(2);
    expect(await history(undefined)).toBeNull();
    expect(await history(siegenEditor)).toBeNull();
  });

  it("keeps a cooperation's practice history to coordinators", async () => {
    const variables = { slug: 'welcome-ruhr' };
    expect(
      (await hub.gql(HISTORY, { token: await devToken({ sub: 'e', role: 'editor', ags: ['05913000'] }), variables }))
        .data!.practice.history,
    ).toBeNull();
    const seeded = (await hub.gql(HISTORY, { token: coordinator, variables })).data!.practice.history;
    expect(seeded).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false } });
    expect(seeded.edges[0].node).toMatchObject({ subject: 'system', action: 'CREATE', ownerAgs: null });
  });

  it('pages a history with cursors, oldest first', async () => {
    const first = await hub.gql(HISTORY, { token: olpeEditor, variables: { slug: 'audit-olpe', first: 1 } });
    const page1 = first.data!.practice.history;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges[0].node.action).toBe('CREATE');
    const page2 = (
      await hub.gql(HISTORY, {
        token: olpeEditor,
        variables: { slug: 'audit-olpe', first: 1, after: page1.pageInfo.endCursor },
      })
    ).data!.practice.history;
    expect(page2).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false } });
    expect(page2.edges[0].node.action).toBe('UPDATE');
  });

  it('loads the histories of a whole list in one statement', async () => {
    const list = `{ practices(first: 50) { edges { node { history(first: 3) { totalCount } } } } }`;
    hub.statements.reset();
    const { data, errors } = await hub.gql(list, { token: coordinator });
    expect(errors).toBeUndefined();
    expect(data!.practices.edges.length).toBeGreaterThan(5);
    // The page and its count, then every history at once.
    expect(hub.statements.statements.filter((sql) => sql.includes('audit_log'))).toHaveLength(1);
  });

  it('leaves no entry for a refused or failed write', async () => {
    const before = await hub.count('audit_log');
    const conflict = await hub.gql(CREATE, {
      token: olpeEditor,
      variables: { input: practiceInput({ slug: 'audit-olpe' }) },
    });
    expect(conflict.errors?.[0].extensions?.code).toBe('CONFLICT');
    const forbidden = await hub.gql(UPDATE, {
      token: siegenEditor,
      variables: { input: { id: practiceId, title: 'Fremd' } },
    });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await hub.gql(UPDATE, { token: olpeEditor, variables: { input: { id: practiceId, title: '' } } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await hub.count('audit_log')).toBe(before);
  });

  it('records interests marked and taken back, and adaptations recorded in a transaction, as the caller', async () => {
    const mark = `mutation($input: MarkInterestInput!) { markInterest(input: $input) { createdAt } }`;
    const remove = `mutation($input: RemoveInterestInput!) { removeInterest(input: $input) }`;
    const siegen = (await hub.gql(`{ practice(slug: "willkommen-in-siegen") { id } }`)).data!.practice.id as string;
    const input = { practiceId: siegen, ags: OLPE };
    expect(
      (await hub.gql(mark, { token: olpeEditor, variables: { input: { ...input, note: 'Klingt gut.' } } })).errors,
    ).toBeUndefined();
    expect((await hub.gql(remove, { token: olpeEditor, variables: { input } })).errors).toBeUndefined();
    const interests = (await hub.runtime.orm.em
      .fork()
      .execute(
        `select subject, action, owner_ags, changes from "practices"."audit_log" where entity = 'PracticeInterest' order by id`,
      )) as {
      subject: string;
      action: string;
      owner_ags: string;
      changes: Record<string, { old: unknown; new: unknown }>;
    }[];
    expect(interests.map((r) => [r.subject, r.action, r.owner_ags])).toEqual([
      ['editor-olpe', 'create', OLPE],
      ['editor-olpe', 'delete', OLPE],
    ]);
    // A note may name people: that it was there is recorded, not what it said.
    expect(interests[1]!.changes.note).toEqual({ old: '***', new: null, masked: true });

    const link = `mutation($input: SetAdaptedFromInput!) { setAdaptedFrom(input: $input) { id } }`;
    const linked = await hub.gql(link, {
      token: olpeEditor,
      variables: { input: { practiceId, sourceId: siegen, changes: 'Nach Siegener Vorbild.' } },
    });
    expect(linked.errors).toBeUndefined();
    const last = (await rowsOf(practiceId)).at(-1)!;
    expect(last).toMatchObject({ subject: 'editor-olpe', action: 'update' });
    expect(last.changes.adaptedFromId).toEqual({ old: null, new: siegen });
  });

  it('records a flush outside any request as "system" when forked for it, and refuses one forked for nobody', async () => {
    const unowned = hub.runtime.orm.em.fork();
    (await unowned.findOneOrFail(PracticeEntity, { slug: 'welcome-ruhr' })).effortNotes = 'Ohne Absender.';
    await expect(unowned.flush()).rejects.toThrow(MissingAuditActorError);
    const em = forkForSystem(hub.runtime.orm.em);
    const practice = await em.findOneOrFail(PracticeEntity, { slug: 'welcome-ruhr' });
    practice.effortNotes = 'Nachgetragen.';
    await em.flush();
    expect((await rowsOf(practice.id)).map((r) => [r.subject, r.action])).toEqual([
      ['system', 'create'],
      ['system', 'update'],
    ]);
    // Free text about the work behind a practice may name people.
    expect((await rowsOf(practice.id))[1]!.changes).toEqual({ effortNotes: { old: null, new: '***', masked: true } });
  });
});

describe('practicesAuditTrail', () => {
  const trail = async (variables: Record<string, unknown>, token = coordinator) => {
    const { data, errors } = await hub.gql(TRAIL, { token, variables });
    expect(errors).toBeUndefined();
    return data!.practicesAuditTrail as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: { node: Entry }[];
    };
  };

  it("answers coordinators, and editors for their own municipality's records only", async () => {
    const editor = await hub.gql(TRAIL, { token: olpeEditor });
    expect(editor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(editor.data!.practicesAuditTrail).toBeNull();
    expect(
      (await hub.gql(TRAIL, { token: olpeEditor, variables: { filter: { municipality: SIEGEN } } })).errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');
    const own = await trail({ filter: { municipality: OLPE } }, olpeEditor);
    expect(own.totalCount).toBeGreaterThan(0);
    expect(new Set(own.edges.map((e) => e.node.ownerAgs))).toEqual(new Set([OLPE]));
    expect((await hub.gql(TRAIL)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('filters by record, subject, action, type, municipality and time, and pages', async () => {
    expect((await trail({ filter: { recordId: practiceId } })).totalCount).toBe(3);
    expect(
      (await trail({ filter: { recordId: practiceId, action: 'UPDATE' } })).edges.map((e) => e.node.action),
    ).toEqual(['UPDATE', 'UPDATE']);
    expect((await trail({ filter: { subject: 'system', action: 'UPDATE' } })).edges.map((e) => e.node.subject)).toEqual(
      ['system'],
    );
    expect((await trail({ filter: { entity: 'PracticeInterest' } })).totalCount).toBe(2);
    expect(
      (await trail({ filter: { municipality: SIEGEN } })).edges.map((e) => [e.node.subject, e.node.action]),
    ).toEqual([['system', 'CREATE']]);
    expect((await trail({ filter: { until: '2000-01-01T00:00:00Z' } })).totalCount).toBe(0);
    const all = await trail({ filter: { since: '2000-01-01T00:00:00Z' } });
    const first = await trail({ first: 2 });
    expect(first).toMatchObject({ totalCount: all.totalCount, pageInfo: { hasNextPage: true } });
    const next = await trail({ first: 2, after: first.pageInfo.endCursor });
    expect([...first.edges, ...next.edges].map((e) => e.node)).toEqual(all.edges.slice(0, 4).map((e) => e.node));
  });

  it('names bad filter fields with BAD_USER_INPUT', async () => {
    const { errors } = await hub.gql(TRAIL, {
      token: coordinator,
      variables: {
        filter: {
          municipality: 'Olpe',
          subject: 'x'.repeat(256),
          since: '2026-01-02T00:00:00Z',
          until: '2026-01-01T00:00:00Z',
        },
      },
    });
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((errors![0].extensions!.fields as { field: string }[]).map((f) => f.field).sort()).toEqual([
      'filter.municipality',
      'filter.subject',
      'filter.until',
    ]);
  });

  it('refuses times PostgreSQL cannot compare (the fuzz suite sent year 0), naming the field', async () => {
    const { errors } = await hub.gql(TRAIL, {
      token: coordinator,
      variables: { filter: { since: '0000-01-01T00:00:00Z' } },
    });
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'filter.since' }] });
  });
});

describe('the audit table', () => {
  it('refuses UPDATE, DELETE and TRUNCATE: append-only in the database', async () => {
    const connection = hub.runtime.orm.em.getConnection();
    const before = await hub.count('audit_log');
    await expect(connection.execute(`update "practices"."audit_log" set subject = 'someone else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(connection.execute(`delete from "practices"."audit_log"`)).rejects.toThrow(/append-only/);
    await expect(connection.execute(`truncate "practices"."audit_log"`)).rejects.toThrow(/append-only/);
    expect(await hub.count('audit_log')).toBe(before);
    expect(await hub.count('audit_log', `subject = 'someone else'`)).toBe(0);
  });
});
