import type { DataModel } from '@welcome-hub/kit';
import { AccountEntity, InvitationEntity } from './account/account.entity.js';
import { PartnerClientEntity } from './client/partner-client.entity.js';
import { migrations } from './migrations/index.js';

/** The `identity` PostgreSQL schema: accounts, invitations, partner clients and the OpenID provider's records. */
export const identityModel: DataModel = {
  schema: 'identity',
  entities: [AccountEntity, InvitationEntity, PartnerClientEntity],
  migrations,
  // Every write of these leaves an audit entry; e-mail addresses, names and secrets are masked in it.
  audited: {
    Account: { personal: ['email', 'name', 'passwordHash'] },
    Invitation: { personal: ['tokenHash'] },
    PartnerClient: { personal: ['secretHash'] },
  },
};
