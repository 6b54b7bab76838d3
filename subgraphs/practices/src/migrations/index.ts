import type { MigrationObject } from '@mikro-orm/core';
import { auditMigration, auditPagingMigration, outboxMigration } from '@welcome-hub/kit';
import { Migration20261121100000_initial } from './Migration20261121100000_initial.js';
import { Migration20261121200000_criteria } from './Migration20261121200000_criteria.js';
import { Migration20261203100000_licence } from './Migration20261203100000_licence.js';

/** Applied in this order; never edit a migration that has shipped, add a new one. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261121100000_initial', class: Migration20261121100000_initial },
  { name: 'Migration20261121200000_criteria', class: Migration20261121200000_criteria },
  {
    name: 'Migration20261121400000_search_outbox',
    class: outboxMigration('practices', 'Migration20261121400000_search_outbox'),
  },
  {
    name: 'Migration20261122000000_audit_log',
    class: auditMigration('practices', 'Migration20261122000000_audit_log'),
  },
  {
    name: 'Migration20261203000000_audit_log_paging',
    class: auditPagingMigration('practices', 'Migration20261203000000_audit_log_paging'),
  },
  { name: 'Migration20261203100000_licence', class: Migration20261203100000_licence },
];
