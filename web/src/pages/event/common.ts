import type { EventPageQuery as EventPageData, EventRegistrationsQuery } from '../../../generated/graphql.js';
import { formatNumber } from '../../format.js';

// What the parts of an event's page share: the answers' shapes and a few words.

/** The event as the page's query answers it (cacheable, the same for everyone). */
export type Ev = NonNullable<EventPageData['event']>;
/** The registrations, read fresh for the signed-in (names and own registrations depend on who asks). */
export type Registrations = NonNullable<EventRegistrationsQuery['event']>;
/** One registration of a municipality. */
export type Reg = Registrations['registrations'][number];

/** "1 Person", "12 Personen". */
export const persons = (n: number) => (n === 1 ? '1 Person' : `${formatNumber(n)} Personen`);

/** The title of a failed action's error box. */
export const FAILED = 'Das hat nicht geklappt';

/** The municipality of a registration by name; a municipality the hub no longer knows stays anonymous. */
export const municipalityName = (reg: Reg) => reg.municipality?.name ?? 'Eine Kommune';
