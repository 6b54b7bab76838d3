// `npm run bench:dashboards`: the dashboard figures (committed trusted documents, by GET
// through the gateway) and the open-data files of the embedded mode, at the reference data
// and at 100 times as much generated data; beside them what a dashboard had to do before
// the aggregates existed (page through lists and count in the client). Prints figures; it
// asserts nothing (the fixed statement counts are asserted by the tests).

// The hub in this process, with graphql-js loaded as its process entries load it.
import '@welcome-hub/kit/graphql-production';
import { performance } from 'node:perf_hooks';
import { gatewayEnv, issueToken, openPglite, parseConfig } from '@welcome-hub/kit';
import { startEmbedded } from '@welcome-hub/gateway';
import { readTrustedDocuments } from '@welcome-hub/schema';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const FACTOR = Number(process.env.BENCH_FACTOR ?? 100);

const FIGURES = {
  ParticipationByDistrict: {},
  ParticipationStatistics: { interval: 'MONTH' },
  MostReusedPractices: { by: 'REUSE', first: 5 },
  PracticeStatistics: {},
  EventsPerYear: { interval: 'YEAR' },
  EventStatistics: {},
  ModuleAdoptionByDistrict: {},
  QuickCheckByDistrict: { level: 'DISTRICT' },
  QuickCheckTrend: { region: 'SUEDWESTFALEN', interval: 'MONTH' },
};
const FILES = ['municipalities', 'participations', 'practices', 'practice-reuse', 'module-adoptions', 'events'];

const ids = new Map([...readTrustedDocuments()].map(([id, document]) => [/query (\w+)/.exec(document)?.[1], id]));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n) => `${n.toFixed(1)} ms`;

const database = await openPglite(null);
let statements = 0;
const hub = await startEmbedded({
  config: parseConfig(gatewayEnv, {
    PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_POINTS: '1000000',
    RATE_LIMIT_COST_POINTS: '100000000',
    // Off: repeated requests would measure the response cache (bench:gateway has it).
    RESPONSE_CACHE_TTL_SECONDS: '0',
  }),
  database,
  log: () => undefined,
  onQuery: () => statements++,
});
// The search relays poll the outboxes in the background; keep their statements out of SQL/req.
for (const relay of hub.relays) await relay.stop();
const coordinator = await issueToken(
  { JWT_ISSUER: 'welcome-hub', JWT_AUDIENCE: 'welcome-hub' },
  { sub: 'bench-dashboards', role: 'coordinator', ags: [] },
);

async function get(name) {
  const params = new URLSearchParams({ documentId: ids.get(name), variables: JSON.stringify(FIGURES[name]) });
  const response = await fetch(`${hub.url}/graphql?${params}`, { headers: { 'x-graphql-csrf': '1' } });
  const body = await response.json();
  if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function post(query, variables = {}, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Before the aggregates: all municipalities with their active declarations, counted per district in the client. */
async function participationByPaging() {
  const data = await post(
    '{ municipalities(first: 200) { edges { node { district { code } participations { id } } } } }',
  );
  const perDistrict = new Map();
  for (const { node } of data.municipalities.edges)
    perDistrict.set(
      node.district.code,
      (perDistrict.get(node.district.code) ?? 0) + (node.participations.length > 0 ? 1 : 0),
    );
  return perDistrict;
}

/** Before the ranking: every practice page by page with its reuse count, sorted in the client. */
async function rankingByPaging() {
  const all = [];
  let after = null;
  for (;;) {
    const data = await post(
      'query($after: String) { practices(first: 200, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug reuseCount } } } }',
      { after },
    );
    all.push(...data.practices.edges.map((e) => e.node));
    if (!data.practices.pageInfo.hasNextPage) break;
    after = data.practices.pageInfo.endCursor;
  }
  return all.sort((a, b) => b.reuseCount - a.reuseCount).slice(0, 5);
}

async function timed(run, rounds = ROUNDS) {
  for (let i = 0; i < 3; i++) await run(); // warm-up
  statements = 0;
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), sql: statements / rounds };
}

const row = (name, r, extra = '') =>
  console.log(name.padEnd(44), ms(r.p50).padStart(10), ms(r.p95).padStart(10), r.sql.toFixed(1).padStart(8), extra);

