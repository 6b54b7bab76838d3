import { byKeyLoader, groupLoader, type Em } from '@welcome-hub/kit';
import {
  findEventsByHosts,
  findEventsByIds,
  findEventsByOrganizers,
  findEventsBySeries,
  findEventsBySlugs,
} from './event/event.repository.js';
import {
  findRegistrationsByEvents,
  findRegistrationsByMunicipalities,
} from './registration/registration.repository.js';

/**
 * Per-request DataLoaders; every list contributed to another subgraph's entity batches here.
 * The statements are the repositories'; a loader only batches and groups their results.
 */
export function createLoaders(em: Em) {
  return {
    event: byKeyLoader(
      (k: readonly string[]) => findEventsByIds(em, k),
      (e) => e.id,
    ),
    eventBySlug: byKeyLoader(
      (k: readonly string[]) => findEventsBySlugs(em, k),
      (e) => e.slug,
    ),
    eventsByHost: groupLoader(
      (k: readonly string[]) => findEventsByHosts(em, k),
      (e) => e.hostAgs!,
    ),
    eventsByOrganizer: groupLoader(
      (k: readonly string[]) => findEventsByOrganizers(em, k),
      (e) => e.organizerCooperation!,
    ),
    eventsBySeries: groupLoader(
      (k: readonly string[]) => findEventsBySeries(em, k),
      (e) => e.seriesSlug!,
    ),
    registrationsByEvent: groupLoader(
      (k: readonly string[]) => findRegistrationsByEvents(em, k),
      (r) => r.eventId,
    ),
    registrationsByMunicipality: groupLoader(
      (k: readonly string[]) => findRegistrationsByMunicipalities(em, k),
      (r) => r.municipalityAgs,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
