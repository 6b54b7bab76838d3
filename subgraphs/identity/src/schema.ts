import 'reflect-metadata';
import { auditTrailResolver, policyAuthChecker, type SubgraphSchemaInput } from '@welcome-hub/kit';
import { AccountResolver } from './account/account.resolver.js';
import { PartnerClientResolver } from './client/partner-client.resolver.js';
import { foreignReferences } from './federation/references.js';
import { identityPolicy } from './policy.js';
import { identityModel } from './model.js';

const IdentityAuditTrailResolver = auditTrailResolver({
  field: 'identityAuditTrail',
  schema: identityModel.schema,
  records: 'accounts, invitations and partner clients',
  authorize: (caller, scope) => identityPolicy.require(caller, 'audit:read', scope),
});
import { ViewerResolver } from './viewer/viewer.resolver.js';

export const identitySchema: SubgraphSchemaInput = {
  resolvers: [ViewerResolver, AccountResolver, PartnerClientResolver, IdentityAuditTrailResolver],
  referenceResolvers: { ...foreignReferences },
  authChecker: policyAuthChecker(identityPolicy, {}),
};
