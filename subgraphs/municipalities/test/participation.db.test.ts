import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { devToken } from '@welcome-hub/kit/testing';
import { startMunicipalities, type SubgraphUnderTest } from './support.js';

const SIEGEN = '05970040';
const OLPE = '05966024';
const DORTMUND = '05913000';
const SWF = 'qualitaetsoffensive-willkommen-suedwestfalen';

const DECLARE = `mutation($input: DeclareParticipationInput!) {
  declareParticipation(input: $input) { id declaredOn active municipality { ags } cooperation { slug } contact { name role email } }
}`;

let hub: SubgraphUnderTest;
let siegenEditor: string;
let olpeEditor: string;
let coordinator: string;

beforeAll(async () => {
  hub = await startMunicipalities();
  siegenEditor = await devToken({ sub: 'editor-siegen', role: 'editor', ags: [SIEGEN] });
  olpeEditor = await devToken({ sub: 'editor-olpe', role: 'editor', ags: [OLPE] });
  coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
});
afterAll(() => hub?.close());

const input = (ags: string, overrides: Record<string, unknown> = {}) => ({
  ags,
  cooperation: SWF,
  declaredOn: '2024-03-01',
  contact: { name: 'Anna Beispiel', role: 'Projektverantwortliche', email: 'anna.beispiel@example.org' },
  ...overrides,
});

const participations = (ags: string) => hub.count('participation', `municipality_ags = '${ags}'`);

describe('declareParticipation', () => {
  it("lets a municipality's editor declare participation, with the contact person", async () => {
    const { data, errors } = await hub.gql(DECLARE, { token: siegenEditor, variables: { input: input(SIEGEN) } });
    expect(errors).toBeUndefined();
    expect(data!.declareParticipation).toMatchObject({
      declaredOn: '2024-03-01',
      active: true,
      municipality: { ags: SIEGEN },
      cooperation: { slug: SWF },
      contact: { name: 'Anna Beispiel', email: 'anna.beispiel@example.org' },
    });
    expect(await participations(SIEGEN)).toBe(1);
  });

  it('refuses anonymous callers with UNAUTHENTICATED and writes nothing', async () => {
    const { errors } = await hub.gql(DECLARE, { variables: { input: input(OLPE) } });
    expect(errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await participations(OLPE)).toBe(0);
  });

  it('refuses an editor of another municipality with FORBIDDEN and writes nothing', async () => {
    const { errors } = await hub.gql(DECLARE, { token: siegenEditor, variables: { input: input(OLPE) } });
    expect(errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await participations(OLPE)).toBe(0);
  });

  it('names every bad field with BAD_USER_INPUT and writes nothing', async () => {
    const bad = input(OLPE, { declaredOn: '2024-13-01', contact: { name: 'A', role: '  ', email: 'anna(at)olpe' } });
    const { errors } = await hub.gql(DECLARE, { token: olpeEditor, variables: { input: bad } });
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((errors![0].extensions!.fields as { field: string }[]).map((f) => f.field)).toEqual([
      'input.declaredOn',
      'input.contact.name',
      'input.contact.role',
      'input.contact.email',
    ]);
    expect(await participations(OLPE)).toBe(0);
  });

  it('rejects a future date, an unknown cooperation and a cooperation the town is not part of', async () => {
    const future = await hub.gql(DECLARE, {
      token: olpeEditor,
      variables: { input: input(OLPE, { declaredOn: '2999-01-01' }) },
    });
    expect(future.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.declaredOn' }],
    });
    const unknown = await hub.gql(DECLARE, {
      token: olpeEditor,
      variables: { input: input(OLPE, { cooperation: 'nope' }) },
    });
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.cooperation' }],
    });
    const notMember = await hub.gql(DECLARE, {
      token: olpeEditor,
      variables: { input: input(OLPE, { cooperation: 'integration-interkommunal' }) },
    });
    expect(notMember.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.cooperation' }],
    });
    expect(await participations(OLPE)).toBe(0);
  });

  it('answers a second active declaration with CONFLICT', async () => {
    const first = await hub.gql(DECLARE, {
      token: coordinator,
      variables: { input: input(DORTMUND, { cooperation: 'integration-interkommunal' }) },
    });
    expect(first.errors).toBeUndefined();
    const second = await hub.gql(DECLARE, {
      token: coordinator,
      variables: { input: input(DORTMUND, { cooperation: 'integration-interkommunal' }) },
    });
    expect(second.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await participations(DORTMUND)).toBe(1);
  });
});

