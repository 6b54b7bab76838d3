import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { devToken } from '@welcome-hub/kit/testing';
import { readTrustedDocuments } from '@welcome-hub/schema';
import { startTestHub, type TestHub } from './hub.js';

// The committed trusted documents through the embedded hub in 'anonymous' mode, the
// production default: anonymous callers run ids only, signed-in callers may send documents.
let t: TestHub;
const manifest = readTrustedDocuments();
const idOf = new Map([...manifest].map(([id, document]) => [/(?:query|mutation) (\w+)/.exec(document)![1], id]));

beforeAll(async () => {
  t = await startTestHub({ env: { TRUSTED_DOCUMENTS: 'anonymous' } });
});
afterAll(async () => {
  await t?.close();
});

interface Answer {
  status: number;
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function post(body: Record<string, unknown>, token?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${t.hub.url}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
}

/** GET by id, with the header that CSRF prevention asks of every GET. */
async function get(
  documentId: string,
  variables: Record<string, unknown>,
): Promise<Answer & { cacheControl: string | null }> {
  const url = `${t.hub.url}/graphql?documentId=${encodeURIComponent(documentId)}&variables=${encodeURIComponent(JSON.stringify(variables))}`;
  const response = await fetch(url, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } });
  return {
    status: response.status,
    cacheControl: response.headers.get('cache-control'),
    ...((await response.json()) as Omit<Answer, 'status'>),
  };
}

type Token = { role: 'editor' | 'coordinator'; ags: string[] };
interface Example {
  /** Creates what the reference data lacks (e.g. an upcoming event with seats), before `variables`. */
  setup?: (state: Record<string, string>) => Promise<void>;
  variables: (state: Record<string, string>) => Record<string, unknown>;
  /** Private data or a write: run with an editor token of these municipalities. */
  token?: Token;
  /** Root fields that are null on the reference data; every other one must answer. */
  nullable?: string[];
  /** Keeps what later examples need (ids that the seed does not fix). */
  keep?: (data: Record<string, any>, state: Record<string, string>) => void;
}

const siegen: Token = { role: 'editor', ags: ['05970040'] };
const coordinator: Token = { role: 'coordinator', ags: [] };
const olpe: Token = { role: 'editor', ags: ['05966024'] };
const contact = { name: 'Vorname Nachname', role: 'Projektverantwortliche', email: 'willkommen@example.org' };

/** An upcoming event of Olpe with seats (the reference events all took place): its id. */
async function upcomingEvent(): Promise<string> {
  const token = await devToken({ sub: 'trusted-documents-setup', role: 'editor', ags: ['05966024'] });
  const startsAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  const { data, errors } = await post(
    {
      query: 'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }',
      variables: {
        input: {
          slug: 'trusted-documents-workshop',
          title: 'Workshop mit Warteliste',
          kind: 'WORKSHOP',
          host: '05966024',
          startsAt,
          capacity: 3,
        },
      },
    },
    token,
  );
  expect(errors).toBeUndefined();
  return data!.createEvent.id;
}

