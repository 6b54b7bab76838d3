import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { LICENCES, forkForSystem, listen, router, type RunningServer } from '@welcome-hub/kit';
import { devToken, statementCounter } from '@welcome-hub/kit/testing';
import { OPEN_DATA_FILES, distributedMetaUrls, openDataCatalogRoutes } from '../src/open-data.js';
import { proxyRoutes } from '../src/public-routes.js';
import { startTestHub, type TestHub } from './hub.js';

// /open-data/ on the embedded hub: every file, the catalogue, and no personal data or drafts.
const SIEGEN = '05970040';
const OLPE = '05966024';
const DATASETS = Object.values(OPEN_DATA_FILES).flat();
const CONTACT = { name: 'Erika Offendaten', role: 'Projektleitung', email: 'erika.offendaten@example.org' };
const NAMES = ['Paula Anmeldename', 'Peter Anmeldename'];
const LOCAL_NOTES = 'Ansprechpartnerin ist Frau Lokalnotiz.';

let test: TestHub;
const statements = statementCounter();
let files: Record<string, { status: number; headers: Headers; body: string }>;

const ok = async (query: string, token: string, variables: Record<string, unknown>) => {
  const { data, errors } = await test.gql(query, { token, variables });
  expect(errors).toBeUndefined();
  return data!;
};
const get = async (path: string, init?: RequestInit) => {
  const response = await fetch(`${test.hub.url}${path}`, init);
  return { status: response.status, headers: response.headers, body: await response.text() };
};
const csv = (dataset: string) => parse(files[`${dataset}.csv`].body, { columns: true }) as Record<string, string>[];
const sql = async (subgraph: string, query: string) =>
  (await test.hub.runtimes
    .find((r) => r.name === subgraph)!
    .orm.em.getConnection()
    .execute(query)) as Record<string, unknown>[];

beforeAll(async () => {
  test = await startTestHub({ onQuery: statements.onQuery });
  const coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
  const siegen = await devToken({ sub: 'editor-siegen', role: 'editor', ags: [SIEGEN] });
  const olpe = await devToken({ sub: 'editor-olpe', role: 'editor', ags: [OLPE] });

  // A draft, a draft adaptation, and a published one: only the last is a reuse link.
  const practice = `mutation($input: CreatePracticeInput!) { createPractice(input: $input) { id } }`;
  const draft = {
    owner: { ags: SIEGEN },
    slug: 'entwurf-offene-daten',
    title: 'Geheimer Entwurf',
    summary: 'Ein Entwurf, der nie in offenen Daten steht.',
    kind: 'OTHER',
    targetGroups: ['FAMILIES'],
    fieldsOfAction: ['NEW_HOME'],
    draft: true,
  };
  await ok(practice, siegen, { input: draft });
  const source = (await test.gql(`{ practice(slug: "neubuerger-empfaenge-ungewoehnliche-orte") { id } }`)).data!
    .practice.id;
  const adapt = `mutation($input: AdaptPracticeInput!) { adaptPractice(input: $input) { id } }`;
  await ok(adapt, siegen, {
    input: { sourceId: source, ags: SIEGEN, changes: 'Noch ein Entwurf.', slug: 'empfaenge-siegen-entwurf' },
  });
  const adapted = (
    await ok(adapt, olpe, {
      input: { sourceId: source, ags: OLPE, changes: 'Empfang am Biggesee.', slug: 'empfaenge-olpe' },
    })
  ).adaptPractice.id;
  await ok(`mutation($input: UpdatePracticeInput!) { updatePractice(input: $input) { id } }`, olpe, {
    input: { id: adapted, draft: false },
  });
  // An owner's licence for one practice (the API's licence input is not in the committed supergraph yet).
  const practices = test.hub.runtimes.find((r) => r.name === 'practices')!.orm;
  const em = forkForSystem(practices.em);
  const Practice = [...practices.getMetadata().getAll().values()].find((m) => m.className === 'Practice')!.class;
  ((await em.findOneOrFail(Practice, { slug: 'willkommen-in-siegen' })) as { licence: string | null }).licence =
    'CC_BY_4_0';
  await em.flush();

  // Personal data that must stay out of every file.
  const declare = `mutation($input: DeclareParticipationInput!) { declareParticipation(input: $input) { id } }`;
  await ok(declare, olpe, {
    input: {
      ags: OLPE,
      cooperation: 'qualitaetsoffensive-willkommen-suedwestfalen',
      declaredOn: '2024-02-01',
      contact: CONTACT,
    },
  });
  const module = (await test.gql(`{ module(slug: "quick-check") { id } }`)).data!.module.id;
  await ok(`mutation($input: SetModuleAdoptionInput!) { setModuleAdoption(input: $input) { id } }`, siegen, {
    input: { moduleId: module, ags: SIEGEN, status: 'IN_USE', localNotes: LOCAL_NOTES },
  });
  const event = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
  const eventId = (
    await ok(event, coordinator, {
      input: {
        slug: 'forum-offene-daten',
        title: 'Forum Offene Daten',
        kind: 'FORUM',
        startsAt: '2031-03-01T13:00:00Z',
        capacity: 20,
        host: OLPE,
      },
    })
  ).createEvent.id;
  await ok(`mutation($input: RegisterInput!) { registerForEvent(input: $input) { id } }`, siegen, {
    input: { eventId, ags: SIEGEN, participants: 2, names: NAMES },
  });

  // The search relays poll in the background; their statements are no file's.
  for (const relay of test.hub.relays) await relay.stop();
  files = {};
  for (const dataset of DATASETS) {
    for (const format of ['csv', 'json']) files[`${dataset}.${format}`] = await get(`/open-data/${dataset}.${format}`);
  }
});
afterAll(async () => {
  await test?.close();
});

