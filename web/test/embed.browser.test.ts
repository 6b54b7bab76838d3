import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { devToken } from '@welcome-hub/kit/testing';
import type { TestHub } from '../../gateway/test/hub.js';
import {
  accessibilityViolations,
  describeInBrowser,
  launchBrowser,
  newContext,
  pageErrors,
  screenshot,
  startBrowserHub,
} from './browser.js';

// The embeddable charts (<welcome-hub-chart>, web/embed/) in a real Chromium: the demo page
// at /embed/demo.html with every preset, figures from the hub, axe, 320 px, reduced motion,
// the error state, and a page of another site (cross-origin, strict CSP).

const SCRIPT = fileURLToPath(new URL('../dist/embed/welcome-hub.js', import.meta.url));
const BUDGET_BYTES = 10 * 1024;
const MANIFEST = JSON.parse(
  readFileSync(new URL('../../schema/trusted-documents.json', import.meta.url), 'utf8'),
) as Record<string, string>;

/** The committed trusted document of this operation. */
const documentId = (name: string) =>
  Object.entries(MANIFEST).find(([, document]) => new RegExp(`^\\s*query ${name}\\b`, 'm').test(document))![0];

let hub: TestHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

/** Waits until no chart on the page is loading; returns each chart's state by preset or operation. */
async function settled(target: Page): Promise<Record<string, string>> {
  await target.waitForFunction(
    () =>
      [...document.querySelectorAll('welcome-hub-chart')].every(
        (e) => (e as HTMLElement).dataset.state && (e as HTMLElement).dataset.state !== 'loading',
      ),
    undefined,
    { timeout: 60_000 },
  );
  return target.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('welcome-hub-chart')].map((e, i) => [
        `${i}:${e.getAttribute('chart') ?? e.getAttribute('operation')}`,
        (e as HTMLElement).dataset.state!,
      ]),
    ),
  );
}

const chart = (name: string) => page.locator(`welcome-hub-chart[chart="${name}"]`).first();

