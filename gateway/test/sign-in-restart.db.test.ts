import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { gatewayEnv, parseConfig } from '@welcome-hub/kit';
import { openTestDatabase, type TestDatabase } from '@welcome-hub/kit/testing';
import { startEmbedded, type EmbeddedHub } from '../src/embedded.js';
import { testPlannerEnv } from '../src/testing/planner.js';
import { FormBrowser, formIn } from './oidc-browser.js';

// A sign-in outlives a restart of the hub: the provider's sessions, grants and refresh
// tokens are in its schema, its keys too, and the session cookie's secret is kept. The
// access tokens here live 30 s, so every request refreshes through the cookie.

let db: TestDatabase;
let port: number;
const lines: string[] = [];
const sessionSecret = randomBytes(32).toString('hex');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return free;
}

function start(): Promise<EmbeddedHub> {
  const config = parseConfig(gatewayEnv, {
    ...testPlannerEnv(),
    PORT: String(port),
    LOG_LEVEL: 'silent',
    ACCESS_TOKEN_TTL_SECONDS: '30',
    SESSION_SECRET: sessionSecret,
  });
  return startEmbedded({ config, database: db.database, log: (line) => lines.push(line) });
}

beforeAll(async () => {
  db = await openTestDatabase();
  port = await freePort();
});
afterAll(() => db?.close());

const viewer = async (browser: FormBrowser, hub: EmbeddedHub) =>
  (await (await browser.request(`${hub.publicUrl}/graphql`, { json: { query: '{ viewer { role name } }' } })).json())
    .data.viewer;

it('keeps a browser signed in across a restart, refreshing its short-lived access token', async () => {
  let hub = await start();
  const password = /its password, shown this once: (\S+)/.exec(lines.join('\n'))![1];
  const email = /first coordinator (\S+) created/.exec(lines.join('\n'))![1];
  const browser = new FormBrowser();
  const start_ = await browser.follow(`${hub.publicUrl}/auth/login?returnTo=/start`);
  const { action } = formIn(await start_.response.text(), start_.url);
  const signedIn = await browser.follow(action, { form: { email, password } }, `${hub.publicUrl}/start`);
  expect(signedIn.url.href).toBe(`${hub.publicUrl}/start`);
  expect(await viewer(browser, hub)).toEqual({ role: 'COORDINATOR', name: 'Koordination' });
  await hub.close();

  lines.length = 0;
  hub = await start();
  try {
    // No second password: the first start's account is found, nothing is printed.
    expect(lines.join('\n')).not.toMatch(/password/);
    // Each request refreshes (30 s tokens): the provider after the restart still knows the sign-in.
    expect(await viewer(browser, hub)).toEqual({ role: 'COORDINATOR', name: 'Koordination' });
    expect(await viewer(browser, hub)).toEqual({ role: 'COORDINATOR', name: 'Koordination' });
  } finally {
    await hub.close();
  }
});
