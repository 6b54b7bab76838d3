import type { Em } from '@welcome-hub/kit';
import { RegistrationEntity, type RegistrationRow } from '../event/event.entity.js';

export function findRegistration(em: Em, id: string): Promise<RegistrationRow | null> {
  return em.findOne(RegistrationEntity, { id });
}

/** Seats an event's REGISTERED registrations take (waitlisted and cancelled ones take none). */
export async function seatsTaken(em: Em, eventId: string): Promise<number> {
  const registered = await em.find(RegistrationEntity, { eventId, status: 'REGISTERED' });
  return registered.reduce((sum, r) => sum + r.participants, 0);
}

/** An event's waiting list, first come first. */
export function findWaitlisted(em: Em, eventId: string): Promise<RegistrationRow[]> {
  return em.find(RegistrationEntity, { eventId, status: 'WAITLISTED' }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** A municipality's registrations that are not cancelled. */
export function findLiveRegistrationsOf(em: Em, ags: string): Promise<RegistrationRow[]> {
  return em.find(RegistrationEntity, { municipalityAgs: ags, status: { $ne: 'CANCELLED' } });
}

/** Registrations for the given events, first come first. */
export function findRegistrationsByEvents(em: Em, ids: readonly string[]): Promise<RegistrationRow[]> {
  return em.find(RegistrationEntity, { eventId: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** Registrations of the given municipalities, oldest first. */
export function findRegistrationsByMunicipalities(em: Em, ags: readonly string[]): Promise<RegistrationRow[]> {
  return em.find(RegistrationEntity, { municipalityAgs: { $in: [...ags] } }, { orderBy: { createdAt: 'asc' } });
}
