import type { DataModel } from '@welcome-hub/kit';
import { EventEntity, RegistrationEntity } from './event/event.entity.js';
import { migrations } from './migrations/index.js';

/** The `events` PostgreSQL schema: its tables and migrations. */
export const eventsModel: DataModel = {
  schema: 'events',
  entities: [EventEntity, RegistrationEntity],
  migrations,
  // Changes of these reach the search index through the outbox.
  searchable: { Event: 'id' },
};
