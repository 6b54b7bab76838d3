import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { devToken } from '@welcome-hub/kit/testing';
import { readSupergraph, subgraphs } from '@welcome-hub/schema';
import { startTestHub, type TestHub } from './hub.js';

// Every mutation of the supergraph, called by nobody and by an editor of a municipality
// that does not own what it targets: UNAUTHENTICATED, then FORBIDDEN (issue 12). The
// arguments are built from the schema's input types with valid-looking values, pointed at
// real records of the owner (created through the API first), so that what answers is the
// authorization and not a missing record or bad input. A mutation the table below does not
// list fails the test: adding one means deciding who may call it.
const OWNER = '05966024'; // Olpe: owns every record the mutations target
const OTHER = '05970040'; // Siegen: its editor is the caller who must be refused
const SWF = 'qualitaetsoffensive-willkommen-suedwestfalen';

/**
 * What an editor of another municipality gets. An exception (NOT_FOUND, say, where a
 * mutation cannot tell whose a record is before finding it) goes here with its reason.
 */
const OTHER_EDITOR: Record<string, 'FORBIDDEN' | 'NOT_FOUND'> = {
  createPractice: 'FORBIDDEN',
  updatePractice: 'FORBIDDEN',
  archivePractice: 'FORBIDDEN',
  adaptPractice: 'FORBIDDEN',
  setAdaptedFrom: 'FORBIDDEN',
  markInterest: 'FORBIDDEN',
  removeInterest: 'FORBIDDEN',
  declareParticipation: 'FORBIDDEN',
  withdrawParticipation: 'FORBIDDEN',
  updateParticipationContact: 'FORBIDDEN',
  createEvent: 'FORBIDDEN',
  updateEvent: 'FORBIDDEN',
  registerForEvent: 'FORBIDDEN',
  cancelRegistration: 'FORBIDDEN',
  submitAssessment: 'FORBIDDEN',
  setModuleAdoption: 'FORBIDDEN',
  // Coordinators only: no municipality owns the catalogue or the modules.
  upsertCriterion: 'FORBIDDEN',
  updateModule: 'FORBIDDEN',
  addModuleVersion: 'FORBIDDEN',
  // Coordinators only: accounts and partner clients; the ids are placeholders, refused before any lookup.
  inviteAccount: 'FORBIDDEN',
  reinviteAccount: 'FORBIDDEN',
  updateAccount: 'FORBIDDEN',
  registerPartnerClient: 'FORBIDDEN',
  rotatePartnerClientSecret: 'FORBIDDEN',
  updatePartnerClient: 'FORBIDDEN',
  // Anyone signed in changes their own password: a token without an account of the own provider has none to change.
  changePassword: 'NOT_FOUND',
};

let test: TestHub;
let other: string;
/** Values by `Type.field` (or `mutation.argument`) where a generic placeholder would miss the owner's record. */
let targets: Record<string, unknown>;

const supergraph = buildSchema(readSupergraph());
const mutations = Object.values(supergraph.getMutationType()!.getFields());

async function ok(query: string, token: string, variables: Record<string, unknown>) {
  const { data, errors } = await test.gql(query, { token, variables });
  expect(errors).toBeUndefined();
  return data!;
}

/** Creates, through the API and as the owner's editor, a record of each kind the mutations target. */
async function ownerRecords(owner: string) {
  const siegenPractice = (await test.gql(`{ practice(slug: "willkommen-in-siegen") { id } }`)).data!.practice
    .id as string;
  const moduleId = (await test.gql(`{ modules(first: 1) { edges { node { id } } } }`)).data!.modules.edges[0].node
    .id as string;
  const practice = await ok(`mutation($input: CreatePracticeInput!) { createPractice(input: $input) { id } }`, owner, {
    input: {
      owner: { ags: OWNER },
      slug: 'authz-olpe',
      title: 'Berechtigungsprobe',
      summary: 'Ein Datensatz Olpes, den andere nicht ändern dürfen.',
      kind: 'OTHER',
      targetGroups: ['FAMILIES'],
      fieldsOfAction: ['NEW_HOME'],
    },
  });
  const event = await ok(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, owner, {
    input: {
      slug: 'authz-olpe',
      title: 'Berechtigungsprobe',
      kind: 'WORKSHOP',
      startsAt: '2027-06-01T10:00:00Z',
      capacity: 10,
      host: OWNER,
    },
  });
  const registration = await ok(`mutation($input: RegisterInput!) { registerForEvent(input: $input) { id } }`, owner, {
    input: { eventId: event.createEvent.id, ags: OWNER, participants: 1 },
  });
  const participation = await ok(
    `mutation($input: DeclareParticipationInput!) { declareParticipation(input: $input) { id } }`,
    owner,
    {
      input: {
        ags: OWNER,
        cooperation: SWF,
        declaredOn: '2026-01-15',
        contact: { name: 'Olga Test', role: 'Bürgerbüro', email: 'olga@example.org' },
      },
    },
  );
  await ok(`mutation($input: MarkInterestInput!) { markInterest(input: $input) { createdAt } }`, owner, {
    input: { practiceId: siegenPractice, ags: OWNER },
  });
  return {
    'UpdatePracticeInput.id': practice.createPractice.id,
    'archivePractice.id': practice.createPractice.id,
    'SetAdaptedFromInput.practiceId': practice.createPractice.id,
    'SetAdaptedFromInput.sourceId': siegenPractice,
    'AdaptPracticeInput.sourceId': siegenPractice,
    'MarkInterestInput.practiceId': siegenPractice,
    'RemoveInterestInput.practiceId': siegenPractice,
    'UpdateEventInput.id': event.createEvent.id,
    'RegisterInput.eventId': event.createEvent.id,
    'cancelRegistration.id': registration.registerForEvent.id,
    'WithdrawParticipationInput.id': participation.declareParticipation.id,
    'UpdateParticipationContactInput.id': participation.declareParticipation.id,
    'UpdateModuleInput.id': moduleId,
    'AddModuleVersionInput.moduleId': moduleId,
    'SetModuleAdoptionInput.moduleId': moduleId,
    'DeclareParticipationInput.cooperation': SWF,
    'AnswerInput.criterion': 'online-information',
    'ChangePasswordInput.currentPassword': 'ein altes Passwort zur Probe',
    'ChangePasswordInput.newPassword': 'ein neues Passwort zur Probe',
  };
}

