import type { MigrationObject } from '@mikro-orm/core';
import { auditMigration, auditPagingMigration, outboxMigration } from '@welcome-hub/kit';
import { Migration20261121200000_initial } from './Migration20261121200000_initial.js';
import { Migration20261203100000_licence } from './Migration20261203100000_licence.js';
import { Migration20261203200000_published_summary } from './Migration20261203200000_published_summary.js';

/** Applied in this order; never edit a migration that has shipped, add a new one. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261121200000_initial', class: Migration20261121200000_initial },
  {
    name: 'Migration20261121400000_search_outbox',
    class: outboxMigration('modules', 'Migration20261121400000_search_outbox'),
  },
  { name: 'Migration20261122000000_audit_log', class: auditMigration('modules', 'Migration20261122000000_audit_log') },
  {
    name: 'Migration20261203000000_audit_log_paging',
    class: auditPagingMigration('modules', 'Migration20261203000000_audit_log_paging'),
  },
  { name: 'Migration20261203100000_licence', class: Migration20261203100000_licence },
  { name: 'Migration20261203200000_published_summary', class: Migration20261203200000_published_summary },
];
