import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import {
  LICENCES,
  LicenceCode,
  auditMigration,
  forkForSystem,
  licenceColumns,
  licenceOf,
  openDataRoutes,
  type OpenDataset,
  type SubgraphDefinition,
} from '../src/index.js';
import { startTestSubgraph, type SubgraphUnderTest } from '../src/testing/index.js';
import { NoteEntity, notesSubgraph } from './notes-subgraph.js';

// The kit's open-data files on a one-table subgraph: RFC 4180 CSV and JSON, licence headers,
// conditional requests, and a fixed number of statements per file whatever its size.
const notes: OpenDataset = {
  name: 'notes',
  title: 'Notizen',
  description: 'Notizen zum Testen.',
  keywords: ['Test'],
  theme: 'GOVE',
  rights: { kind: 'licence', licence: LicenceCode.CC_BY_4_0, attribution: 'Quelle: Testdaten' },
  changedBy: [NoteEntity],
  columns: [
    { name: 'id', description: 'Kennung', sql: 'n."id"' },
    { name: 'title', description: 'Titel', sql: 'n."title"' },
    { name: 'tags', description: 'Schlagwörter', sql: 'n."tags"' },
    ...licenceColumns(NoteEntity, 'n'),
  ],
  from: () => ({ sql: 'from "notes"."note" n order by n."title", n."id"', params: [] }),
};

const definition: SubgraphDefinition = {
  ...notesSubgraph,
  model: {
    ...notesSubgraph.model,
    audited: { Note: {} },
    migrations: [
      ...notesSubgraph.model.migrations,
      { name: 'Migration2_audit', class: auditMigration('notes', 'Migration2_audit') },
    ],
  },
  httpRoutes: openDataRoutes('notes', [notes]),
};

let sub: SubgraphUnderTest;

beforeAll(async () => {
  sub = await startTestSubgraph(definition);
});
afterAll(async () => {
  await sub?.close();
});

async function addNotes(titles: string[]): Promise<void> {
  const em = forkForSystem(sub.runtime.orm.em);
  for (const title of titles) em.create(NoteEntity, { id: randomUUID(), title, tags: ['a', 'b'] });
  await em.flush();
}

/** Statements a request costs, with its response. */
async function measured(
  path: string,
  init?: RequestInit,
): Promise<{ response: Response; body: string; statements: number }> {
  sub.statements.reset();
  const response = await fetch(`${sub.url}${path}`, init);
  const body = await response.text();
  return { response, body, statements: sub.statements.count };
}

describe('open-data files', () => {
  it('serve an empty CSV with its header row, the licence and the catalogue as links', async () => {
    const { response, body } = await measured('/open-data/notes.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('link')).toContain(`<${LICENCES.CC_BY_4_0.uri}>; rel="license"`);
    expect(response.headers.get('link')).toContain(
      '<http://localhost:4000/open-data/catalog.jsonld>; rel="describedby"',
    );
    expect(body).toBe('id,title,tags,licence_id,licence_uri\r\n');
  });

  it('cost the same statements for 0 and for 1200 records: one for the date, one for the rows', async () => {
    const before = {
      csv: await measured('/open-data/notes.csv'),
      json: await measured('/open-data/notes.json'),
      meta: await measured('/open-data/meta/notes.json'),
    };
    await addNotes(Array.from({ length: 1200 }, (_, i) => `n${String(i).padStart(4, '0')}`));
    const after = {
      csv: await measured('/open-data/notes.csv'),
      json: await measured('/open-data/notes.json'),
      meta: await measured('/open-data/meta/notes.json'),
    };
    expect(before.csv.statements).toBe(2);
    expect(after.csv.statements).toBe(2);
    expect(before.json.statements).toBe(2);
    expect(after.json.statements).toBe(2);
    expect(before.meta.statements).toBe(1);
    expect(after.meta.statements).toBe(1);
    expect(parse(after.csv.body, { columns: true })).toHaveLength(1200);
    expect(JSON.parse(after.json.body).records).toHaveLength(1200);
    expect(JSON.parse(after.meta.body).datasets[0]).toMatchObject({
      name: 'notes',
      records: 1200,
      licence: { id: 'CC-BY-4.0' },
      attribution: 'Quelle: Testdaten',
    });
  });

  it('stream: no Content-Length, chunked transfer', async () => {
    const { response } = await measured('/open-data/notes.csv');
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
  });

  it('let clients leave mid-file without keeping a connection (more than the pool holds)', async () => {
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${sub.url}/open-data/notes.json`);
      const reader = response.body!.getReader();
      await reader.read();
      await reader.cancel();
    }
    const { response, body } = await measured('/open-data/notes.json');
    expect(response.status).toBe(200);
    expect(JSON.parse(body).records.length).toBeGreaterThanOrEqual(1200);
  });

  it('quote what needs quoting, so a CSV parser gets the values back', async () => {
    await addNotes(['a,"b"\nc']);
    const { body } = await measured('/open-data/notes.csv');
    const rows = parse(body, { columns: true }) as Record<string, string>[];
    const tricky = rows.find((r) => r.title.startsWith('a,'));
    expect(tricky).toMatchObject({ title: 'a,"b"\nc', tags: 'a|b', licence_id: '', licence_uri: '' });
    expect(body.split('\r\n')[0]).toBe('id,title,tags,licence_id,licence_uri');
  });

  it('write JSON with licence, attribution and records, lists as arrays and unknown licences as null', async () => {
    const { response, body } = await measured('/open-data/notes.json');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const file = JSON.parse(body);
    expect(file.licence).toEqual({
      id: 'CC-BY-4.0',
      label: LICENCES.CC_BY_4_0.label,
      uri: LICENCES.CC_BY_4_0.uri,
      textUrl: LICENCES.CC_BY_4_0.textUrl,
    });
    expect(file.attribution).toBe('Quelle: Testdaten');
    expect(file.records[0]).toEqual({
      id: expect.any(String),
      title: expect.any(String),
      tags: ['a', 'b'],
      licence_id: null,
      licence_uri: null,
    });
  });

  it('answer Last-Modified, 304 for a copy as new, HEAD without a body in one statement, 405 for POST', async () => {
    const first = await measured('/open-data/notes.csv');
    const lastModified = first.response.headers.get('last-modified')!;
    expect(Date.parse(lastModified)).toBeGreaterThan(Date.now() - 600_000);
    const again = await measured('/open-data/notes.csv', { headers: { 'if-modified-since': lastModified } });
    expect(again.response.status).toBe(304);
    expect(again.statements).toBe(1);
    const head = await measured('/open-data/notes.json', { method: 'HEAD' });
    expect(head.response.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.statements).toBe(1);
    expect((await fetch(`${sub.url}/open-data/notes.csv`, { method: 'POST' })).status).toBe(405);
  });
});

describe('licences of records', () => {
  it('map known codes only: free text and unknown codes stay unknown', () => {
    expect(licenceOf('DL_DE_BY_2_0')?.uri).toBe('http://dcat-ap.de/def/licenses/dl-by-de/2.0');
    expect(licenceOf('CC BY 4.0')).toBeNull();
    expect(licenceOf('toString')).toBeNull();
    expect(licenceOf(null)).toBeNull();
  });
});