describeInBrowser('the embeddable charts', () => {
  beforeAll(async () => {
    hub = await startBrowserHub();
    // The reference data holds no participation declarations: three municipalities declare, so bars have lengths.
    const coordinator = await devToken({ sub: 'embed-test', role: 'coordinator' });
    const contact = { name: 'Vorname Nachname', role: 'Projektverantwortliche', email: 'willkommen@example.org' };
    for (const ags of ['05970040', '05966024', '05962004']) {
      const declared = await hub.gql(
        'mutation($input: DeclareParticipationInput!) { declareParticipation(input: $input) { id } }',
        {
          token: coordinator,
          variables: {
            input: {
              ags,
              cooperation: 'qualitaetsoffensive-willkommen-suedwestfalen',
              declaredOn: '2025-03-01',
              contact,
            },
          },
        },
      );
      expect(declared.errors).toBeUndefined();
    }
    // Three towns of Kreis Olpe take the Quick-Check (a published district summary), and
    // Attendorn adapts a practice and publishes it (a reuse to rank).
    const required = ['online-information', 'welcome-pack', 'personal-welcome', 'contact-point', 'self-assessment'];
    for (const [i, ags] of ['05966004', '05966008', '05966012'].entries()) {
      const editor = await devToken({ sub: `embed-${ags}`, role: 'editor', ags: [ags] });
      const submitted = await hub.gql(
        'mutation($input: SubmitAssessmentInput!) { submitAssessment(input: $input) { id } }',
        {
          token: editor,
          variables: { input: { ags, answers: required.map((criterion) => ({ criterion, score: i + 1 })) } },
        },
      );
      expect(submitted.errors).toBeUndefined();
    }
    const attendorn = await devToken({ sub: 'embed-attendorn', role: 'editor', ags: ['05966004'] });
    const source = (await hub.gql('{ practice(slug: "willkommen-in-siegen") { id } }')).data!.practice.id;
    const adapted = await hub.gql('mutation($input: AdaptPracticeInput!) { adaptPractice(input: $input) { id } }', {
      token: attendorn,
      variables: { input: { sourceId: source, ags: '05966004', changes: 'Für Attendorn angepasst.' } },
    });
    expect(adapted.errors).toBeUndefined();
    const published = await hub.gql(
      'mutation($input: UpdatePracticeInput!) { updatePractice(input: $input) { draft } }',
      {
        token: attendorn,
        variables: { input: { id: adapted.data!.adaptPractice.id, draft: false } },
      },
    );
    expect(published.errors).toBeUndefined();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });
  beforeEach(async () => {
    context = await newContext(browser, hub.hub.url);
    page = await context.newPage();
    errors = pageErrors(page);
  });
  /** Clean-ups a test registers (servers it started). */
  const after: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await context?.close();
    for (const done of after.splice(0)) await done();
  });

  it('is one script under 10 KB gzip, precompressed, served to other sites (CORS, CORP)', async () => {
    const script = readFileSync(SCRIPT);
    const gzip = gzipSync(script, { level: 9 }).length;
    console.log(
      `Embed script /embed/welcome-hub.js: ${(script.length / 1024).toFixed(1)} KB, ${(gzip / 1024).toFixed(1)} KB gzip of ${BUDGET_BYTES / 1024} KB`,
    );
    expect(gzip).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(existsSync(`${SCRIPT}.gz`) && existsSync(`${SCRIPT}.br`)).toBe(true);
    const response = await fetch(`${hub.hub.url}/embed/welcome-hub.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await fetch(`${hub.hub.url}/embed/gone.js`)).status).toBe(404);
    const catalogue = (await (await fetch(`${hub.hub.url}/embed/operations.json`)).json()) as Record<string, string>;
    expect(catalogue.ParticipationByDistrict).toBe(documentId('ParticipationByDistrict'));
  });

  it("shows every preset on the demo page with the hub's figures, as image and table, without accessibility violations", async () => {
    await page.goto('/embed/demo.html');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Diagramme zum Einbetten');
    expect(await page.getByRole('main').count()).toBe(1);
    const states = await settled(page);
    expect(Object.values(states).filter((s) => s === 'ready').length).toBeGreaterThanOrEqual(3);
    expect(Object.entries(states).filter(([, s]) => s === 'error')).toEqual([]);

    // Participation: a bar per district of the seed (20), each value as the API answers it, German formatting.
    const participation = chart('participation-by-district');
    expect(await participation.locator('svg[role="img"] title').textContent()).toBe('Aktive Teilnahmen nach Kreis');
    expect(await participation.locator('svg[role="img"] desc').textContent()).toContain(
      'aktive Teilnahmen je Kreis, 20 Einträge.',
    );
    expect(await participation.locator('caption').textContent()).toBe('Aktive Teilnahmen nach Kreis');
    expect(await participation.locator('thead th').allTextContents()).toEqual([
      'Kreis',
      'aktive Teilnahmen',
      'Kommunen',
      'erklärte Teilnahmen',
    ]);
    const rows = participation.locator('tbody tr');
    expect(await rows.count()).toBe(20);
    const params = new URLSearchParams({ documentId: documentId('ParticipationByDistrict'), variables: '{}' });
    const answer = (await (
      await fetch(`${hub.hub.url}/graphql?${params}`, { headers: { 'x-graphql-csrf': '1' } })
    ).json()) as {
      data: { participationStatistics: { byDistrict: { district: { name: string }; active: number }[] } };
    };
    const expected = answer.data.participationStatistics.byDistrict.map((d) => [
      d.district.name,
      new Intl.NumberFormat('de-DE').format(d.active),
    ]);
    expect(
      await rows.evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent]),
      ),
    ).toEqual(expected);
    expect(await participation.locator('svg text').allTextContents()).toEqual(expect.arrayContaining(expected.flat()));
    expect(await participation.locator('.source').textContent()).toMatch(
      /^Quelle: Welcome Hub, abgerufen am \d{1,2}\. \p{L}+ \d{4}\.$/u,
    );

    // Quick-check: a district without a summary is "zu wenige Angaben", without a bar, never 0 %.
    const quickCheck = chart('quick-check-by-district');
    expect(states[Object.keys(states).find((k) => k.endsWith(':quick-check-by-district'))!]).toBe('ready');
    {
      const cells = await quickCheck.locator('tbody tr td:first-of-type').allTextContents();
      expect(cells.every((c) => c === 'zu wenige Angaben' || /^\d+(,\d)?\u00a0%$/.test(c))).toBe(true);
      expect(await quickCheck.locator('svg rect.bar').count()).toBe(
        cells.filter((c) => c !== 'zu wenige Angaben').length,
      );
      // Kreis Olpe's three towns are the only published district.
      expect(cells.filter((c) => c !== 'zu wenige Angaben')).toEqual(['66,7\u00a0%']); // scores 1, 2 and 3 of 0–3
    }
    expect(states[Object.keys(states).find((k) => k.endsWith(':module-adoption-by-district'))!]).toBe('ready');
    {
      expect(await chart('module-adoption-by-district').locator('thead th').allTextContents()).toEqual([
        'Kreis',
        'geplant',
        'im Einsatz',
        'beendet',
        'insgesamt',
      ]);
    }
    expect(states[Object.keys(states).find((k) => k.endsWith(':events-per-year'))!]).toBe('ready');
    {
      expect(
        (await chart('events-per-year').locator('tbody th').allTextContents()).every((year) => /^\d{4}/.test(year)),
      ).toBe(true);
    }
    expect(states[Object.keys(states).find((k) => k.endsWith(':most-reused-practices'))!]).toBe('ready');
    {
      const adaptations = (
        await chart('most-reused-practices').locator('tbody td:nth-of-type(1)').allTextContents()
      ).map((t) => Number(t.replace(/\./g, '')));
      expect(adaptations.length).toBeGreaterThan(0);
      expect(adaptations).toEqual([...adaptations].sort((a, b) => b - a));
    }
    // Official statistics name their source and licence.
    expect(await page.locator('welcome-hub-chart[operation="Municipalities"] .source').textContent()).toContain(
      'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)',
    );

    // With every table opened, so axe checks them too.
    // (One at a time: an opened table leaves the set the locator matches.)
    const closed = page.locator('welcome-hub-chart details:not([open]) > summary');
    while ((await closed.count()) > 0) await closed.first().click();
    expect(await page.locator('welcome-hub-chart details:not([open])').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'einbetten-demo');
    expect(errors).toEqual([]);
  });

  it('stays readable at 320 px: nothing scrolls sideways, the charts fit their width', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto('/embed/demo.html');
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const overflowing = await page.locator('welcome-hub-chart').evaluateAll(
      (charts) =>
        charts.filter((c) => {
          const svg = c.shadowRoot?.querySelector('svg[role="img"]');
          return svg && svg.getBoundingClientRect().right > c.getBoundingClientRect().right + 1;
        }).length,
    );
    expect(overflowing).toBe(0);
    await screenshot(page, 'einbetten-demo-320');
    expect(errors).toEqual([]);
  });

  it('lets the bars grow in, unless the reader asks for reduced motion', async () => {
    const animation = () =>
      chart('participation-by-district')
        .locator('svg rect.bar')
        .first()
        .evaluate((bar) => getComputedStyle(bar).animationName);
    await page.goto('/embed/demo.html');
    await settled(page);
    expect(await animation()).toBe('grow-x');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.reload();
    await settled(page);
    expect(await animation()).toBe('none');
  });

  it('says in German when the data could not be loaded, and tries again on request', async () => {
    let fail = true;
    await page.route('**/graphql?**', (route) => (fail ? route.abort() : route.continue()));
    await page.goto('/embed/demo.html');
    await settled(page);
    const participation = chart('participation-by-district');
    expect(await participation.getAttribute('data-state')).toBe('error');
    expect(await participation.getByRole('status').textContent()).toBe('Die Daten konnten nicht geladen werden.');
    expect(await participation.locator('svg').count()).toBe(0);
    fail = false;
    await participation.getByRole('button', { name: 'Erneut versuchen' }).click();
    await page.locator('welcome-hub-chart[chart="participation-by-district"][data-state="ready"]').waitFor();
    expect(await participation.locator('tbody tr').count()).toBe(20);
    // The aborted requests are the only errors.
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });

  it("works on another site's page: a cross-origin GET of the trusted document, under that site's strict CSP", async () => {
    // Reads by GET are open to every origin, in production too (gateway/src/edge/cors.ts).
    const port = new URL(hub.hub.url).port;
    const hubOrigin = `http://127.0.0.1:${port}`;
    // A real server for the site, on another origin (a page fulfilled by the test would count as
    // public address space, and Chromium keeps public pages from loopback addresses).
    const html =
      '<!doctype html><html lang="de"><head><title>Kreis Olpe</title></head><body><main><h1>Willkommen im Kreis</h1>' +
      `<welcome-hub-chart src="${hubOrigin}" chart="participation-by-district" heading-level="2"></welcome-hub-chart></main>` +
      `<script src="${hubOrigin}/embed/welcome-hub.js"></script></body></html>`;
    const server = createServer((_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `default-src 'none'; script-src ${hubOrigin}; connect-src ${hubOrigin}; style-src 'self'`,
      });
      res.end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const site = `http://localhost:${(server.address() as AddressInfo).port}`;
    after.push(() => new Promise((resolve) => server.close(() => resolve())));
    await page.goto(`${site}/kreis`);
    await settled(page);
    const embedded = page.locator('welcome-hub-chart');
    expect(await embedded.getAttribute('data-state')).toBe('ready');
    expect(await embedded.locator('tbody tr').count()).toBe(20);
    expect(await embedded.getByRole('heading', { level: 2 }).textContent()).toBe('Aktive Teilnahmen nach Kreis');
    // The constructed stylesheet applies although the site's CSP forbids inline styles.
    expect(await embedded.locator('.source').evaluate((p) => getComputedStyle(p).color)).toBe('rgb(74, 74, 74)');
    expect(errors).toEqual([]);
  });
});
