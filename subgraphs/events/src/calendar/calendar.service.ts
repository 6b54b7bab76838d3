import type { Em } from '@welcome-hub/kit';
import type { EventRow } from '../event/event.entity.js';
import { findFilteredEvents, findHostedOrListedEvents } from '../event/event.repository.js';
import type { EventFilter } from '../event/event.type.js';
import { findLiveRegistrationsOf } from '../registration/registration.repository.js';

/** The events of /calendar/events.ics: those the (checked) feed filter selects, in list order. */
export function feedEvents(em: Em, filter: EventFilter): Promise<EventRow[]> {
  return findFilteredEvents(em, filter);
}

/**
 * The events of /calendar/municipalities/<ags>.ics: those the municipality hosts or is
 * registered for (cancelled registrations left out), in list order.
 */
export async function municipalityFeedEvents(em: Em, ags: string): Promise<EventRow[]> {
  const registered = await findLiveRegistrationsOf(em, ags);
  return findHostedOrListedEvents(
    em,
    ags,
    registered.map((r) => r.eventId),
  );
}
