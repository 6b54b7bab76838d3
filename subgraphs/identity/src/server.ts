import 'reflect-metadata';
import { accessTokenLifetimeProblem, commonEnv, parseConfig, type SubgraphDefinition } from '@welcome-hub/kit';
import { identityModel } from './model.js';
import { identitySchema } from './schema.js';
import { isEmpty, seedIdentity } from './seed.js';
import { identityRoutes } from './oidc/routes.js';

/**
 * Accounts, partner clients and the hub's own OpenID provider (served under /oidc unless
 * OIDC_ISSUER names an external one).
 */
export const identitySubgraph: SubgraphDefinition<Record<string, never>> = {
  name: 'identity',
  defaultPort: 4006,
  model: identityModel,
  schema: identitySchema,
  createLoaders: () => ({}),
  seed: async (orm, log, given) => {
    const config = given ?? parseConfig(commonEnv, {});
    // People sign in at the external provider: an account here could sign in nowhere.
    if (config.OIDC_ISSUER) return log('identity: sign-in at OIDC_ISSUER; no account of the own provider created.');
    return seedIdentity(orm, config.FIRST_COORDINATOR_EMAIL, log);
  },
  isEmpty,
  httpRoutes: (orm, { publicUrl, config, behindProxy }) =>
    config.OIDC_ISSUER
      ? {}
      : identityRoutes(orm, {
          publicUrl,
          audience: config.JWT_AUDIENCE,
          accessTokenTtl: config.ACCESS_TOKEN_TTL_SECONDS,
          sessionTtl: config.SESSION_TTL_SECONDS,
          behindProxy,
        }).routes,
  // The own provider's tokens must pass the hub's lifetime check (only where it issues them).
  configProblems: (config) => {
    const problem = config.OIDC_ISSUER ? null : accessTokenLifetimeProblem(config);
    return problem ? [problem] : [];
  },
};

export { identityModel } from './model.js';
export { identityRoutes } from './oidc/routes.js';
export { WEB_CLIENT_ID, apiResource, issuerOf } from './oidc/provider.js';
export { hashPassword } from './account/passwords.js';