describe('the open-data files', () => {
  it('answer 200 with their media type, caching, Last-Modified and the licence or catalogue as Link', () => {
    for (const [name, file] of Object.entries(files)) {
      expect([name, file.status]).toEqual([name, 200]);
      expect(file.headers.get('content-type')).toBe(
        name.endsWith('.csv') ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
      );
      expect(file.headers.get('cache-control')).toBe('public, max-age=300');
      expect(Date.parse(file.headers.get('last-modified') ?? '')).not.toBeNaN();
      expect(file.headers.get('link')).toContain(`<${test.hub.publicUrl}/open-data/catalog.jsonld>; rel="describedby"`);
    }
    // Only the Destatis figures have one licence for the whole file; the others state none they do not have.
    expect(files['municipalities.csv'].headers.get('link')).toContain(`<${LICENCES.DL_DE_BY_2_0.uri}>; rel="license"`);
    for (const dataset of DATASETS.filter((d) => d !== 'municipalities'))
      expect(files[`${dataset}.csv`].headers.get('link')).not.toContain('rel="license"');
  });

  it('cost two statements each, through the whole hub', async () => {
    for (const name of Object.keys(files)) {
      statements.reset();
      await get(`/open-data/${name}`);
      expect([name, statements.count]).toEqual([name, 2]);
    }
  });

  it('parse as CSV with a header row and as JSON, with the same records', () => {
    for (const dataset of DATASETS) {
      const json = JSON.parse(files[`${dataset}.json`].body);
      expect(json.records).toHaveLength(csv(dataset).length);
      expect(Object.keys(json.records[0] ?? {})).toEqual(Object.keys(csv(dataset)[0] ?? {}));
    }
  });

  it('list the 112 municipalities with their 8-digit AGS and the official figures of the API, under dl-de/by-2-0', async () => {
    const rows = csv('municipalities');
    expect(rows).toHaveLength(112);
    expect(rows.every((r) => /^\d{8}$/.test(r.ags))).toBe(true);
    const { data } = await test.gql(`{ municipality(ags: "${SIEGEN}") { name population areaKm2 populationDate } }`);
    const siegen = rows.find((r) => r.ags === SIEGEN)!;
    expect(siegen).toMatchObject({
      name: data!.municipality.name,
      population: String(data!.municipality.population),
      area_km2: String(data!.municipality.areaKm2),
      population_date: data!.municipality.populationDate,
      kind: 'STADT',
      region: 'SUEDWESTFALEN',
    });
    const json = JSON.parse(files['municipalities.json'].body);
    expect(json.licence).toMatchObject({ id: 'dl-de/by-2-0', uri: LICENCES.DL_DE_BY_2_0.uri });
    expect(json.attribution).toContain('Statistisches Bundesamt (Destatis)');
    expect(json.records.find((r: { ags: string }) => r.ags === SIEGEN).population).toBe(data!.municipality.population);
  });

  it('list cooperations and memberships as seeded', async () => {
    expect(
      csv('cooperations')
        .map((r) => r.slug)
        .sort(),
    ).toEqual(['integration-interkommunal', 'qualitaetsoffensive-willkommen-suedwestfalen']);
    const [{ n }] = await sql('municipalities', `select count(*)::int as n from "municipalities"."membership"`);
    expect(csv('memberships')).toHaveLength(n as number);
    expect(csv('memberships').filter((r) => r.cooperation_slug === 'integration-interkommunal')).toHaveLength(10);
  });

  it('list participations without any contact person', () => {
    expect(csv('participations')).toEqual([
      {
        id: expect.any(String),
        cooperation_slug: 'qualitaetsoffensive-willkommen-suedwestfalen',
        municipality_ags: OLPE,
        declared_on: '2024-02-01',
        withdrawn_on: '',
      },
    ]);
  });

  it('never show drafts: published practices only, reuse links between published ones only', async () => {
    const [{ n }] = await sql('practices', `select count(*)::int as n from "practices"."practice" where draft`);
    expect(n).toBe(2);
    const slugs = csv('practices').map((r) => r.slug);
    expect(slugs).toContain('empfaenge-olpe');
    expect(slugs).not.toContain('entwurf-offene-daten');
    expect(slugs).not.toContain('empfaenge-siegen-entwurf');
    expect(slugs).toHaveLength(6);
    expect(csv('practice-reuse')).toEqual([
      expect.objectContaining({
        practice_slug: 'empfaenge-olpe',
        practice_owner_ags: OLPE,
        adapted_from_slug: 'neubuerger-empfaenge-ungewoehnliche-orte',
      }),
    ]);
  });

  it("carry each record's licence, empty where unknown", () => {
    const rows = csv('practices');
    expect(rows.find((r) => r.slug === 'willkommen-in-siegen')).toMatchObject({
      licence_id: 'CC-BY-4.0',
      licence_uri: LICENCES.CC_BY_4_0.uri,
    });
    expect(rows.find((r) => r.slug === 'welcome-ruhr')).toMatchObject({ licence_id: '', licence_uri: '' });
    for (const dataset of ['modules', 'events'])
      expect(Object.keys(csv(dataset)[0])).toEqual(expect.arrayContaining(['licence_id', 'licence_uri']));
  });

  it('list modules, adoptions and events', () => {
    expect(csv('modules')).toHaveLength(9);
    expect(csv('module-adoptions')).toEqual([
      expect.objectContaining({ module_slug: 'quick-check', municipality_ags: SIEGEN, status: 'IN_USE' }),
    ]);
    expect(csv('events').map((r) => r.slug)).toContain('forum-offene-daten');
  });

  it('hold no personal data: no contact, e-mail, local notes or participant names anywhere', () => {
    for (const [name, file] of Object.entries(files)) {
      for (const secret of [CONTACT.name, CONTACT.email, CONTACT.role, LOCAL_NOTES, ...NAMES])
        expect([name, file.body.includes(secret)]).toEqual([name, false]);
      expect([name, /e-?mail|contact|names\b/i.test(file.body.split(/\r?\n/)[0])]).toEqual([name, false]);
    }
  });

  it('answer GET and HEAD only', async () => {
    expect(
      (await get('/open-data/practices.csv', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }))
        .status,
    ).toBe(405);
    const head = await get('/open-data/events.json', { method: 'HEAD' });
    expect([head.status, head.body]).toEqual([200, '']);
  });
});

