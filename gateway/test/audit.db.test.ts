import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MissingAuditActorError, forkForSystem, type Em, type SubgraphRuntime } from '@welcome-hub/kit';
import { devToken } from '@welcome-hub/kit/testing';
import { startTestHub, type TestHub } from './hub.js';

// The audit trail through the gateway: every subgraph's writes leave entries in its own
// schema, and a practice's history is read through the supergraph.
const OLPE = '05966024';
const SIEGEN = '05970040';

let test: TestHub;
let olpe: string;
let siegen: string;
let coordinator: string;

beforeAll(async () => {
  test = await startTestHub();
  olpe = await devToken({ sub: 'editor-olpe', role: 'editor', ags: [OLPE] });
  siegen = await devToken({ sub: 'editor-siegen', role: 'editor', ags: [SIEGEN] });
  coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
});
afterAll(() => test?.close());

const runtimeOf = (subgraph: string): SubgraphRuntime => test.hub.runtimes.find((r) => r.name === subgraph)!;

/** The class MikroORM knows an entity of a subgraph by, to write it outside any request. */
const entityClass = (subgraph: string, name: string) =>
  [...runtimeOf(subgraph).orm.getMetadata().getAll().values()].find((m) => m.className === name)!.class;

/** The audit rows of a subgraph, straight from its table, oldest first. */
async function auditRows(subgraph: string, where = 'true') {
  const runtime = test.hub.runtimes.find((r) => r.name === subgraph)!;
  return (await runtime.orm.em
    .fork()
    .execute(
      `select subject, client, action, entity, record_id, owner_ags, changes from "${subgraph}"."audit_log" where ${where} order by id`,
    )) as {
    subject: string;
    client: string | null;
    action: string;
    entity: string;
    record_id: string;
    owner_ags: string | null;
    changes: Record<string, unknown>;
  }[];
}

const ok = async (query: string, token: string, variables: Record<string, unknown>) => {
  const { data, errors } = await test.gql(query, { token, variables });
  expect(errors).toBeUndefined();
  return data!;
};

