import type { MigrationObject } from '@mikro-orm/core';
import { auditMigration, auditPagingMigration, outboxMigration } from '@welcome-hub/kit';
import { Migration20261121000000_initial } from './Migration20261121000000_initial.js';

/** Applied in this order; never edit a migration that has shipped, add a new one. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261121000000_initial', class: Migration20261121000000_initial },
  {
    name: 'Migration20261121400000_search_outbox',
    class: outboxMigration('municipalities', 'Migration20261121400000_search_outbox'),
  },
  {
    name: 'Migration20261122000000_audit_log',
    class: auditMigration('municipalities', 'Migration20261122000000_audit_log'),
  },
  {
    name: 'Migration20261203000000_audit_log_paging',
    class: auditPagingMigration('municipalities', 'Migration20261203000000_audit_log_paging'),
  },
];
