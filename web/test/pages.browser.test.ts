import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { devToken } from '@welcome-hub/kit/testing';
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
import { inviteEditor, signIn, type Person } from './accounts.js';

// Every page of the app, signed out and signed in (an editor of Olpe and Siegen): it loads
// with its heading, without script errors, with no WCAG 2.1 AA violation axe can find,
// and leaves a screenshot.

let hub: TestHub;
let browser: Browser;

/** Path, the page's h1, and the screenshot's name. */
const PAGES: [string, string | RegExp, string][] = [
  ['/', 'Konzepte finden und übernehmen', 'start'],
  ['/?q=Willkommen', 'Konzepte finden und übernehmen', 'suche-willkommen'],
  ['/praxis/neubuerger-empfaenge-ungewoehnliche-orte', 'Neubürger-Empfänge an ungewöhnlichen Orten', 'praxisbeispiel'],
  ['/kommunen/05970040', 'Siegen', 'kommune'],
  ['/veranstaltungen', 'Veranstaltungen', 'veranstaltungen'],
  ['/veranstaltungen?zeit=vergangen', 'Veranstaltungen', 'veranstaltungen-vergangen'],
  ['/veranstaltungen/forum-integration-2019', /Forum/, 'veranstaltung'],
  ['/veranstaltungen/reihen/runder-tisch-willkommenskultur', /Runder Tisch/, 'veranstaltungsreihe'],
  ['/module', 'Module', 'module'],
  ['/module/quick-check', 'Quick-Check Willkommenskultur', 'modul'],
  ['/quick-check', 'Quick-Check', 'quick-check'],
  ['/meine-kommune', 'Meine Kommune', 'meine-kommune'],
  ['/gibt-es-nicht', 'Seite nicht gefunden', 'nicht-gefunden'],
  ['/praxis/gibt-es-nicht', 'Praxisbeispiel nicht gefunden', 'praxisbeispiel-nicht-gefunden'],
];

async function visitAll(context: BrowserContext, suffix: string, signedInAs?: string) {
  const page: Page = await context.newPage();
  const errors = pageErrors(page);
  const problems: Record<string, string[]> = {};
  for (const [path, heading, name] of PAGES) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    // Loading states end before the check: nothing busy, no spinner.
    await loaded(page);
    // Signed in on every page, not only on the first: the session holds across navigations.
    if (signedInAs) {
      const banner = (await page.getByRole('banner').textContent()) ?? '';
      if (!banner.includes(`Angemeldet: ${signedInAs}`))
        problems[`${path} (session)`] = [`header shows: ${banner.trim().slice(0, 120)}`];
    }
    const violations = await accessibilityViolations(page);
    if (violations.length) problems[path] = violations;
    await screenshot(page, `${name}-${suffix}`);
  }
  await page.close();
  return { problems, errors };
}

describeInBrowser('every page of the web app', () => {
  let editor: Person;
  beforeAll(async () => {
    hub = await startBrowserHub();
    browser = await launchBrowser();
    const setup = await newContext(browser, hub.hub.url);
    editor = await inviteEditor(
      hub,
      await setup.newPage(),
      { email: 'redaktion@olpe.example', name: 'Redaktion Olpe' },
      ['05966024', '05970040'],
    );
    await setup.close();
    // A draft of Olpe, so that "Meine Kommune" lists one.
    const olpe = await devToken({ sub: 'pages-olpe', role: 'editor', ags: ['05966024'] });
    const source = (await hub.gql(`{ practice(slug: "willkommen-in-siegen") { id } }`)).data!.practice.id;
    const adapted = await hub.gql(`mutation($input: AdaptPracticeInput!) { adaptPractice(input: $input) { slug } }`, {
      token: olpe,
      variables: { input: { sourceId: source, ags: '05966024', changes: 'Angebote für Familien in Olpe' } },
    });
    expect(adapted.errors).toBeUndefined();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('shows every page signed out without accessibility violations or script errors', async () => {
    const context = await newContext(browser, hub.hub.url);
    const { problems, errors } = await visitAll(context, 'abgemeldet');
    await context.close();
    expect(problems).toEqual({});
    expect(errors).toEqual([]);
  }, 180_000);

  it('shows every page signed in without accessibility violations or script errors', async () => {
    const context = await newContext(browser, hub.hub.url);
    const page = await context.newPage();
    await page.goto('/');
    await signIn(page, editor);
    await page.close();
    const { problems, errors } = await visitAll(context, 'angemeldet', editor.name);
    // The draft adapted for Olpe in the set-up is listed among Olpe's drafts.
    const mine = await context.newPage();
    await mine.goto('/meine-kommune?kommune=05966024');
    await mine.getByRole('heading', { level: 2, name: 'Entwürfe' }).waitFor();
    await loaded(mine);
    await mine
      .getByRole('link', { name: /Bearbeiten und veröffentlichen\s*:\s*Willkommen in Siegen/ })
      .waitFor({ timeout: 5000 });
    await context.close();
    expect(problems).toEqual({});
    expect(errors).toEqual([]);
  }, 180_000);
});