/** Variables for every committed operation on the reference data, in an order where writes find what they need. */
const examples: Record<string, Example> = {
  RegionMunicipalityCount: { variables: () => ({ region: 'SUEDWESTFALEN' }) },
  MunicipalityStatistics: { variables: () => ({ ags: '05970040' }) },
  CooperationMembers: { variables: () => ({ slug: 'integration-interkommunal' }) },
  MunicipalitiesNearAndInDistrict: {
    variables: () => ({ near: { lat: 51.0289, lon: 7.8514, radiusKm: 15 }, district: '05966' }),
  },
  MunicipalityProfile: { variables: () => ({ ags: '05970040' }) },
  Municipalities: { variables: () => ({ filter: { region: 'RUHR' }, first: 100 }) },
  DeclareParticipation: {
    token: siegen,
    variables: () => ({
      input: {
        ags: '05970040',
        cooperation: 'qualitaetsoffensive-willkommen-suedwestfalen',
        declaredOn: '2025-03-01',
        contact,
      },
    }),
    keep: (data, state) => (state.participation = data.declareParticipation.id),
  },
  UpdateParticipationContact: {
    token: siegen,
    variables: (s) => ({ input: { id: s.participation, contact: { ...contact, name: 'Neue Ansprechperson' } } }),
  },
  WithdrawParticipation: { token: siegen, variables: (s) => ({ input: { id: s.participation } }) },
  PracticeSummary: { variables: () => ({ slug: 'willkommen-in-siegen' }) },
  PracticePage: { variables: () => ({ slug: 'willkommen-in-siegen' }) },
  Practices: { variables: () => ({ filter: { region: 'SUEDWESTFALEN' }, first: 10 }) },
  PracticesInDistrict: { variables: () => ({ district: '05970', targetGroup: 'FAMILIES' }) },
  PracticeId: {
    variables: () => ({ slug: 'neubuerger-empfaenge-ungewoehnliche-orte' }),
    keep: (data, state) => (state.practice = data.practice.id),
  },
  AdaptPractice: {
    token: olpe,
    variables: (s) => ({ input: { sourceId: s.practice, ags: '05966024', changes: 'Empfang auf dem Biggesee' } }),
  },
  PracticeReuse: {
    token: olpe,
    variables: () => ({ slug: 'neubuerger-empfaenge-ungewoehnliche-orte', ags: '05966024' }),
  },
  Vocabularies: { variables: () => ({}) },
  ParticipationByDistrict: { variables: () => ({ region: 'SUEDWESTFALEN' }) },
  ParticipationStatistics: { variables: () => ({ cooperation: 'integration-interkommunal', interval: 'YEAR' }) },
  PracticeStatistics: { variables: () => ({}) },
  MostReusedPractices: { variables: () => ({ by: 'REUSE', first: 5 }) },
  EventsPerYear: { variables: () => ({ interval: 'YEAR' }) },
  EventStatistics: { variables: () => ({}) },
  ModuleAdoptionByDistrict: { variables: () => ({}) },
  ModuleAdoptionStatistics: { variables: () => ({}) },
  QuickCheckByDistrict: { variables: () => ({ level: 'DISTRICT' }) },
  QuickCheckTrend: { variables: () => ({ district: '05970', interval: 'MONTH' }) },
  Districts: { variables: () => ({}) },
  Viewer: { token: olpe, variables: () => ({}) },
  MunicipalityParticipations: { variables: () => ({ ags: '05970040' }) },
  MyMunicipality: { token: siegen, variables: () => ({ ags: '05970040' }) },
  CoordinatorOverview: { token: coordinator, variables: () => ({}) },
  PracticeLineage: { variables: () => ({ slug: 'neubuerger-empfaenge-ungewoehnliche-orte' }) },
  MarkInterest: { token: olpe, variables: (s) => ({ input: { practiceId: s.practice, ags: '05966024', note: null } }) },
  RemoveInterest: { token: olpe, variables: (s) => ({ input: { practiceId: s.practice, ags: '05966024' } }) },
  PracticeEdit: {
    token: olpe,
    variables: () => ({ slug: 'neubuerger-empfaenge-ungewoehnliche-orte-05966024' }),
    keep: (data, state) => (state.adaptation = data.practice.id),
  },
  SetAdaptedFrom: {
    token: olpe,
    variables: (s) => ({
      input: { practiceId: s.adaptation, sourceId: s.practice, changes: 'Empfang am Biggesee statt im Kurpark' },
    }),
  },
  UpdatePractice: {
    token: olpe,
    variables: (s) => ({ input: { id: s.adaptation, title: 'Neubürger-Empfänge in Olpe', draft: false } }),
  },
  ModuleCatalogue: { variables: () => ({ filter: { criterion: 'online-information' }, first: 100 }) },
  ModulePage: { variables: () => ({ slug: 'quick-check' }), keep: (data, state) => (state.module = data.module.id) },
  SetModuleAdoption: {
    token: siegen,
    variables: (s) => ({
      input: { moduleId: s.module, ags: '05970040', status: 'IN_USE', localNotes: 'Eigene Fragen ergänzt', links: [] },
    }),
  },
  QuickCheckQuestions: { variables: () => ({}) },
  SubmitAssessment: {
    token: siegen,
    variables: () => ({
      input: {
        ags: '05970040',
        answers: [
          { criterion: 'online-information', score: 3 },
          { criterion: 'welcome-pack', score: 2 },
          { criterion: 'personal-welcome', score: 0 },
          { criterion: 'contact-point', score: 1 },
          { criterion: 'self-assessment', score: 3 },
        ],
      },
    }),
    keep: (data, state) => (state.assessment = data.submitAssessment.id),
  },
  AssessmentHistory: { token: siegen, variables: () => ({ ags: '05970040' }) },
  AssessmentResult: { token: siegen, variables: (s) => ({ id: s.assessment, ags: '05970040' }) },
  EventRegistrations: { variables: () => ({ slug: 'forum-integration-2019' }) },
  SeriesEvents: { variables: () => ({ series: 'runder-tisch-willkommenskultur', first: 50, after: null }) },
  ModuleWithQuickCheck: { variables: () => ({ slug: 'quick-check' }) },
  MunicipalityGaps: { token: siegen, variables: () => ({ ags: '05970040' }) },
  EventWithSeries: { variables: () => ({ slug: 'forum-integration-2019', series: 'runder-tisch-willkommenskultur' }) },
  EventPage: { variables: () => ({ slug: 'forum-integration-2019' }) },
  RegisterForEvent: {
    token: olpe,
    setup: async (state) => {
      state.event = await upcomingEvent();
    },
    variables: (s) => ({ input: { eventId: s.event, ags: '05966024', participants: 2, names: ['Anna Beispiel'] } }),
    keep: (data, state) => (state.registration = data.registerForEvent.id),
  },
  CancelRegistration: { token: olpe, variables: (s) => ({ id: s.registration }) },
  Events: { variables: () => ({ filter: { region: 'SUEDWESTFALEN' } }) },
  RegionDashboard: { variables: () => ({ region: 'SUEDWESTFALEN' }), nullable: ['assessmentSummary'] },
  Search: { variables: () => ({ query: 'Empfang Zugezogene', first: 5 }) },
  SearchTitles: { variables: () => ({ query: 'Integration', filter: { region: 'RUHR' } }) },
  Suggest: { variables: () => ({ prefix: 'Willkommens' }) },
  SuggestAndSimilar: { variables: () => ({ prefix: 'Willkommens', id: '05970040' }) },
};

