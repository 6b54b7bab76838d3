import { defineEntity, p } from '@mikro-orm/core';
import { TextArrayType } from '@welcome-hub/kit';

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
    id: p.uuid().primary(),
    clientId: p.string().length(64).unique(),
    name: p.string().length(200),
    ags: p.array().type(TextArrayType),
    tier: p.string().length(20),
    secretHash: p.string().length(64),
    secretRotatedAt: p.datetime(),
    active: p.boolean(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    updatedBy: p.string().length(255),
  },
});
export type PartnerClientRow = InstanceType<typeof PartnerClientEntity.class>;
