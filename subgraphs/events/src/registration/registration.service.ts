import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { ConflictError, InputValidator, NotFoundError, requireUser, subjectOf } from '@welcome-hub/kit';
import { knownMunicipality } from '@welcome-hub/reference';
import type { Context } from '../context.js';
import { RegistrationEntity, type RegistrationRow } from '../event/event.entity.js';
import { findEvent, lockEvent } from '../event/event.repository.js';
import { eventsPolicy as policy } from '../policy.js';
import { findRegistration, findWaitlisted, seatsTaken } from './registration.repository.js';
import type { RegisterInput } from './registration.type.js';

/**
 * Registers a municipality: with seats left it is REGISTERED, otherwise WAITLISTED.
 * The event row is locked, so two registrations for the last seat never both get it.
 */
export async function register(ctx: Context, input: RegisterInput): Promise<RegistrationRow> {
  const user = requireUser(ctx.caller);
  const v = new InputValidator();
  v.uuid(input.eventId, 'input.eventId', 'an event');
  knownMunicipality(v, input.ags, 'input.ags');
  v.between(input.participants, 'input.participants', 1, 50);
  const names = (input.names ?? []).map((n, i) => v.text(n, `input.names[${i}]`, { min: 2, max: 200 }));
  v.check(names.length <= input.participants, 'input.names', 'must not name more people than participants');
  v.throwIfInvalid();
  policy.require(user, 'registration:write', { municipalityAgs: input.ags });
  try {
    return await ctx.em.transactional(async (em) => {
      const found = await findEvent(em, input.eventId);
      if (!found) throw new NotFoundError('Event', input.eventId);
      const event = await lockEvent(em, input.eventId);
      if (event.status !== 'PLANNED')
        throw new ConflictError(`Registration is closed: the event is ${event.status.toLowerCase()}.`);
      if (event.registrationDeadline && event.registrationDeadline < new Date()) {
        throw new ConflictError(`Registration closed at ${event.registrationDeadline.toISOString()}.`);
      }
      const free = event.capacity == null ? Infinity : event.capacity - (await seatsTaken(em, event.id));
      const registration = em.create(RegistrationEntity, {
        eventId: event.id,
        municipalityAgs: input.ags,
        participants: input.participants,
        names,
        status: input.participants <= free ? 'REGISTERED' : 'WAITLISTED',
        createdBy: subjectOf(user),
      });
      em.persist(registration);
      return registration;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new ConflictError(`${input.ags} is already registered for this event.`);
    throw error;
  }
}

/** Cancels a registration and moves the waiting list up, in order, as far as seats allow. */
export async function cancelRegistration(ctx: Context, id: string): Promise<RegistrationRow> {
  const user = requireUser(ctx.caller);
  new InputValidator().uuid(id, 'id', 'a registration').throwIfInvalid();
  return ctx.em.transactional(async (em) => {
    const registration = await findRegistration(em, id);
    if (!registration) throw new NotFoundError('Registration', id);
    const event = await lockEvent(em, registration.eventId);
    policy.require(user, 'registration:cancel', { municipalityAgs: registration.municipalityAgs, event });
    await em.refresh(registration);
    if (registration.status === 'CANCELLED') throw new ConflictError('This registration is already cancelled.');
    // Each flush stamps `updatedAt` of what it changed (the entity's onUpdate).
    registration.status = 'CANCELLED';
    await em.flush();
    if (event.capacity != null) {
      let free = event.capacity - (await seatsTaken(em, event.id));
      const waiting = await findWaitlisted(em, event.id);
      for (const next of waiting) {
        // First come, first served: a larger party at the head of the list is not skipped.
        if (next.participants > free) break;
        next.status = 'REGISTERED';
        free -= next.participants;
      }
    }
    return registration;
  });
}