describe('reading participations', () => {
  const query = `{ cooperation(slug: "${SWF}") { participations { municipality { ags } contact { name email } } } municipality(ags: "${SIEGEN}") { participations { declaredOn } } }`;

  it('shows declarations to everyone but contact details only to signed-in callers', async () => {
    const anonymous = await hub.gql(query);
    expect(anonymous.errors).toBeUndefined();
    const siegen = anonymous.data!.cooperation.participations.find(
      (p: { municipality: { ags: string } }) => p.municipality.ags === SIEGEN,
    );
    expect(siegen.contact).toBeNull();
    expect(JSON.stringify(anonymous.data)).not.toContain('anna.beispiel@example.org');
    expect(anonymous.data!.municipality.participations).toEqual([{ declaredOn: '2024-03-01' }]);

    const signedIn = await hub.gql(query, { token: olpeEditor });
    expect(JSON.stringify(signedIn.data)).toContain('anna.beispiel@example.org');
  });
});

describe('updateParticipationContact and withdrawParticipation', () => {
  let id: string;
  beforeAll(async () => {
    const { data, errors } = await hub.gql(DECLARE, {
      token: olpeEditor,
      variables: { input: input(OLPE, { declaredOn: '2024-05-02' }) },
    });
    expect(errors).toBeUndefined();
    id = data!.declareParticipation.id;
  });

  const UPDATE = `mutation($input: UpdateParticipationContactInput!) { updateParticipationContact(input: $input) { contact { name role email } } }`;
  const WITHDRAW = `mutation($input: WithdrawParticipationInput!) { withdrawParticipation(input: $input) { active withdrawnOn } }`;
  const contact = { name: 'Ben Muster', role: 'Wirtschaftsförderung', email: 'ben.muster@example.org' };

  it('lets only that municipality or a coordinator change the contact', async () => {
    const forbidden = await hub.gql(UPDATE, { token: siegenEditor, variables: { input: { id, contact } } });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await hub.gql(UPDATE, { variables: { input: { id, contact } } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await hub.count('participation', `id = '${id}' and contact_name = 'Anna Beispiel'`)).toBe(1);

    const { data, errors } = await hub.gql(UPDATE, { token: olpeEditor, variables: { input: { id, contact } } });
    expect(errors).toBeUndefined();
    expect(data!.updateParticipationContact.contact).toEqual(contact);
  });

  it('rejects a bad contact and an unknown or malformed id', async () => {
    const bad = await hub.gql(UPDATE, {
      token: olpeEditor,
      variables: { input: { id, contact: { ...contact, email: 'x' } } },
    });
    expect(bad.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.contact.email' }],
    });
    expect(await hub.count('participation', `id = '${id}' and contact_email = 'ben.muster@example.org'`)).toBe(1);
    const unknown = await hub.gql(UPDATE, {
      token: coordinator,
      variables: { input: { id: '00000000-0000-4000-8000-000000000000', contact } },
    });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const malformed = await hub.gql(UPDATE, { token: coordinator, variables: { input: { id: 'abc', contact } } });
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.id' }] });
  });

  it('withdraws once, keeps the history and allows a new declaration', async () => {
    const early = await hub.gql(WITHDRAW, {
      token: olpeEditor,
      variables: { input: { id, withdrawnOn: '2024-05-01' } },
    });
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.withdrawnOn' }],
    });

    const { data, errors } = await hub.gql(WITHDRAW, {
      token: olpeEditor,
      variables: { input: { id, withdrawnOn: '2024-06-30' } },
    });
    expect(errors).toBeUndefined();
    expect(data!.withdrawParticipation).toEqual({ active: false, withdrawnOn: '2024-06-30' });

    const again = await hub.gql(WITHDRAW, { token: olpeEditor, variables: { input: { id } } });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    const redeclared = await hub.gql(DECLARE, { token: olpeEditor, variables: { input: input(OLPE) } });
    expect(redeclared.errors).toBeUndefined();
    expect(await participations(OLPE)).toBe(2);
    expect(await hub.count('participation', `municipality_ags = '${OLPE}' and withdrawn_on is null`)).toBe(1);
  });
});

describe('the subgraph verifies tokens itself', () => {
  it('rejects a forged token sent to the subgraph directly, even for reads', async () => {
    const forged = await import('@welcome-hub/kit').then(({ issueToken }) =>
      issueToken(
        {
          JWT_ISSUER: 'welcome-hub',
          JWT_AUDIENCE: 'welcome-hub',
          JWT_SECRET: 'an-attacker-chosen-secret-of-32-chars!',
        },
        { sub: 'x', role: 'coordinator' },
      ),
    );
    const result = await hub.gql(DECLARE, { token: forged, variables: { input: input('05974008') } });
    expect(result.status).toBe(401);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await participations('05974008')).toBe(0);
    const read = await hub.gql('{ cooperations { slug } }', { authorization: 'Bearer not.a.token' });
    expect(read.status).toBe(401);
  });
});
