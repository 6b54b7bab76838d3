import { afterAll, describe, expect } from '@jest/globals';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { startTestHub, type TestHub } from '../../gateway/test/hub.js';

// A real Chromium for the web app's tests: Debian's build (`apt-get install chromium`, which
// .ci/run does), driven by playwright-core; never a downloaded browser. Without one the
// browser tests are skipped, so `npm test` still runs on a machine without Chromium.

/** CHROMIUM_PATH, else Debian's chromium; null when there is none. */
export const chromiumPath: string | null =
  [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path): path is string =>
    Boolean(path && existsSync(path)),
  ) ?? null;

if (!chromiumPath && process.env.REQUIRE_BROWSER)
  throw new Error('REQUIRE_BROWSER is set, but there is no Chromium (CHROMIUM_PATH, /usr/bin/chromium).');
if (!chromiumPath) console.warn('No Chromium (CHROMIUM_PATH, /usr/bin/chromium): the browser tests are skipped.');
/**
 * `describe` for a browser test file, skipped without a Chromium. After its tests it fails
 * when any page of the file's browser contexts sent the API a request that does not name a
 * trusted document (see newContext).
 */
export const describeInBrowser = chromiumPath
  ? (name: string, tests: () => void) =>
      describe(name, () => {
        tests();
        afterAll(() => {
          // Taken out: a second describe of the file reports only its own.
          expect(requestsWithoutTrustedDocument.splice(0)).toEqual([]);
        });
      })
  : describe.skip;

/**
 * The app's GraphQL requests that named no trusted document: the app is a client of the
 * public API like a partner's, every request one of the committed trusted documents sent by
 * id (`documentId`), never a query text.
 */
const requestsWithoutTrustedDocument: string[] = [];

function untrustedRequest(request: Request): string | null {
  const url = new URL(request.url());
  if (url.pathname !== '/graphql') return null;
  const body = request.postData();
  let params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (body) {
    try {
      params = { ...params, ...(JSON.parse(body) as Record<string, unknown>) };
    } catch {
      params = { body };
    }
  }
  const id = params.documentId;
  if (typeof id === 'string' && /^sha256:[0-9a-f]{64}$/.test(id) && !('query' in params)) return null;
  let from = '';
  try {
    from = ` from ${new URL(request.frame().url()).pathname}`;
  } catch {
    // A request of no frame (a service worker's): no page to name.
  }
  return `${request.method()} ${url.pathname}${url.search.slice(0, 80)} ${(body ?? '').slice(0, 80)}${from}`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath!,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh browser profile: German, a desktop window. axe needs pages of a context, not browser.newPage(). */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1280, height: 900 },
  });
  context.on('request', (request) => {
    const untrusted = untrustedRequest(request);
    if (untrusted) requestsWithoutTrustedDocument.push(untrusted);
  });
  return context;
}

/** Waits until no part of the page is loading (a KERN loader or an aria-busy region): parts load on their own. */
export async function loaded(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], .kern-loader'));
}

/** WCAG 2.1 A and AA rules (BITV 2.0 refers to them): the violations axe finds, as short lines. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
}

/** Where the tests write their screenshots (CI keeps the folder). */
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** Collects the page's script errors: a test fails on any. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/**
 * The embedded hub for a browser test. The tests are about the app, not about timeouts: on
 * a loaded CI machine (the fuzz suite beside them) a subgraph call can take longer than the
 * production default of 10 s, so the hub here waits a minute.
 */
export function startBrowserHub(options: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> {
  return startTestHub({
    ...options,
    env: { UPSTREAM_TIMEOUT_MS: '60000', REQUEST_DEADLINE_MS: '120000', ...options.env },
  });
}
