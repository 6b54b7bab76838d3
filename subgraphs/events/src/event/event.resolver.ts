import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, type ConnectionResult, isUuid } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import { CooperationRef, MunicipalityRef } from '../federation/references.js';
import type { EventsAction } from '../policy.js';
import { Registration } from '../registration/registration.type.js';
import type { EventRow, RegistrationRow } from './event.entity.js';
import { CalendarTimeScalar } from './calendar-time.js';
import { createEvent, getEventBySlug, listEvents, updateEvent } from './event.service.js';
import {
  CreateEventInput,
  Event,
  EventConnection,
  EventFilter,
  EventOrder,
  EventSeries,
  UpdateEventInput,
  Venue,
} from './event.type.js';

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true, description: 'One event by slug; null when unknown.' })
  event(@Arg('slug', { description: 'e.g. "forum-integration-2019".' }) slug: string, @Ctx() ctx: Context) {
    return getEventBySlug(ctx, slug);
  }

  @Query(() => EventConnection, {
    nullable: true,
    description:
      'Events, filtered, sorted and paged: by default by date (undated last), with `series` in series order.',
  })
  events(
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions; all must hold.' })
    filter: EventFilter | null,
    @Arg('orderBy', () => EventOrder, {
      nullable: true,
      description:
        'Sort order; omitted: by date, oldest first and undated last, or in series order when filter.series is given.',
    })
    orderBy: EventOrder | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionResult<EventRow>> {
    return listEvents(ctx, filter, page, orderBy);
  }

  @Mutation(() => Event, {
    description: "Creates an event: coordinators for cooperations, editors for their municipality's own events.",
  })
  createEvent(
    @Arg('input', () => CreateEventInput, { description: 'The event.' }) input: CreateEventInput,
    @Ctx() ctx: Context,
  ) {
    return createEvent(ctx, input);
  }

  @Mutation(() => Event, { description: 'Changes an event (including cancelling it and recording outcomes).' })
  updateEvent(
    @Arg('input', () => UpdateEventInput, { description: 'What to change.' }) input: UpdateEventInput,
    @Ctx() ctx: Context,
  ) {
    return updateEvent(ctx, input);
  }

  @FieldResolver(() => Venue, { nullable: true, description: 'Where it takes place.' })
  venue(@Root() e: EventRow): Venue | null {
    if (!e.venueName) return null;
    const location =
      e.venueLatitude != null && e.venueLongitude != null ? { lat: e.venueLatitude, lon: e.venueLongitude } : null;
    return { name: e.venueName, address: e.venueAddress ?? null, location };
  }

  @FieldResolver(() => CalendarTimeScalar, {
    nullable: true,
    description: 'Start: the day alone where the time is not known (e.g. "2019-02-04"); null when not even the day is.',
  })
  startsAt(@Root() e: EventRow): Date | string | null {
    return e.startsAt ?? e.date ?? null;
  }

  @FieldResolver(() => CalendarTimeScalar, { nullable: true, description: 'End, where known.' })
  endsAt(@Root() e: EventRow): Date | null {
    return e.endsAt ?? null;
  }

  @FieldResolver(() => EventSeries, { nullable: true, description: 'The series it belongs to.' })
  series(@Root() e: EventRow): EventSeries | null {
    return e.seriesSlug ? { slug: e.seriesSlug, name: e.seriesName ?? e.seriesSlug } : null;
  }

  @FieldResolver(() => MunicipalityRef, { nullable: true, description: 'The hosting municipality.' })
  host(@Root() e: EventRow): MunicipalityRef | null {
    return e.hostAgs ? { ags: e.hostAgs } : null;
  }

  @FieldResolver(() => CooperationRef, { nullable: true, description: 'The organizing cooperation.' })
  organizer(@Root() e: EventRow): CooperationRef | null {
    return e.organizerCooperation ? { slug: e.organizerCooperation } : null;
  }

  @FieldResolver(() => [Registration], { description: 'Registrations in order of arrival (waiting list included).' })
  registrations(@Root() e: EventRow, @Ctx() ctx: Context): Promise<RegistrationRow[]> {
    return ctx.loaders.registrationsByEvent.load(e.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Seats still free; null without a capacity.' })
  async seatsLeft(@Root() e: EventRow, @Ctx() ctx: Context): Promise<number | null> {
    if (e.capacity == null) return null;
    const registrations = await ctx.loaders.registrationsByEvent.load(e.id);
    return (
      e.capacity - registrations.filter((r) => r.status === 'REGISTERED').reduce((sum, r) => sum + r.participants, 0)
    );
  }
}

@Resolver(() => Registration)
export class RegistrationFieldsResolver {
  @Authorized<EventsAction>('registration:read-names')
  @FieldResolver(() => [String], {
    nullable: true,
    description: "Participants' names; null unless you organize the event or belong to that municipality.",
  })
  names(@Root() r: RegistrationRow): string[] {
    return r.names;
  }

  @FieldResolver(() => Event, { description: 'The event.' })
  async event(@Root() r: RegistrationRow, @Ctx() ctx: Context): Promise<EventRow> {
    return (await ctx.loaders.event.load(r.eventId))!;
  }

  @FieldResolver(() => MunicipalityRef, { nullable: true, description: 'The registered municipality.' })
  municipality(@Root() r: RegistrationRow): MunicipalityRef {
    return { ags: r.municipalityAgs };
  }
}

export const eventReference = {
  Event: {
    __resolveReference: (ref: { id: string }, ctx: Context) => (isUuid(ref.id) ? ctx.loaders.event.load(ref.id) : null),
  },
};
