import { defineEntity, p } from '@mikro-orm/core';
import { agsListCheck, idProperty, textListProperty, timestampProperties } from '@welcome-hub/kit';

/**
 * A partner system (a partner city's CMS, a dashboard) that calls the API with OAuth
 * client credentials. `ags` empty: read-only; else it writes for those municipalities as
 * their editors do. Only the SHA-256 of its secret is stored (secrets are 256-bit random
 * values, so a slow hash adds nothing); `tier` picks its rate-limit allowance.
 */
export const PartnerClientEntity = defineEntity({
  name: 'PartnerClient',
  tableName: 'partner_client',
  properties: {
    ...idProperty(),
    clientId: p.string().length(64).unique(),
    name: p.string().length(200),
    ags: textListProperty().check(agsListCheck('ags')),
    tier: p.string().length(20),
    secretHash: p.string().length(64),
    secretRotatedAt: p.datetime(),
    active: p.boolean().default(true),
    ...timestampProperties(),
    updatedBy: p.string().length(255),
  },
});
export type PartnerClientRow = InstanceType<typeof PartnerClientEntity.class>;