describe('the catalogue', () => {
  it('expands as JSON-LD in safe mode, with its own context, and describes every dataset fully', async () => {
    const context = await get('/open-data/context.jsonld');
    expect(context.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const catalog = await get('/open-data/catalog.jsonld');
    expect(catalog.status).toBe(200);
    const contextUrl = `${test.hub.publicUrl}/open-data/context.jsonld`;
    const documentLoader = async (url: string) => {
      if (url !== contextUrl) throw new Error(`Offline: ${url}`);
      return { contextUrl: undefined, documentUrl: url, document: JSON.parse(context.body) };
    };
    const [expanded] = (await jsonld.expand(JSON.parse(catalog.body), {
      documentLoader,
      safe: true,
    } as never)) as unknown as Record<string, any>[];
    // Safe mode refuses undefined terms; an undefined prefix would instead stay as a pseudo-IRI ("foaf:name").
    const iris = (node: unknown): string[] =>
      Array.isArray(node)
        ? node.flatMap(iris)
        : node && typeof node === 'object'
          ? Object.entries(node).flatMap(([k, v]) => [k, ...(k === '@type' ? [v].flat() : []), ...iris(v)])
          : [];
    expect(iris(expanded).filter((iri) => !iri.startsWith('@') && !iri.startsWith('http'))).toEqual([]);
    const DCAT = 'http://www.w3.org/ns/dcat#';
    const DCT = 'http://purl.org/dc/terms/';
    expect(expanded['@type']).toEqual([`${DCAT}Catalog`]);
    const datasets = expanded[`${DCAT}dataset`] as Record<string, any>[];
    expect(datasets.map((d) => d['@id'].split('#')[1]).sort()).toEqual([...DATASETS].sort());
    for (const dataset of datasets) {
      const name = dataset['@id'];
      expect([name, dataset[`${DCT}title`][0]['@language']]).toEqual([name, 'de']);
      expect(dataset[`${DCT}description`][0]['@value'].length).toBeGreaterThan(20);
      expect(dataset[`${DCT}publisher`][0]['http://xmlns.com/foaf/0.1/name'][0]['@value']).toBe('Welcome Hub');
      expect(dataset[`${DCT}modified`][0]['@type']).toBe('http://www.w3.org/2001/XMLSchema#dateTime');
      const distributions = dataset[`${DCAT}distribution`] as Record<string, any>[];
      expect(distributions).toHaveLength(2);
      for (const distribution of distributions) {
        // Each distribution states its licence (with the attribution it requires) or why it has none.
        const licence = distribution[`${DCT}license`]?.[0]['@id'];
        if (licence) expect(Object.values(LICENCES).map((l) => l.uri)).toContain(licence);
        else
          expect(distribution[`${DCT}rights`][0]['http://www.w3.org/2000/01/rdf-schema#label'][0]['@value']).toMatch(
            /Lizenz/,
          );
        const url = distribution[`${DCAT}downloadURL`][0]['@id'] as string;
        expect(url.startsWith(`${test.hub.publicUrl}/open-data/`)).toBe(true);
        expect(distribution[`${DCAT}accessURL`][0]['@id']).toBe(url);
        expect((await fetch(url, { method: 'HEAD' })).status).toBe(200);
      }
    }
    const municipalities = datasets.find((d) => d['@id'].endsWith('#municipalities'))!;
    expect(municipalities[`${DCT}license`][0]['@id']).toBe(LICENCES.DL_DE_BY_2_0.uri);
    expect(municipalities['http://dcat-ap.de/def/dcatde/licenseAttributionByText'][0]['@value']).toContain('Destatis');
  });

  it('and an index page in German link every file', async () => {
    const index = await get('/open-data/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<html lang="de">');
    for (const name of Object.keys(files)) expect(index.body).toContain(`/open-data/${name}"`);
    expect((await get('/open-data/nothing-here.csv')).status).toBe(404);
  });
});

describe('the distributed gateway', () => {
  it('forwards every file to its subgraph process and builds the same catalogue from their meta files', async () => {
    // Each subgraph's routes on a port of its own, as its process serves them, and the gateway's routes in front.
    const processes = new Map<string, RunningServer>();
    try {
      const locations: Record<string, string> = {};
      for (const runtime of test.hub.runtimes) {
        const server = await listen(router(runtime.routes), '127.0.0.1', 0);
        processes.set(runtime.name, server);
        locations[runtime.name] = `${server.url}/graphql`;
      }
      const routes = {
        ...proxyRoutes(locations),
        ...openDataCatalogRoutes({
          publicUrl: test.hub.publicUrl,
          publisher: 'Welcome Hub',
          metaUrls: distributedMetaUrls(locations),
        }),
      };
      const gateway = await listen(router(routes), '127.0.0.1', 0);
      processes.set('gateway', gateway);
      for (const [name, embedded] of Object.entries(files)) {
        const response = await fetch(`${gateway.url}/open-data/${name}`);
        expect([name, response.status]).toEqual([name, 200]);
        for (const header of ['content-type', 'cache-control', 'last-modified', 'link'])
          expect(response.headers.get(header)).toBe(embedded.headers.get(header));
        expect(await response.text()).toBe(embedded.body);
      }
      const catalog = await fetch(`${gateway.url}/open-data/catalog.jsonld`);
      expect(await catalog.json()).toEqual(JSON.parse((await get('/open-data/catalog.jsonld')).body));
      // Without one subgraph there is no catalogue rather than one that drops its datasets.
      await processes.get('modules')!.close();
      processes.delete('modules');
      const partial = await fetch(`${gateway.url}/open-data/catalog.jsonld`);
      expect([partial.status, partial.headers.get('retry-after')]).toEqual([503, '30']);
    } finally {
      for (const server of processes.values()) await server.close();
    }
  });
});
