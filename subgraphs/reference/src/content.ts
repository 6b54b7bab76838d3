import { DATA_DIR, readDataFile as read } from './files.js';

/** One practice as knowledge.json records it (German vocabulary, unknown values null). */
export interface PracticeData {
  slug: string;
  title: string;
  municipality_ags?: string | null;
  cooperation_slug?: string | null;
  kind: string;
  target_groups: string[];
  field_of_action: string;
  summary: string;
  contact_role?: string;
  started: number | null;
  awards?: { year: number; name: string }[];
  funding?: {
    programme: string;
    share_percent?: number;
    amount_eur?: number;
    from?: string;
    duration_years?: number;
    new_positions?: number;
    note?: string;
  };
  source: string;
}

/** The practices of knowledge.json. */
export function loadPractices(dir: string = DATA_DIR): PracticeData[] {
  return (JSON.parse(read(dir, 'knowledge.json')) as { practices: PracticeData[] }).practices;
}
/** One module as knowledge.json records it. */
export interface ModuleData {
  slug: string;
  title: string;
  kind: string;
  summary: string;
  source: string;
}

export function loadModules(dir: string = DATA_DIR): ModuleData[] {
  return (JSON.parse(read(dir, 'knowledge.json')) as { modules: ModuleData[] }).modules;
}

/** The example Quick-Check catalogue shipped with the hub (the real criteria are not public). */
export interface CatalogueData {
  example: boolean;
  note: string;
  source: string;
  scale: { min: number; max: number; labels: string[] };
  areas: {
    key: string;
    title: string;
    criteria: { key: string; title: string; guidance: string; required: boolean; modules: string[] }[];
  }[];
}

export function loadExampleCatalogue(dir: string = DATA_DIR): CatalogueData {
  return JSON.parse(read(dir, 'example-quick-check.json')) as CatalogueData;
}

/** One event as knowledge.json records it; `date` is null where the sources give none. */
export interface EventData {
  slug: string;
  title: string;
  series: string | null;
  number: number | null;
  date: string | null;
  venue: string | null;
  host_ags: string | null;
  organizer: string;
  participants_count?: number | null;
  participating_municipalities_count?: number | null;
  participation_note?: string;
  summary: string;
  source: string;
}

export function loadEvents(dir: string = DATA_DIR): EventData[] {
  return (JSON.parse(read(dir, 'knowledge.json')) as { events: EventData[] }).events;
}
