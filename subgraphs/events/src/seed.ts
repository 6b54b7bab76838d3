import { auditedBy, forkForSystem, type Orm } from '@welcome-hub/kit';
import { loadEvents, referenceDirectory, type EventData } from '@welcome-hub/reference';
import { describeResult, upsertRows, type TableResult } from '@welcome-hub/seed';
import { EventEntity } from './event/event.entity.js';
import { eventsModel } from './model.js';

/** knowledge.json names organizers in prose; these are the cooperations they stand for. */
const ORGANIZERS: Record<string, string> = {
  'Südwestfalen Agentur': 'qualitaetsoffensive-willkommen-suedwestfalen',
  'Städtekooperation Integration.Interkommunal': 'integration-interkommunal',
};
const KINDS: Record<string, string> = {
  'Runder Tisch Willkommenskultur': 'ROUND_TABLE',
  'Interkommunales Forum Integration': 'FORUM',
};
const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function participation(e: EventData): string | null {
  const parts = [
    e.participation_note,
    e.participating_municipalities_count != null ? `${e.participating_municipalities_count} Kommunen` : null,
  ];
  return parts.filter(Boolean).join('; ') || null;
}

/** The four events of knowledge.json: dates only where the sources give one; all took place. Audited as the system's writes. */
export async function seedEvents(orm: Orm, options: { log?: (line: string) => void } = {}): Promise<TableResult[]> {
  const directory = referenceDirectory();
  const now = new Date();
  const rows = loadEvents().map((e) => {
    const organizer = ORGANIZERS[e.organizer];
    const kind = e.series ? KINDS[e.series] : undefined;
    if (!organizer || !kind) throw new Error(`knowledge.json event ${e.slug}: unknown organizer or series`);
    return {
      id: crypto.randomUUID(),
      slug: e.slug,
      title: e.title,
      kind,
      series_slug: e.series ? slugOf(e.series) : null,
      series_name: e.series,
      series_number: e.number,
      date: e.date,
      venue_name: e.venue,
      host_ags: e.host_ags,
      organizer_cooperation: organizer,
      organizer_name: e.organizer,
      region:
        (e.host_ags ? directory.municipalities.get(e.host_ags)?.region : undefined) ??
        directory.cooperations.get(organizer)!.region,
      description: e.summary,
      participation_note: participation(e),
      participants_count: e.participants_count ?? null,
      status: 'HELD',
      source: e.source,
      created_at: now,
      updated_at: now,
      updated_by: 'seed',
    };
  });
  return forkForSystem(orm.em).transactional(async (em) => {
    const result = await upsertRows(em, 'events', 'event', ['slug'], rows, {
      fixed: ['id', 'created_at', 'updated_at', 'updated_by'],
      outboxKey: 'id',
      audit: auditedBy(eventsModel, EventEntity),
    });
    options.log?.(describeResult(result));
    return [result];
  });
}

export async function isEmpty(orm: Orm): Promise<boolean> {
  const [row] = (await orm.em.getConnection().execute('select count(*)::int as n from "events"."event"')) as {
    n: number;
  }[];
  return row.n === 0;
}
