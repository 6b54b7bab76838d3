import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import type { EventRow, RegistrationRow } from '../event/event.entity.js';
import { Event } from '../event/event.type.js';
import { Registration } from '../registration/registration.type.js';
import { CooperationRef, MunicipalityRef } from './references.js';

@Resolver(() => MunicipalityRef)
export class MunicipalityEventsResolver {
  @FieldResolver(() => [Event], { nullable: true, description: 'Events the municipality hosts, by date.' })
  hostedEvents(@Root() m: MunicipalityRef, @Ctx() ctx: Context): Promise<EventRow[]> {
    return ctx.loaders.eventsByHost.load(m.ags);
  }

  @FieldResolver(() => [Registration], { nullable: true, description: "The municipality's event registrations." })
  registrations(@Root() m: MunicipalityRef, @Ctx() ctx: Context): Promise<RegistrationRow[]> {
    return ctx.loaders.registrationsByMunicipality.load(m.ags);
  }
}

@Resolver(() => CooperationRef)
export class CooperationEventsResolver {
  @FieldResolver(() => [Event], { nullable: true, description: 'Events the cooperation organizes, by date.' })
  events(@Root() c: CooperationRef, @Ctx() ctx: Context): Promise<EventRow[]> {
    return ctx.loaders.eventsByOrganizer.load(c.slug);
  }
}
