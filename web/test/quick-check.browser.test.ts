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

// A Quick-Check from empty to recommended practices: Siegen's editor answers the
// questionnaire, saves it, and the result names the gaps, the modules that address each
// and the practices of comparable towns, ranked for Siegen; the history shows it.

let hub: TestHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let editor: Person;

/** The answers: criterion (the question's group) → option. */
const ANSWERS: [string, string][] = [
  ['Online-Informationen für Zuziehende', 'vollständig umgesetzt'],
  ['Willkommenspaket', 'teilweise umgesetzt'],
  ['Persönliche Begrüßung', 'nicht vorhanden'],
  ['Zentrale Anlaufstelle', 'in Planung'],
  ['Regelmäßige Selbstbewertung', 'vollständig umgesetzt'],
];

describeInBrowser('the Quick-Check in the web app', () => {
  beforeAll(async () => {
    hub = await startBrowserHub();
    // The reference data links no practice to a criterion yet: a coordinator does, as in the catalogue work.
    const coordinator = await devToken({ sub: 'quick-check-coordinator', role: 'coordinator' });
    for (const [slug, criteria] of [
      ['lokal-willkommen-dortmund', ['personal-welcome', 'contact-point']],
      ['neubuerger-empfaenge-ungewoehnliche-orte', ['personal-welcome']],
    ] as const) {
      const { data } = await hub.gql(`query($slug: String!) { practice(slug: $slug) { id } }`, { variables: { slug } });
      const linked = await hub.gql(`mutation($input: UpdatePracticeInput!) { updatePractice(input: $input) { id } }`, {
        token: coordinator,
        variables: { input: { id: data!.practice.id, criteria } },
      });
      expect(linked.errors).toBeUndefined();
    }
    browser = await launchBrowser();
    context = await newContext(browser, hub.hub.url);
    page = await context.newPage();
    editor = await inviteEditor(hub, page, { email: 'integration@siegen.example', name: 'Integration Siegen' }, [
      '05970040',
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('refuses to save an empty questionnaire, naming every unanswered question', async () => {
    const errors = pageErrors(page);
    await page.goto('/quick-check');
    await signIn(page, editor);
    await page.getByText('0 von 6 Fragen beantwortet').waitFor();
    await page.getByRole('button', { name: 'Bewertung speichern' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie 5 Angaben' });
    await summary.waitFor();
    expect(await summary.getByRole('link', { name: /^Willkommenspaket:/ }).count()).toBe(1);
    // The error state is accessible too: the summary, the marked groups and their messages.
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(new URL(page.url()).pathname).toBe('/quick-check');
    expect(errors).toEqual([]);
  });

  it('answers every question, saves, and shows the gaps with modules and ranked practices of comparable towns', async () => {
    const errors = pageErrors(page);
    await page.goto('/quick-check');
    for (const [question, answer] of ANSWERS) {
      await page.getByRole('group', { name: question }).getByRole('radio', { name: answer, exact: true }).check();
    }
    await page.getByText('5 von 6 Fragen beantwortet').waitFor();
    await page.getByRole('button', { name: 'Bewertung speichern' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ergebnis des Quick-Checks' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/quick-check\/ergebnis\/[0-9a-f-]{36}$/);
    await loaded(page);

    // The gap "Persönliche Begrüßung" (answered "nicht vorhanden"): modules, then practices ranked for Siegen.
    const gap = page
      .locator('section, article, div')
      .filter({ has: page.getByRole('heading', { level: 3, name: 'Persönliche Begrüßung' }) })
      .last();
    await gap.getByRole('heading', { level: 4, name: 'Praxisbeispiele vergleichbarer Kommunen' }).waitFor();
    // The modules that help with it (the catalogue links "Veranstaltungskonzepte" to it), and no other.
    await gap.getByRole('heading', { level: 4, name: 'Module, die helfen' }).waitFor();
    const modules = gap.getByRole('listitem').filter({ has: page.locator('a[href^="/module/"]') });
    expect(await modules.getByRole('link').allTextContents()).toEqual(['Veranstaltungskonzepte']);
    expect(await modules.getByRole('link').getAttribute('href')).toBe('/module/veranstaltungskonzepte');
    expect(await modules.textContent()).toContain('(Konzept)');
    // Each gap has its own: "Zentrale Anlaufstelle" (answered "in Planung") the Welcome Center.
    const contactPoint = page
      .locator('section, article, div')
      .filter({ has: page.getByRole('heading', { level: 3, name: 'Zentrale Anlaufstelle' }) })
      .last();
    expect(
      await contactPoint
        .getByRole('listitem')
        .filter({ has: page.locator('a[href^="/module/"]') })
        .getByRole('link')
        .allTextContents(),
    ).toEqual(['Welcome Center']);
    const practices = gap.getByRole('listitem').filter({ has: page.locator('a[href^="/praxis/"]') });
    expect(await practices.count()).toBeGreaterThanOrEqual(2);
    expect(await practices.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('km entfernt')]));
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'quick-check-ergebnis');

    // The history on the questionnaire page: this assessment, as a chart with its table.
    await page.getByRole('link', { name: 'Quick-Check' }).first().click();
    await page.getByRole('img', { name: /Gesamtergebnis von Siegen im Zeitverlauf/ }).waitFor();
    expect(
      await page
        .getByRole('table', { name: /Bisherige Bewertungen von Siegen/ })
        .getByRole('row')
        .count(),
    ).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  });

  it("records Siegen's adoption of a module with local notes, and the module then lists Siegen", async () => {
    const errors = pageErrors(page);
    await page.goto('/module');
    await page.getByRole('link', { name: 'Willkommensmappe' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Willkommensmappe' }).waitFor();
    await page
      .getByRole('radiogroup', { name: 'Status der Nutzung' })
      .or(page.getByRole('group', { name: 'Status der Nutzung' }))
      .getByRole('radio', { name: 'im Einsatz', exact: true })
      .check();
    await page
      .getByLabel('Lokale Anpassungen und Notizen (optional)')
      .fill('Mit Stadtplan und den Sprechzeiten des Bürgerbüros');
    await page.getByRole('button', { name: 'Nutzung speichern' }).click();
    await page.getByText('Gespeichert: Siegen – im Einsatz.').waitFor();
    const users = page.getByRole('region', { name: 'Kommunen, die das Modul nutzen' });
    await users.getByRole('link', { name: 'Siegen' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