/**
 * Optional in the schema, but filled: the owner of a new record (without it the record
 * would belong to nobody), and what a create requires though its input type shares the
 * fields with the update's. Creates check their input before they know whose record it is.
 */
const FILLED = new Set([
  'CreateEventInput.host',
  'CreateEventInput.title',
  'CreateEventInput.kind',
  'CreateEventInput.startsAt',
  'PracticeOwnerInput.ags',
  'CreatePracticeInput.title',
  'CreatePracticeInput.summary',
  'CreatePracticeInput.kind',
  'CreatePracticeInput.targetGroups',
  'CreatePracticeInput.fieldsOfAction',
]);

/** A valid-looking value of a leaf type for a field of this name. */
function placeholder(type: GraphQLInputType, name: string): unknown {
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (name === 'ags' || name === 'host') return OWNER;
  switch (named.name) {
    case 'Int':
      return 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return false;
    case 'DateTime':
      return '2027-06-01T10:00:00Z';
    case 'ID':
      return '00000000-0000-4000-8000-000000000000';
  }
  if (name === 'municipalities') return OWNER;
  if (/email/i.test(name)) return 'probe@example.org';
  if (/url/i.test(name)) return 'https://example.org/';
  if (/On$/.test(name)) return '2026-06-01';
  if (name === 'version') return '1.0.0';
  if (name === 'summary') return 'Ein Vorhaben, das nur zur Probe der Berechtigungen angelegt wird.';
  return name === 'slug' || name === 'key' || name === 'areaKey' ? 'authz-probe' : 'Probe';
}

/** A value of `type` for `where` (`Type.field` or `mutation.argument`): required fields, and the optional ones FILLED or targeted. */
function sampleValue(type: GraphQLInputType, where: string, name: string): unknown {
  if (where in targets) return targets[where];
  if (isNonNullType(type)) return sampleValue(type.ofType, where, name);
  if (isListType(type)) return [sampleValue(type.ofType, where, name)];
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter(
      (f) => isNonNullType(f.type) || FILLED.has(`${type.name}.${f.name}`) || `${type.name}.${f.name}` in targets,
    );
    return Object.fromEntries(fields.map((f) => [f.name, sampleValue(f.type, `${type.name}.${f.name}`, f.name)]));
  }
  return placeholder(type, name);
}

/** The operation calling `field`, with every argument a variable. */
function operation(field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
  const args = field.args as GraphQLArgument[];
  const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return {
    query: `mutation${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`,
    variables: Object.fromEntries(args.map((a) => [a.name, sampleValue(a.type, `${field.name}.${a.name}`, a.name)])),
  };
}

/** The audit entries of every audited subgraph, by name: refused calls must write none. */
async function auditEntries(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { name } of subgraphs.filter((s) => s.model.audited)) {
    const runtime = test.hub.runtimes.find((r) => r.name === name)!;
    const [row] = (await runtime.orm.em.fork().execute(`select count(*)::int as n from "${name}"."audit_log"`)) as {
      n: number;
    }[];
    counts[name] = row!.n;
  }
  return counts;
}

beforeAll(async () => {
  test = await startTestHub();
  other = await devToken({ sub: 'editor-siegen', role: 'editor', ags: [OTHER] });
  targets = await ownerRecords(await devToken({ sub: 'editor-olpe', role: 'editor', ags: [OWNER] }));
});
afterAll(() => test?.close());

describe('every mutation, for callers who may not', () => {
  it('lists every mutation of the supergraph: a new one must say who may call it', () => {
    expect(mutations.map((m) => m.name).sort()).toEqual(Object.keys(OTHER_EDITOR).sort());
  });

  it('answers UNAUTHENTICATED without a token and FORBIDDEN (or the listed exception) to an editor of another municipality, writing nothing', async () => {
    const before = await auditEntries();
    const answers: Record<string, { anonymous?: string; otherEditor?: string }> = {};
    for (const field of mutations) {
      const { query, variables } = operation(field);
      const codeOf = async (token?: string) =>
        (await test.gql(query, { token, variables })).errors?.[0]?.extensions?.code as string | undefined;
      answers[field.name] = { anonymous: await codeOf(), otherEditor: await codeOf(other) };
    }
    expect(answers).toEqual(
      Object.fromEntries(
        Object.entries(OTHER_EDITOR).map(([name, code]) => [name, { anonymous: 'UNAUTHENTICATED', otherEditor: code }]),
      ),
    );
    expect(await auditEntries()).toEqual(before);
  });
});
