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
  // Every write of these leaves an audit entry; participants' names are masked in it.
  audited: {
    Event: { owner: 'hostAgs' },
    Registration: { owner: 'municipalityAgs', personal: ['names[]'] },
  },
};
