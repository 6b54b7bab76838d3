import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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

/** The audit rows of a subgraph, straight from its table, oldest first. */
async function auditRows(subgraph: string, where = 'true') {
  const runtime = test.hub.runtimes.find((r) => r.name === subgraph)!;
  return (await runtime.orm.em.fork().execute(
    `select subject, client, action, entity, record_id, owner_ags, changes from "${subgraph}"."audit_log" where ${where} order by id`,
  )) as { subject: string; client: string | null; action: string; entity: string; record_id: string; owner_ags: string | null; changes: Record<string, unknown> }[];
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
      owner: { ags: OLPE }, slug: 'audit-gateway', title: 'Willkommen am Biggesee', summary: 'Neu Zugezogene werden am See begrüßt und lernen die Stadt kennen.',
      kind: 'EVENT_FORMAT', targetGroups: ['FAMILIES'], fieldsOfAction: ['NEW_HOME'], contacts: [{ name: 'Fritz Test', role: 'Bürgerbüro', email: 'fritz@example.org' }],
    };
    const id = (await ok(create, olpe, { input })).createPractice.id as string;
    const update = `mutation($input: UpdatePracticeInput!) { updatePractice(input: $input) { id } }`;
    await ok(update, olpe, { input: { id, title: 'Willkommen an der Bigge', contacts: [{ name: 'Frida Test', role: 'Bürgerbüro', email: 'frida@example.org' }] } });

    const history = `{ practice(slug: "audit-gateway") { history { totalCount edges { node {
      subject client action entity recordId ownerAgs changes { field oldValue newValue masked } } } } } }`;
    const own = (await test.gql(history, { token: olpe })).data!.practice.history;
    expect(own.totalCount).toBe(2);
    expect(own.edges[1].node).toEqual({
      subject: 'editor-olpe', client: null, action: 'UPDATE', entity: 'Practice', recordId: id, ownerAgs: OLPE,
      changes: [
        { field: 'title', oldValue: 'Willkommen am Biggesee', newValue: 'Willkommen an der Bigge', masked: false },
        {
          field: 'contacts', masked: true,
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

  it('records a participation declared and its contact changed, the contact person masked', async () => {
    const declare = `mutation($input: DeclareParticipationInput!) { declareParticipation(input: $input) { id } }`;
    const contact = { name: 'Clara Test', role: 'Bürgerbüro', email: 'clara.test@example.org' };
    const input = { ags: OLPE, cooperation: 'qualitaetsoffensive-willkommen-suedwestfalen', declaredOn: '2024-02-01', contact };
    const id = (await ok(declare, olpe, { input })).declareParticipation.id as string;
    const change = `mutation($input: UpdateParticipationContactInput!) { updateParticipationContact(input: $input) { id } }`;
    await ok(change, olpe, { input: { id, contact: { ...contact, role: 'Integrationsbeauftragte', email: 'clara@example.org' } } });

    const rows = await auditRows('municipalities', `record_id = '${id}'`);
    expect(rows.map((r) => [r.subject, r.action, r.entity, r.owner_ags])).toEqual([
      ['editor-olpe', 'create', 'Participation', OLPE],
      ['editor-olpe', 'update', 'Participation', OLPE],
    ]);
    expect(rows[0]!.changes).toMatchObject({ contactName: { old: null, new: '***', masked: true }, contactRole: { old: null, new: 'Bürgerbüro' } });
    expect(rows[1]!.changes).toEqual({
      contactRole: { old: 'Bürgerbüro', new: 'Integrationsbeauftragte' },
      contactEmail: { old: '***', new: '***', masked: true },
    });
    expect(JSON.stringify(rows)).not.toMatch(/clara/i);
  });

  it("records a module adoption and a self-assessment with each of its answers", async () => {
    const module = (await test.gql(`{ modules(first: 1) { edges { node { id } } } }`)).data!.modules.edges[0].node.id as string;
    const adopt = `mutation($input: SetModuleAdoptionInput!) { setModuleAdoption(input: $input) { status } }`;
    await ok(adopt, siegen, { input: { moduleId: module, ags: SIEGEN, status: 'PLANNED' } });
    await ok(adopt, siegen, { input: { moduleId: module, ags: SIEGEN, status: 'IN_USE', localNotes: 'Seit dem Frühjahr.' } });
    const adoptions = await auditRows('modules', `entity = 'ModuleAdoption'`);
    expect(adoptions.map((r) => [r.subject, r.action, r.owner_ags])).toEqual([
      ['editor-siegen', 'create', SIEGEN],
      ['editor-siegen', 'update', SIEGEN],
    ]);
    expect(adoptions[1]!.changes).toEqual({ status: { old: 'PLANNED', new: 'IN_USE' }, localNotes: { old: null, new: 'Seit dem Frühjahr.' } });

    const submit = `mutation($input: SubmitAssessmentInput!) { submitAssessment(input: $input) { id } }`;
    const answers = ['online-information', 'welcome-pack', 'personal-welcome', 'contact-point', 'self-assessment'].map((criterion) => ({ criterion, score: 1 }));
    const id = (await ok(submit, siegen, { input: { ags: SIEGEN, answers } })).submitAssessment.id as string;
    expect((await auditRows('modules', `record_id = '${id}'`)).map((r) => [r.subject, r.action, r.entity, r.owner_ags])).toEqual([
      ['editor-siegen', 'create', 'Assessment', SIEGEN],
    ]);
    expect(await auditRows('modules', `entity = 'AssessmentAnswer'`)).toHaveLength(answers.length);
  });

  it('records an event created and a registration, participant names masked', async () => {
    const create = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
    const input = { slug: 'audit-forum', title: 'Forum Willkommenskultur', kind: 'FORUM', startsAt: '2027-03-01T13:00:00Z', capacity: 10, host: OLPE };
    const id = (await ok(create, olpe, { input })).createEvent.id as string;
    expect((await auditRows('events', `record_id = '${id}'`)).map((r) => [r.subject, r.action, r.entity, r.owner_ags])).toEqual([
      ['editor-olpe', 'create', 'Event', OLPE],
    ]);
    const register = `mutation($input: RegisterInput!) { registerForEvent(input: $input) { id } }`;
    const registration = (await ok(register, siegen, { input: { eventId: id, ags: SIEGEN, participants: 2, names: ['Paula Test', 'Peter Test'] } })).registerForEvent.id;
    const [row] = await auditRows('events', `record_id = '${registration}'`);
    expect(row).toMatchObject({ subject: 'editor-siegen', action: 'create', owner_ags: SIEGEN, changes: { names: { old: null, new: ['***', '***'], masked: true } } });
  });

  it('left an audit entry for every record this file wrote', async () => {
    expect(await test.unaudited()).toEqual([]);
  });

  it("keeps every domain subgraph's audit table append-only in the database", async () => {
    const audited = test.hub.runtimes.filter((r) => ['municipalities', 'practices', 'modules', 'events'].includes(r.name));
    expect(audited).toHaveLength(4);
    for (const runtime of audited) {
      const connection = runtime.orm.em.getConnection();
      await expect(connection.execute(`update "${runtime.name}"."audit_log" set subject = 'x'`)).rejects.toThrow(/append-only/);
      await expect(connection.execute(`delete from "${runtime.name}"."audit_log"`)).rejects.toThrow(/append-only/);
    }
  });
});
