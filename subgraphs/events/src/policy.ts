import {
  actsFor,
  auditReaders,
  definePolicy,
  forMunicipality,
  notYourMunicipality,
  type AuditScope,
  type FieldResources,
  type Rule,
  type User,
} from '@welcome-hub/kit';
import type { Context } from './context.js';
import type { EventRow, RegistrationRow } from './event/event.entity.js';

/** Who runs an event: a host municipality, an organizing cooperation, or both. */
export type EventOwner = Pick<EventRow, 'hostAgs' | 'organizerCooperation'>;

/** A registration with the event it is for, whose organizer shares some of its rights. */
export interface RegistrationScope {
  municipalityAgs: string;
  event: EventOwner | null;
}

/** The events subgraph's catalogue: each action and the resource its rule decides on. */
export interface EventsResources {
  /** Create or change (cancel, record outcomes of) an event of this owner. */
  'event:write': EventOwner;
  /** Register a municipality for an event. */
  'registration:write': { municipalityAgs: string };
  /** Cancel a registration: the registered municipality or the event's organizer. */
  'registration:cancel': RegistrationScope;
  /** See the participants' names of a registration (personal data). */
  'registration:read-names': RegistrationScope;
  /** Read this subgraph's audit trail: coordinators all of it, editors their municipality's records. */
  'audit:read': AuditScope;
}
export type EventsAction = keyof EventsResources;

/** Cooperation events belong to coordinators; a municipality's own events also to its editors. */
function organizes(user: User, event: EventOwner): boolean {
  if (user.role === 'coordinator') return true;
  return event.organizerCooperation == null && event.hostAgs != null && user.ags.includes(event.hostAgs);
}

/** The registered municipality, or whoever organizes the event. */
const registrantOrOrganizer: Rule<RegistrationScope> = {
  allow: (user, r) => actsFor(user, r.municipalityAgs) || (r.event !== null && organizes(user, r.event)),
  deny: (user, r) => notYourMunicipality(user, r.municipalityAgs),
};

/** Who may do what in this subgraph; the only place its permissions are decided. */
export const eventsPolicy = definePolicy<EventsResources>({
  'event:write': {
    allow: organizes,
    deny: (_user, event) =>
      event.organizerCooperation != null
        ? "Only coordinators write cooperations' events."
        : `Your token does not allow events hosted by ${event.hostAgs}.`,
  },
  'registration:write': forMunicipality((r) => r.municipalityAgs),
  'registration:cancel': registrantOrOrganizer,
  'registration:read-names': registrantOrOrganizer,
  'audit:read': auditReaders,
});

/** `@Authorized` fields whose rule needs more than the parent object. */
export const eventsFieldResources: FieldResources<EventsResources, Context> = {
  'registration:read-names': async (registration: RegistrationRow, ctx) => ({
    municipalityAgs: registration.municipalityAgs,
    event: await ctx.loaders.event.load(registration.eventId),
  }),
};
