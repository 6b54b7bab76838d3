import type { DataModel } from '@welcome-hub/kit';
import { InterestEntity } from './interest/interest.entity.js';
import { migrations } from './migrations/index.js';
import { PracticeEntity } from './practice/practice.entity.js';

/** The `practices` PostgreSQL schema: its tables and migrations. */
export const practicesModel: DataModel = {
  schema: 'practices',
  entities: [PracticeEntity, InterestEntity],
  migrations,
  // Changes of these reach the search index through the outbox.
  searchable: { Practice: 'id' },
  // Every write of these leaves an audit entry; contact persons are masked in it, and so
  // is free text written about the work behind a practice, which may name people.
  audited: {
    Practice: {
      owner: 'ownerAgs',
      personal: ['contacts[].name', 'contacts[].email', 'contacts[].phone', 'effortNotes', 'adaptationChanges'],
    },
    PracticeInterest: { owner: 'municipalityAgs', personal: ['note'] },
  },
};
