import type { MigrationObject } from '@mikro-orm/core';
import { auditMigration, auditPagingMigration } from '@welcome-hub/kit';
import { Migration20261202100000_initial } from './Migration20261202100000_initial.js';

/** Applied in this order; never edit a migration that has shipped, add a new one. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261202100000_initial', class: Migration20261202100000_initial },
  { name: 'Migration20261202100100_audit_log', class: auditMigration('identity', 'Migration20261202100100_audit_log') },
  {
    name: 'Migration20261203000000_audit_log_paging',
    class: auditPagingMigration('identity', 'Migration20261203000000_audit_log_paging'),
  },
];
