import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

// The journey the app is for: Olpe's editor finds Bad Sassendorf's receptions by searching,
// marks interest, adapts them for Olpe, edits and publishes the draft, and the lineage
// shows both, to anyone.

let hub: TestHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let editor: Person;

const SOURCE = 'Neubürger-Empfänge an ungewöhnlichen Orten';
const COPY = 'Neubürger-Empfänge in Olpe';

describeInBrowser('adopting a practice in the web app', () => {
  beforeAll(async () => {
    hub = await startBrowserHub();
    browser = await launchBrowser();
    context = await newContext(browser, hub.hub.url);
    page = await context.newPage();
    editor = await inviteEditor(hub, page, { email: 'willkommen@olpe.example', name: 'Willkommensbüro Olpe' }, [
      '05966024',
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('searches "Neubürgerempfang", marks interest, adapts for Olpe, publishes, and the lineage shows both', async () => {
    const errors = pageErrors(page);
    await page.goto('/');
    await signIn(page, editor);

    // Search → Bad Sassendorf's practice.
    await page.getByRole('combobox', { name: 'Suchbegriff' }).fill('Neubürgerempfang');
    await page.getByRole('link', { name: SOURCE }).waitFor();
    await page.getByRole('combobox', { name: 'Suchbegriff' }).press('Escape'); // closes the suggestions, which cover the results; the text stays
    await page.getByRole('link', { name: SOURCE }).click();
    await page.getByRole('heading', { level: 1, name: SOURCE }).waitFor();
    expect(await page.getByRole('link', { name: 'Bad Sassendorf' }).first().isVisible()).toBe(true);

    // Interest.
    await page.getByRole('button', { name: 'Interesse bekunden' }).click();
    await page.getByText(/^Interesse bekundet/).waitFor();
    await page.getByTestId('interest-count').filter({ hasText: '1 Kommune hat Interesse bekundet' }).waitFor();
    expect(await page.getByRole('button', { name: 'Interesse zurückziehen' }).isVisible()).toBe(true);
    // The hub remembers it, not the tab: a fresh load still offers to take it back.
    await page.reload();
    await page.getByRole('button', { name: 'Interesse zurückziehen' }).waitFor();

    // Adapt: an empty reason is refused at the field, then the draft opens for editing.
    await page.getByRole('button', { name: 'Für meine Kommune übernehmen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben' }).waitFor();
    expect(await page.getByLabel('Was ändern Sie für Ihre Kommune?').getAttribute('aria-invalid')).toBe('true');
    // The error state is accessible too: the summary and the field's message.
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Was ändern Sie für Ihre Kommune?').fill('Empfang am Biggesee statt im Kurpark');
    await page.getByRole('button', { name: 'Für meine Kommune übernehmen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Praxisbeispiel bearbeiten' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/praxis/neubuerger-empfaenge-ungewoehnliche-orte-05966024/bearbeiten');
    // The heading stands above the loader too: the accessibility check waits for the form.
    await page.getByLabel('Titel', { exact: true }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'praxisbeispiel-bearbeiten');

    // Edit and publish.
    await page.getByLabel('Titel', { exact: true }).fill(COPY);
    await page
      .getByLabel('Kurzbeschreibung')
      .fill('Zweimal im Jahr ein Empfang am Biggesee für alle, die neu nach Olpe gezogen sind.');
    // No licence until the owner chooses one; Olpe releases its description under CC BY 4.0.
    expect(await page.getByLabel('Lizenz der Beschreibung').inputValue()).toBe('');
    await page.getByLabel('Lizenz der Beschreibung').selectOption('CC_BY_4_0');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText(/^Gespeichert/).waitFor();
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await page.getByRole('heading', { level: 1, name: COPY }).waitFor();
    await page.getByText(/^Veröffentlicht/).waitFor();
    expect(
      await page
        .getByRole('link', { name: /Creative Commons Namensnennung 4\.0 International \(CC BY 4\.0\)/ })
        .getAttribute('rel'),
    ).toBe('license');

    // The lineage, both ways.
    const origin = page.getByRole('region', { name: 'Herkunft und Übernahmen' });
    // The lineage loads on its own once the page is there (a CI run counted its links too early).
    await origin.getByRole('link', { name: SOURCE }).first().waitFor();
    expect(await origin.getByRole('img').count()).toBe(1);
    await screenshot(page, 'praxisbeispiel-uebernommen');
    await origin.getByRole('link', { name: SOURCE }).first().click();
    await page.getByRole('heading', { level: 1, name: SOURCE }).waitFor();
    const adaptations = page.getByRole('region', { name: 'Herkunft und Übernahmen' });
    await adaptations.getByRole('link', { name: COPY }).first().waitFor();
    expect(errors).toEqual([]);
  });

  it('shows the published copy in the lineage to anyone, signed out', async () => {
    const anonymous = await newContext(browser, hub.hub.url);
    const visitor = await anonymous.newPage();
    await visitor.goto('/praxis/neubuerger-empfaenge-ungewoehnliche-orte');
    const lineage = visitor.getByRole('region', { name: 'Herkunft und Übernahmen' });
    await lineage.getByRole('link', { name: COPY }).first().waitFor();
    // Every other part of the page loaded too (the session and "for your municipality" load on their own).
    await loaded(visitor);
    expect(await accessibilityViolations(visitor)).toEqual([]);
    await anonymous.close();
  });
});