describe('committed trusted documents through the gateway', () => {
  it('has example variables for every committed operation (add yours to `examples`)', () => {
    expect([...idOf.keys()].filter((name) => !(name in examples)).sort()).toEqual([]);
    expect(Object.keys(examples).filter((name) => !idOf.has(name))).toEqual([]);
  });

  const state: Record<string, string> = {};
  for (const [name, example] of Object.entries(examples)) {
    it(`runs ${name} by id${example.token ? ' (signed in)' : ''}`, async () => {
      await example.setup?.(state);
      const token = example.token ? await devToken({ sub: `trusted-documents-${name}`, ...example.token }) : undefined;
      const { status, data, errors } = await post(
        { documentId: idOf.get(name), variables: example.variables(state) },
        token,
      );
      expect(errors).toBeUndefined();
      expect(status).toBe(200);
      expect(Object.keys(data!).filter((field) => data![field] === null && !example.nullable?.includes(field))).toEqual(
        [],
      );
      example.keep?.(data!, state);
    });
  }
});

describe("'anonymous' mode", () => {
  it('answers an unknown id with PERSISTED_QUERY_NOT_FOUND', async () => {
    const { status, data, errors } = await post({ documentId: `sha256:${'0'.repeat(64)}` });
    expect(status).toBe(404);
    expect(data).toBeUndefined();
    expect(errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses an anonymous document with PERSISTED_QUERY_ONLY, telling how to register one', async () => {
    const { status, errors } = await post({ query: '{ municipality(ags: "05970040") { name } }' });
    expect(status).toBe(403);
    expect(errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect(errors?.[0].message).toContain('schema/operations');
  });

  it("runs a signed-in caller's document", async () => {
    const token = await devToken({ sub: 'trusted-documents-signed-in', role: 'editor', ags: ['05970040'] });
    const { status, data, errors } = await post({ query: '{ municipality(ags: "05970040") { name } }' }, token);
    expect(errors).toBeUndefined();
    expect(status).toBe(200);
    expect(data).toEqual({ municipality: { name: 'Siegen' } });
  });

  it('takes Apollo-style ids (extensions.persistedQuery, hex without prefix)', async () => {
    const sha256Hash = idOf.get('MunicipalityStatistics')!.slice('sha256:'.length);
    const { data, errors } = await post({
      variables: { ags: '05970040' },
      extensions: { persistedQuery: { version: 1, sha256Hash } },
    });
    expect(errors).toBeUndefined();
    expect(data!.municipality.name).toBe('Siegen');
  });

  it('answers GET by id as a cacheable query', async () => {
    const { status, data, errors, cacheControl } = await get(idOf.get('RegionMunicipalityCount')!, { region: 'RUHR' });
    expect(errors).toBeUndefined();
    expect(status).toBe(200);
    expect(data).toEqual({ municipalities: { totalCount: 53 } });
    expect(cacheControl).toMatch(/^public, max-age=\d+$/);
  });

  it('answers every dashboard figure by GET as a public, cacheable read', async () => {
    const dashboards = [
      'ParticipationByDistrict',
      'ParticipationStatistics',
      'PracticeStatistics',
      'MostReusedPractices',
      'EventsPerYear',
      'EventStatistics',
      'ModuleAdoptionByDistrict',
      'ModuleAdoptionStatistics',
      'QuickCheckByDistrict',
      'QuickCheckTrend',
    ];
    for (const name of dashboards) {
      const { status, data, errors, cacheControl } = await get(idOf.get(name)!, examples[name].variables({}));
      expect([name, errors]).toEqual([name, undefined]);
      expect(status).toBe(200);
      expect(Object.values(data!).every((value) => value !== null)).toBe(true);
      expect([name, cacheControl]).toEqual([name, expect.stringMatching(/^public, max-age=\d+$/)]);
    }
    const { data } = await get(idOf.get('ParticipationByDistrict')!, {});
    expect(data!.participationStatistics.byDistrict).toHaveLength(20);
  });

  it('never runs a mutation by GET', async () => {
    const { status, data } = await get(idOf.get('WithdrawParticipation')!, {
      input: { id: '00000000-0000-4000-8000-000000000000' },
    });
    expect(status).toBe(405);
    expect(data ?? null).toBeNull();
  });
});
