// Jest's global set-up: one hub for the whole run, shared by the test files that only read
// (gateway/test/shared-hub.ts `sharedHub`). It runs in Jest's main process from the build,
// which `npm test` makes first; without a build, or with WELCOME_HUB_SHARED_HUB=off, there is
// none and each such file starts a hub of its own. A run limited to the unit project
// (--selectProjects unit) starts none.
import { randomBytes } from 'node:crypto';

export default async function startSharedHub(globalConfig) {
  const projects = globalConfig.selectProjects;
  if (process.env.WELCOME_HUB_SHARED_HUB === 'off') return;
  if (projects && !projects.some((name) => name === 'db' || name === 'browser')) return;
  let testing;
  try {
    // This hub runs in Jest's main process, where the set-up files do not: graphql-js as the hub loads it.
    await import('@welcome-hub/kit/graphql-production');
    testing = await import('@welcome-hub/gateway/testing');
  } catch (error) {
    console.warn(`No shared test hub (${error.message}); run npm run build first. Each file starts its own.`);
    return;
  }
  const secret = randomBytes(32).toString('hex');
  const hub = await testing.startTestHub({ env: testing.sharedHubEnv(secret) });
  globalThis.welcomeHubSharedHub = hub;
  process.env[testing.SHARED_HUB_ENV.url] = hub.hub.url;
  process.env[testing.SHARED_HUB_ENV.internalUrl] = hub.hub.internalUrl;
  process.env[testing.SHARED_HUB_ENV.secret] = secret;
}
