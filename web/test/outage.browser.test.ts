import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, BrowserContext } from 'playwright-core';
import { listen, type RunningServer } from '@welcome-hub/kit';
import type { TestHub } from '../../gateway/test/hub.js';
import {
  accessibilityViolations,
  loaded,
  describeInBrowser,
  launchBrowser,
  newContext,
  pageErrors,
  screenshot,
  startBrowserHub,
} from './browser.js';

// A subgraph outage in the browser: with the events subgraph answering 502 (a proxy's
// error page), a municipality's page says which part is missing and shows the rest, and
// the event list says it cannot load, with a way to try again.

/** A subgraph that is down behind its proxy: every request answers the proxy's 502 page. */
function badGateway(): Promise<RunningServer> {
  return listen(
    (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    },
    '127.0.0.1',
    0,
  );
}

let hub: TestHub;
let browser: Browser;
let context: BrowserContext;
let eventsDown: RunningServer;

describeInBrowser('the web app while the events subgraph is down', () => {
  beforeAll(async () => {
    eventsDown = await badGateway();
    hub = await startBrowserHub({ subgraphUrls: { events: `${eventsDown.url}/graphql` } });
    browser = await launchBrowser();
    context = await newContext(browser, hub.hub.url);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await eventsDown?.close();
  });

  it("shows a municipality's statistics, practices and modules, and says that its events are missing", async () => {
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/kommunen/05970040');
    await page.getByRole('heading', { level: 1, name: 'Siegen' }).waitFor();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Der Bereich „Veranstaltungen“ ist gerade nicht erreichbar' })
      .first()
      .waitFor();
    expect(await page.getByTestId('attribution').textContent()).toContain('Statistisches Bundesamt');
    expect(await page.getByRole('link', { name: 'Willkommen in Siegen' }).count()).toBeGreaterThan(0);
    // The participation declarations load on their own: the check waits for every part.
    await loaded(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'kommune-ohne-veranstaltungen');
    // The app itself raised nothing (the browser logs the 502s it was given, not script errors).
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });

  it('says on the event list that events cannot be loaded, offering to try again', async () => {
    const page = await context.newPage();
    await page.goto('/veranstaltungen');
    await page.getByRole('heading', { level: 1, name: 'Veranstaltungen' }).waitFor();
    const alert = page.getByRole('alert').filter({ hasText: 'ist gerade nicht erreichbar' }).first();
    await alert.waitFor();
    expect(await alert.getByRole('button', { name: 'Erneut versuchen' }).count()).toBe(1);
    // The rest of the app still works: the search finds practices.
    await page.goto('/?q=Willkommen');
    await page.getByRole('link', { name: 'Willkommen in Siegen' }).waitFor();
  });
});

// The search subgraph down: the start page says the search cannot answer, with a way to try
// again, and everything else (a practice, a municipality) still opens.
describeInBrowser('the web app while the search subgraph is down', () => {
  let searchHub: TestHub;
  let searchDown: RunningServer;
  let searchBrowser: Browser;
  beforeAll(async () => {
    searchDown = await badGateway();
    searchHub = await startBrowserHub({ subgraphUrls: { search: `${searchDown.url}/graphql` } });
    searchBrowser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await searchBrowser?.close();
    await searchHub?.close();
    await searchDown?.close();
  });

  it('says on the start page that the search cannot answer, and the rest of the app still opens', async () => {
    const searchContext = await newContext(searchBrowser, searchHub.hub.url);
    const page = await searchContext.newPage();
    const errors = pageErrors(page);
    await page.goto('/?q=Willkommen');
    await page.getByRole('heading', { level: 1, name: 'Konzepte finden und übernehmen' }).waitFor();
    const alert = page.getByRole('alert').filter({ hasText: 'ist gerade nicht erreichbar' }).first();
    await alert.waitFor();
    expect(await alert.getByRole('button', { name: 'Erneut versuchen' }).count()).toBe(1);
    await loaded(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'suche-nicht-erreichbar');
    await page.goto('/praxis/willkommen-in-siegen');
    await page.getByRole('heading', { level: 1, name: 'Willkommen in Siegen' }).waitFor();
    await page.goto('/kommunen/05970040');
    await page.getByRole('heading', { level: 1, name: 'Siegen' }).waitFor();
    await searchContext.close();
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
