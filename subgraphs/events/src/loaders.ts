import { byKeyLoader, groupLoader, type Em } from '@welcome-hub/kit';
import { EventEntity, RegistrationEntity } from './event/event.entity.js';
import { EVENT_ORDER } from './event/event.service.js';

/** Per-request DataLoaders; every list contributed to another subgraph's entity batches here. */
export function createLoaders(em: Em) {
  const keys = (k: readonly string[]) => ({ $in: [...k] });
  return {
    event: byKeyLoader((k: readonly string[]) => em.find(EventEntity, { id: keys(k) }), (e) => e.id),
    eventBySlug: byKeyLoader((k: readonly string[]) => em.find(EventEntity, { slug: keys(k) }), (e) => e.slug),
    eventsByHost: groupLoader((k: readonly string[]) => em.find(EventEntity, { hostAgs: keys(k) }, { orderBy: EVENT_ORDER }), (e) => e.hostAgs!),
    eventsByOrganizer: groupLoader((k: readonly string[]) => em.find(EventEntity, { organizerCooperation: keys(k) }, { orderBy: EVENT_ORDER }), (e) => e.organizerCooperation!),
    eventsBySeries: groupLoader((k: readonly string[]) => em.find(EventEntity, { seriesSlug: keys(k) }, { orderBy: { seriesNumber: 'asc', id: 'asc' } }), (e) => e.seriesSlug!),
    registrationsByEvent: groupLoader((k: readonly string[]) => em.find(RegistrationEntity, { eventId: keys(k) }, { orderBy: { createdAt: 'asc', id: 'asc' } }), (r) => r.eventId),
    registrationsByMunicipality: groupLoader((k: readonly string[]) => em.find(RegistrationEntity, { municipalityAgs: keys(k) }, { orderBy: { createdAt: 'asc' } }), (r) => r.municipalityAgs),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
