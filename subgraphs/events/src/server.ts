import 'reflect-metadata';
import type { SubgraphDefinition } from '@welcome-hub/kit';
import { calendarRoutes } from './calendar/calendar.routes.js';
import { eventsOpenData } from './open-data.js';
import { createLoaders, type Loaders } from './loaders.js';
import { eventsModel } from './model.js';
import { eventsSchema } from './schema.js';
import { isEmpty, seedEvents } from './seed.js';
import { eventSearchFeed } from './event/event.search.js';

/** Events, series, registrations with waiting lists, and iCalendar feeds. */
export const eventsSubgraph: SubgraphDefinition<Loaders> = {
  name: 'events',
  defaultPort: 4004,
  model: eventsModel,
  schema: eventsSchema,
  createLoaders: (em) => createLoaders(em),
  seed: (orm, log) => seedEvents(orm, { log }),
  isEmpty,
  search: eventSearchFeed,
  httpRoutes: (orm, context) => ({ ...calendarRoutes(orm), ...eventsOpenData(orm, context) }),
};

export { eventsModel } from './model.js';
export { seedEvents, isEmpty } from './seed.js';