describe('the audit trail through the gateway', () => {
  it('records a practice change with old and new values, contact persons masked, readable by its owner and coordinators only', async () => {
    const create = `mutation($input: CreatePracticeInput!) { createPractice(input: $input) { id } }`;
    const input = {
      owner: { ags: OLPE },
      slug: 'audit-gateway',
      title: 'Willkommen am Biggesee',
      summary: 'Neu Zugezogene werden am See begrüßt und lernen die Stadt kennen.',
      kind: 'EVENT_FORMAT',
      targetGroups: ['FAMILIES'],
      fieldsOfAction: ['NEW_HOME'],
      contacts: [{ name: 'Fritz Test', role: 'Bürgerbüro', email: 'fritz@example.org' }],
    };
    const id = (await ok(create, olpe, { input })).createPractice.id as string;
    const update = `mutation($input: UpdatePracticeInput!) { updatePractice(input: $input) { id } }`;
    await ok(update, olpe, {
      input: {
        id,
        title: 'Willkommen an der Bigge',
        contacts: [{ name: 'Frida Test', role: 'Bürgerbüro', email: 'frida@example.org' }],
      },
    });

    const history = `{ practice(slug: "audit-gateway") { history { totalCount edges { node {
      subject client action entity recordId ownerAgs changes { field oldValue newValue masked } } } } } }`;
    const own = (await test.gql(history, { token: olpe })).data!.practice.history;
    expect(own.totalCount).toBe(2);
    expect(own.edges[1].node).toEqual({
      subject: 'editor-olpe',
      client: null,
      action: 'UPDATE',
      entity: 'Practice',
      recordId: id,
      ownerAgs: OLPE,
      changes: [
        { field: 'title', oldValue: 'Willkommen am Biggesee', newValue: 'Willkommen an der Bigge', masked: false },
        {
          field: 'contacts',
          masked: true,
          oldValue: [{ name: '***', role: 'Bürgerbüro', email: '***', phone: null }],
          newValue: [{ name: '***', role: 'Bürgerbüro', email: '***', phone: null }],
        },
      ],
    });
    expect(JSON.stringify(await auditRows('practices'))).not.toMatch(/fritz|frida/i);

    expect((await test.gql(history, { token: coordinator })).data!.practice.history.totalCount).toBe(2);
    for (const token of [undefined, siegen]) {
      const { data, errors } = await test.gql(history, { token });
      expect(errors).toBeUndefined();
      expect(data!.practice.history).toBeNull();
    }
    const trail = `{ practicesAuditTrail(filter: { recordId: "${id}" }) { totalCount } }`;
    expect((await test.gql(trail, { token: coordinator })).data!.practicesAuditTrail.totalCount).toBe(2);
    expect((await test.gql(trail)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await test.gql(trail, { token: olpe })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('records a participation declared and its contact changed, the contact person and role masked', async () => {
    const declare = `mutation($input: DeclareParticipationInput!) { declareParticipation(input: $input) { id } }`;
    const contact = { name: 'Clara Test', role: 'Bürgerbüro', email: 'clara.test@example.org' };
    const input = {
      ags: OLPE,
      cooperation: 'qualitaetsoffensive-willkommen-suedwestfalen',
      declaredOn: '2024-02-01',
      contact,
    };
    const id = (await ok(declare, olpe, { input })).declareParticipation.id as string;
    const change = `mutation($input: UpdateParticipationContactInput!) { updateParticipationContact(input: $input) { id } }`;
    await ok(change, olpe, {
      input: { id, contact: { ...contact, role: 'Integrationsbeauftragte', email: 'clara@example.org' } },
    });

    const rows = await auditRows('municipalities', `record_id = '${id}'`);
    expect(rows.map((r) => [r.subject, r.action, r.entity, r.owner_ags])).toEqual([
      ['editor-olpe', 'create', 'Participation', OLPE],
      ['editor-olpe', 'update', 'Participation', OLPE],
    ]);
    expect(rows[0]!.changes).toMatchObject({
      contactName: { old: null, new: '***', masked: true },
      contactRole: { old: null, new: '***', masked: true },
    });
    expect(rows[1]!.changes).toEqual({
      contactRole: { old: '***', new: '***', masked: true },
      contactEmail: { old: '***', new: '***', masked: true },
    });
    expect(JSON.stringify(rows)).not.toMatch(/clara/i);
  });

  it('records a module adoption and a self-assessment with each of its answers, notes masked', async () => {
    const module = (await test.gql(`{ modules(first: 1) { edges { node { id } } } }`)).data!.modules.edges[0].node
      .id as string;
    const adopt = `mutation($input: SetModuleAdoptionInput!) { setModuleAdoption(input: $input) { status } }`;
    await ok(adopt, siegen, { input: { moduleId: module, ags: SIEGEN, status: 'PLANNED' } });
    await ok(adopt, siegen, {
      input: { moduleId: module, ags: SIEGEN, status: 'IN_USE', localNotes: 'Seit dem Frühjahr.' },
    });
    const adoptions = await auditRows('modules', `entity = 'ModuleAdoption'`);
    expect(adoptions.map((r) => [r.subject, r.action, r.owner_ags])).toEqual([
      ['editor-siegen', 'create', SIEGEN],
      ['editor-siegen', 'update', SIEGEN],
    ]);
    // Free text may name people: that it changed is recorded, not what it says.
    expect(adoptions[1]!.changes).toEqual({
      status: { old: 'PLANNED', new: 'IN_USE' },
      localNotes: { old: null, new: '***', masked: true },
    });

    const submit = `mutation($input: SubmitAssessmentInput!) { submitAssessment(input: $input) { id } }`;
    const answers = ['online-information', 'welcome-pack', 'personal-welcome', 'contact-point', 'self-assessment'].map(
      (criterion) => ({ criterion, score: 1, note: 'Frau Test fragen.' }),
    );
    const id = (await ok(submit, siegen, { input: { ags: SIEGEN, answers } })).submitAssessment.id as string;
    const [assessment] = await auditRows('modules', `record_id = '${id}'`);
    expect([assessment!.subject, assessment!.action, assessment!.entity, assessment!.owner_ags]).toEqual([
      'editor-siegen',
      'create',
      'Assessment',
      SIEGEN,
    ]);
    // Who submitted it and when is the entry's own subject and time.
    expect(assessment!.changes).toEqual({ municipalityAgs: { old: null, new: SIEGEN } });
    const answered = await auditRows('modules', `entity = 'AssessmentAnswer'`);
    expect(answered).toHaveLength(answers.length);
    expect(answered[0]!.changes.note).toEqual({ old: null, new: '***', masked: true });
  });

  it('records an event created and a registration, participant names masked', async () => {
    const create = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
    const input = {
      slug: 'audit-forum',
      title: 'Forum Willkommenskultur',
      kind: 'FORUM',
      startsAt: '2027-03-01T13:00:00Z',
      capacity: 10,
      host: OLPE,
    };
    const id = (await ok(create, olpe, { input })).createEvent.id as string;
    expect(
      (await auditRows('events', `record_id = '${id}'`)).map((r) => [r.subject, r.action, r.entity, r.owner_ags]),
    ).toEqual([['editor-olpe', 'create', 'Event', OLPE]]);
    const register = `mutation($input: RegisterInput!) { registerForEvent(input: $input) { id } }`;
    const registration = (
      await ok(register, siegen, {
        input: { eventId: id, ags: SIEGEN, participants: 2, names: ['Paula Test', 'Peter Test'] },
      })
    ).registerForEvent.id;
    const [row] = await auditRows('events', `record_id = '${registration}'`);
    expect(row).toMatchObject({
      subject: 'editor-siegen',
      action: 'create',
      owner_ags: SIEGEN,
      changes: { names: { old: null, new: ['***', '***'], masked: true } },
    });
  });

  it("answers each subgraph's trail to coordinators, and to editors for their own municipality's records only", async () => {
    const ENTRY = `totalCount edges { node { subject action entity ownerAgs changes { field oldValue newValue masked } } }`;
    const trail = (field: string) => `query($filter: AuditTrailFilter) { ${field}(filter: $filter) { ${ENTRY} } }`;
    const read = async (field: string, token: string | undefined, filter: Record<string, unknown>) =>
      test.gql(trail(field), { token, variables: { filter } });

    // The event of the test above, hosted by Olpe: its editors and coordinators read its creation.
    const event = { entity: 'Event', municipality: OLPE };
    for (const token of [olpe, coordinator]) {
      const { data, errors } = await read('eventsAuditTrail', token, event);
      expect(errors).toBeUndefined();
      expect(
        data!.eventsAuditTrail.edges.map((e: { node: { subject: string; action: string } }) => [
          e.node.subject,
          e.node.action,
        ]),
      ).toEqual([['editor-olpe', 'CREATE']]);
    }
    // Siegen's registration for it, names masked, is Siegen's record.
    const registrations = (await read('eventsAuditTrail', siegen, { entity: 'Registration', municipality: SIEGEN }))
      .data!.eventsAuditTrail;
    expect(registrations.edges[0].node.changes).toContainEqual({
      field: 'names',
      oldValue: null,
      newValue: ['***', '***'],
      masked: true,
    });
    expect(
      (await read('modulesAuditTrail', siegen, { entity: 'ModuleAdoption', municipality: SIEGEN })).data!
        .modulesAuditTrail.totalCount,
    ).toBe(2);
    expect(
      (await read('municipalitiesAuditTrail', olpe, { entity: 'Participation', municipality: OLPE })).data!
        .municipalitiesAuditTrail.totalCount,
    ).toBe(2);
    expect((await read('identityAuditTrail', coordinator, {})).data!.identityAuditTrail.totalCount).toBeGreaterThan(0);

    // Nobody else: no token, another municipality's editor, an editor asking for everything, an editor reading accounts.
    const refusals: [string, string | undefined, Record<string, unknown>, string][] = [
      ['eventsAuditTrail', undefined, event, 'UNAUTHENTICATED'],
      ['eventsAuditTrail', siegen, event, 'FORBIDDEN'],
      ['eventsAuditTrail', olpe, {}, 'FORBIDDEN'],
      ['modulesAuditTrail', olpe, { municipality: SIEGEN }, 'FORBIDDEN'],
      ['municipalitiesAuditTrail', siegen, { municipality: OLPE }, 'FORBIDDEN'],
      ['identityAuditTrail', olpe, { municipality: OLPE }, 'FORBIDDEN'],
    ];
    for (const [field, token, filter, code] of refusals) {
      const { data, errors } = await read(field, token, filter);
      expect([field, errors?.[0].extensions?.code]).toEqual([field, code]);
      expect(data?.[field] ?? null).toBeNull();
    }
  });

  it("records what the seeds loaded as the system's, the reference statistics included", async () => {
    const practice = (await test.gql(`{ practice(slug: "willkommen-in-siegen") { id } }`)).data!.practice.id as string;
    const [created] = await auditRows('practices', `record_id = '${practice}'`);
    expect(created).toMatchObject({
      subject: 'system',
      client: null,
      action: 'create',
      entity: 'Practice',
      owner_ags: SIEGEN,
    });
    expect(created!.changes).toMatchObject({ slug: { old: null, new: 'willkommen-in-siegen' } });
    const [siegenRow] = await auditRows('municipalities', `entity = 'Municipality' and record_id = '${SIEGEN}'`);
    expect(siegenRow).toMatchObject({
      subject: 'system',
      action: 'create',
      owner_ags: SIEGEN,
      changes: { population: { old: null, new: 102685 } },
    });
    const seeded = async (subgraph: string, entity: string) =>
      (await auditRows(subgraph, `entity = '${entity}' and subject = 'system' and action = 'create'`)).length;
    expect([
      await seeded('modules', 'Module'),
      await seeded('events', 'Event'),
      await seeded('municipalities', 'District'),
    ]).toEqual([9, 4, 20]);
    expect(await seeded('modules', 'Criterion')).toBeGreaterThan(0);
  });

  it('refuses to write an audited record through an entity manager forked for nobody, and records a system fork as "system"', async () => {
    const Practice = entityClass('practices', 'Practice');
    const unowned = runtimeOf('practices').orm.em.fork() as Em;
    const practice = (await unowned.findOneOrFail(Practice, { slug: 'welcome-ruhr' })) as {
      id: string;
      lessonsLearned: string | null;
    };
    practice.lessonsLearned = 'Ohne Absender.';
    await expect(unowned.flush()).rejects.toThrow(MissingAuditActorError);
    await expect(unowned.flush()).rejects.toThrow(/^Practice is audited/);
    expect(await auditRows('practices', `record_id = '${practice.id}' and subject <> 'system'`)).toEqual([]);

    const system = forkForSystem(runtimeOf('practices').orm.em) as Em;
    const same = (await system.findOneOrFail(Practice, { slug: 'welcome-ruhr' })) as { lessonsLearned: string | null };
    same.lessonsLearned = 'Nachgetragen.';
    await system.flush();
    const rows = await auditRows('practices', `record_id = '${practice.id}'`);
    expect(rows.map((r) => [r.subject, r.action])).toEqual([
      ['system', 'create'],
      ['system', 'update'],
    ]);
    expect(rows[1]!.changes).toEqual({ lessonsLearned: { old: null, new: 'Nachgetragen.' } });
  });

  it('pages the audit trail by keyset: pages join up to the whole trail, and a cursor survives entries appended meanwhile', async () => {
    const trail = `query($first: Int, $after: String) { practicesAuditTrail(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }`;
    const page = async (variables: Record<string, unknown>) =>
      (await ok(trail, coordinator, variables)).practicesAuditTrail;
    const all = await page({ first: 200 });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const next = await page({ first: 3, after });
      expect(next.totalCount).toBe(all.totalCount);
      expect(next.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...next.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!next.pageInfo.hasNextPage) break;
      after = next.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((e: { node: { id: string } }) => e.node.id));

    const first = await page({ first: 2 });
    const system = forkForSystem(runtimeOf('practices').orm.em) as Em;
    const practice = (await system.findOneOrFail(entityClass('practices', 'Practice'), {
      slug: 'lokal-willkommen-dortmund',
    })) as { lessonsLearned: string | null };
    practice.lessonsLearned = 'Angehängt.';
    await system.flush();
    const second = await page({ first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(
      all.edges.slice(2, 4).map((e: { node: { id: string } }) => e.node.id),
    );
    expect(second.totalCount).toBe(all.totalCount + 1);

    for (const forged of [
      'b2Zmc2V0OjE',
      'not a cursor',
      Buffer.from('audit:99999999999999999999').toString('base64url'),
    ]) {
      const { errors } = await test.gql(trail, { token: coordinator, variables: { after: forged } });
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
    }
  });

  it('has the indexes the trail is paged by in every audited schema', async () => {
    for (const subgraph of ['municipalities', 'practices', 'modules', 'events']) {
      const indexes = (await runtimeOf(subgraph)
        .orm.em.fork()
        .execute(
          `select indexdef from pg_indexes where schemaname = ? and tablename = 'audit_log' order by indexname`,
          [subgraph],
        )) as { indexdef: string }[];
      const columns = indexes.map((i) => /\((.*)\)$/.exec(i.indexdef)![1]);
      expect({ subgraph, columns }).toEqual({
        subgraph,
        columns: expect.arrayContaining([
          'owner_ags, id',
          'record_id, id',
          'entity, id',
          'subject, id',
          'entity, record_id, id',
        ]),
      });
    }
  });

  it('left an audit entry for every record this file wrote', async () => {
    expect(await test.unaudited()).toEqual([]);
  });

  it("keeps every audited subgraph's audit table append-only in the database (accounts and clients too)", async () => {
    const audited = test.hub.runtimes.filter((r) =>
      ['municipalities', 'practices', 'modules', 'events', 'identity'].includes(r.name),
    );
    expect(audited).toHaveLength(5);
    for (const runtime of audited) {
      const connection = runtime.orm.em.getConnection();
      await expect(connection.execute(`update "${runtime.name}"."audit_log" set subject = 'x'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(connection.execute(`delete from "${runtime.name}"."audit_log"`)).rejects.toThrow(/append-only/);
    }
  });
});