async function measure(label) {
  const [counts] = await database.pglite
    .query(
      `select (select count(*) from practices.practice)::int as practices, (select count(*) from municipalities.participation)::int as participations,
            (select count(*) from events.event)::int as events, (select count(*) from events.registration)::int as registrations,
            (select count(*) from modules.module_adoption)::int as adoptions, (select count(*) from modules.assessment)::int as assessments`,
    )
    .then((r) => r.rows);
  console.log(
    `\n${label}: ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
  console.log(
    'figure (GET by trusted document)'.padEnd(44),
    'p50'.padStart(10),
    'p95'.padStart(10),
    'SQL/req'.padStart(8),
  );
  for (const name of Object.keys(FIGURES)) row(name, await timed(() => get(name)));
  console.log('the same, before: paging and counting in the client');
  row('participation per district (112 rows)', await timed(participationByPaging));
  row('five most reused (every practice, paged)', await timed(rankingByPaging, Math.max(5, ROUNDS / 5)));
  console.log('open-data file'.padEnd(44), 'p50'.padStart(10), 'p95'.padStart(10), 'SQL/req'.padStart(8), 'size');
  for (const file of FILES) {
    let bytes = 0;
    const r = await timed(
      async () => {
        const response = await fetch(`${hub.url}/open-data/${file}.csv`);
        bytes = (await response.arrayBuffer()).byteLength;
      },
      Math.max(5, ROUNDS / 5),
    );
    row(`${file}.csv`, r, `${(bytes / 1024).toFixed(0)} KB`);
  }
}

await measure('Reference data');

// 100 times as much: copies of the practices (every tenth adapted from another), events with
// registrations, a declaration history per municipality, every module adopted, interests,
// and assessments submitted through the API (so their summaries are published as in use).
const t = performance.now();
const copies = FACTOR - 1;
await database.pglite.exec(`
  insert into practices.practice (id, slug, title, summary, description, owner_ags, owner_cooperation, owner_region, owner_district, kind, target_groups,
    fields_of_action, status, draft, started_year, ended_year, funding, awards, links, contacts, lessons_learned, effort_notes, tags, criteria, source,
    adapted_from_id, adaptation_changes, adapted_at, archived_at, created_at, updated_at, created_by, updated_by, licence)
  select gen_random_uuid(), slug || '-' || g, title || ' ' || g, summary, description, owner_ags, owner_cooperation, owner_region, owner_district, kind, target_groups,
    fields_of_action, status, false, started_year, ended_year, funding, awards, links, contacts, lessons_learned, effort_notes, tags, criteria, source,
    null, null, null, null, created_at, updated_at, created_by, updated_by, licence
  from practices.practice, generate_series(1, ${copies}) g where adapted_from_id is null;
  with ranked as (select id, row_number() over (order by slug) as n from practices.practice)
  update practices.practice p set adapted_from_id = (select id from ranked r where r.n = ranked.n / 10 + 1), adaptation_changes = 'Angepasst.', adapted_at = now()
  from ranked where ranked.id = p.id and ranked.n % 10 = 0 and ranked.n / 10 + 1 <> ranked.n;
  insert into practices.practice_interest (id, practice_id, municipality_ags, note, created_at, created_by)
  select gen_random_uuid(), p.id, m.ags, null, now(), 'bench'
  from (select id, row_number() over (order by id) as n from practices.practice) p
  join (select ags, row_number() over (order by ags) as n from municipalities.municipality) m on (p.n + m.n) % 25 = 0;
  insert into events.event (id, slug, title, kind, series_slug, series_name, series_number, date, starts_at, ends_at, venue_name, venue_address, venue_latitude,
    venue_longitude, online_url, host_ags, organizer_cooperation, organizer_name, region, description, agenda, outcomes, participation_note, participants_count,
    capacity, registration_deadline, status, source, created_at, updated_at, updated_by, licence)
  select gen_random_uuid(), slug || '-' || g, title || ' ' || g, kind, series_slug, series_name, series_number, coalesce(date, date '2020-01-15') + (g * 11),
    null, null, venue_name, venue_address, venue_latitude, venue_longitude, online_url, host_ags, organizer_cooperation, organizer_name, region, description,
    agenda, outcomes, participation_note, participants_count, 40, null, status, source, created_at, updated_at, updated_by, licence
  from events.event, generate_series(1, ${copies}) g;
  insert into events.registration (id, event_id, municipality_ags, participants, names, status, created_at, updated_at, created_by)
  select gen_random_uuid(), e.id, m.ags, 2, '{}', 'REGISTERED', now(), now(), 'bench'
  from (select id, row_number() over (order by id) as n from events.event) e
  join (select ags, row_number() over (order by ags) as n from municipalities.municipality) m on (e.n + m.n) % 23 = 0;
  insert into municipalities.participation (id, cooperation_id, municipality_ags, declared_on, withdrawn_on, contact_name, contact_role, contact_email, created_at, updated_at, updated_by)
  select gen_random_uuid(), c.id, m.ags, date '2016-01-01' + g * 30, case when g < ${copies} then date '2016-01-01' + g * 30 + 20 end,
    'Vorname Nachname', 'Projektverantwortliche', 'bench@example.org', now(), now(), 'bench'
  from municipalities.membership ms join municipalities.cooperation c on c.id = ms.cooperation_id join municipalities.municipality m on m.ags = ms.municipality_ags,
    generate_series(1, ${copies}) g;
  insert into modules.module_adoption (id, module_id, municipality_ags, status, local_notes, links, created_at, updated_at, updated_by)
  select gen_random_uuid(), mo.id, m.ags, (array['PLANNED', 'IN_USE', 'RETIRED'])[1 + (abs(hashtext(m.ags || mo.slug)) % 3)], null, '[]', now(), now(), 'bench'
  from modules.module mo, municipalities.municipality m on conflict do nothing;
`);
const criteria = (
  await database.pglite.query(`select key, scale_min, scale_max from modules.criterion where required order by key`)
).rows;
const submit = 'mutation($input: SubmitAssessmentInput!) { submitAssessment(input: $input) { id } }';
const [{ list }] = (
  await database.pglite.query(`select array_agg(ags order by ags) as list from municipalities.municipality`)
).rows;
for (let round = 0; round < 3; round++) {
  for (const [i, ags] of list.entries()) {
    await post(
      submit,
      {
        input: {
          ags,
          answers: criteria.map((c, k) => ({
            criterion: c.key,
            score: c.scale_min + ((i + k + round) % (c.scale_max - c.scale_min + 1)),
          })),
        },
      },
      coordinator,
    );
  }
}
console.log(`\nGenerated ${FACTOR}× data in ${((performance.now() - t) / 1000).toFixed(1)} s`);

await measure(`${FACTOR}× data`);
const memory = process.memoryUsage();
console.log(
  `\nMemory after the run: RSS ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`,
);
await hub.close();
await database.pglite.close();
