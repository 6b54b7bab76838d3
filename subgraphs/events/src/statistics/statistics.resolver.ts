import { Arg, Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import { TimeInterval } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import { statisticsByKind, statisticsByPeriod, statisticsBySeries } from './statistics.service.js';
import {
  EventKindStatistics,
  EventPeriodStatistics,
  EventSeriesStatistics,
  EventStatistics,
} from './statistics.type.js';

/** Public event figures for dashboards; each field is one SQL statement, whatever the number of events. */
@Resolver(() => EventStatistics)
export class EventStatisticsResolver {
  @Query(() => EventStatistics, {
    description: 'Figures on events and registrations for dashboards and open data; public.',
  })
  eventStatistics(): EventStatistics {
    return new EventStatistics();
  }

  @FieldResolver(() => [EventPeriodStatistics], {
    description:
      'Figures per year or month, oldest first, by the day of the event. Events without a date are not counted here (they are in byKind and bySeries). Every period between the first and the last event is listed, with zeros where there were none; empty without dated events.',
  })
  byPeriod(
    @Arg('interval', () => TimeInterval, { defaultValue: TimeInterval.YEAR, description: 'Years or months.' })
    interval: TimeInterval,
    @Ctx() ctx: Context,
  ): Promise<EventPeriodStatistics[]> {
    return statisticsByPeriod(ctx.em, interval);
  }

  @FieldResolver(() => [EventKindStatistics], {
    description:
      'Figures per kind of meeting, events with and without a date; every kind is listed, with zeros where there are none.',
  })
  byKind(@Ctx() ctx: Context): Promise<EventKindStatistics[]> {
    return statisticsByKind(ctx.em);
  }

  @FieldResolver(() => [EventSeriesStatistics], {
    description:
      'Figures per series, events with and without a date, most events first, then by name. Events outside any series are not listed here.',
  })
  bySeries(@Ctx() ctx: Context): Promise<EventSeriesStatistics[]> {
    return statisticsBySeries(ctx.em);
  }
}
