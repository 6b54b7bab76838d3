import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sharedHub, type SharedHub } from '../../gateway/test/shared-hub.js';
import {
  accessibilityViolations,
  describeInBrowser,
  launchBrowser,
  newContext,
  pageErrors,
  screenshot,
} from './browser.js';

// The start page and search in a real Chromium, signed out: suggestions while typing,
// results with facets and highlights, deep links, the back button, the keyboard alone.
// Reads only: the run's shared hub.

let hub: SharedHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

describeInBrowser('search in the web app', () => {
  beforeAll(async () => {
    hub = await sharedHub();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });
  beforeEach(async () => {
    context = await newContext(browser, hub.url);
    page = await context.newPage();
    errors = pageErrors(page);
  });
  afterEach(async () => {
    await context?.close();
  });

  it('serves the start page at / in German, with landmarks and no accessibility violations', async () => {
    await page.goto('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Konzepte finden und übernehmen');
    expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).isVisible()).toBe(true);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('search').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'start');
    expect(errors).toEqual([]);
  });

  it('suggests while typing and shows results with highlights (on a slow CPU: no letter is lost)', async () => {
    await page.goto('/');
    const field = page.getByRole('combobox', { name: 'Suchbegriff' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    // As on a slow office laptop: with the CPU ten times slower, the address catching up with the
    // typing used to write its older text back into the field, and letters typed meanwhile were lost.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 10 });
    const started = Date.now();
    await field.pressSequentially('Neubürgerempfang', { delay: 20 });
    const typed = Date.now();
    await page.getByTestId('result-count').filter({ hasText: 'Treffer für „Neubürgerempfang“' }).waitFor();
    const shown = Date.now();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    expect(await field.inputValue()).toBe('Neubürgerempfang');
    console.log(
      `With the CPU ten times slower, search results appeared ${shown - typed} ms after the last key (typing took ${typed - started} ms).`,
    );
    expect(await page.getByRole('listbox').getByRole('option').first().textContent()).toContain(
      'Neubürger-Empfänge an ungewöhnlichen Orten',
    );
    const first = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Neubürger-Empfänge an ungewöhnlichen Orten' }) });
    expect(await first.textContent()).toContain('Bad Sassendorf');
    expect(await first.locator('mark').count()).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Neubürgerempfang');
    // Escape closes the suggestions and keeps the text; a second Escape clears the field, as in any search field.
    await field.press('Escape');
    expect(await page.getByRole('listbox').isVisible()).toBe(false);
    expect(await field.inputValue()).toBe('Neubürgerempfang');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'suche');
    expect(errors).toEqual([]);
  });

  it('prints how long results take after the last key, measured in the page', async () => {
    await page.goto('/');
    const field = page.getByRole('combobox', { name: 'Suchbegriff' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The page's own clock: the last key down, and the moment the result count names the term.
    await page.evaluate((term) => {
      const times = { key: 0, shown: 0 };
      (window as unknown as { searchTimes: typeof times }).searchTimes = times;
      document.addEventListener('keydown', () => (times.key = performance.now()), true);
      new MutationObserver(() => {
        if (!times.shown && document.querySelector('[data-testid="result-count"]')?.textContent?.includes(term))
          times.shown = performance.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    }, 'Willkommensmappe');
    await field.pressSequentially('Willkommensmappe', { delay: 40 });
    await page.getByTestId('result-count').filter({ hasText: 'Treffer für „Willkommensmappe“' }).waitFor();
    const { key, shown } = await page.evaluate(
      () => (window as unknown as { searchTimes: { key: number; shown: number } }).searchTimes,
    );
    expect(key).toBeGreaterThan(0);
    expect(shown).toBeGreaterThan(key);
    console.log(
      `Search results appeared ${Math.round(shown - key)} ms after the last key (the field waits 100 ms before it asks).`,
    );
    expect(errors).toEqual([]);
  });

  it('filters by facet through a deep link, and the back button returns to the results', async () => {
    await page.goto('/?q=Willkommen&typ=PRACTICE');
    await page.getByTestId('result-count').filter({ hasText: 'Treffer' }).waitFor();
    expect(await page.getByLabel('Art des Eintrags').inputValue()).toBe('PRACTICE');
    const types = await page.locator('.hit__type').allTextContents();
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((t) => t.startsWith('Praxisbeispiel'))).toBe(true);

    await page.getByRole('link', { name: 'Willkommen in Siegen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Willkommen in Siegen' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/praxis/willkommen-in-siegen');
    await page.goBack();
    await page.getByRole('link', { name: 'Willkommen in Siegen' }).waitFor();
    expect(new URL(page.url()).search).toBe('?q=Willkommen&typ=PRACTICE');
    expect(errors).toEqual([]);
  });

  it('works with the keyboard alone: skip link, suggestion, result; the new page takes the focus, going back does not move it', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Zum Inhalt springen');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhalt');
    // Tab from the main landmark reaches the search field first.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await page.keyboard.type('Neubürger', { delay: 20 });
    await page.getByRole('listbox').getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    expect(
      await page.getByRole('combobox', { name: 'Suchbegriff' }).getAttribute('aria-activedescendant'),
    ).toBeTruthy();
    await page.keyboard.press('Enter');
    await page.getByTestId('result-count').filter({ hasText: 'Treffer für' }).waitFor();
    // Through the filters to the first result, then open it.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() =>
        document.activeElement?.closest('.hit') ? document.activeElement.textContent : null,
      );
      if (focused) break;
    }
    const title = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(title.length).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    // The new page's heading takes the focus once the page has rendered (it may render twice: loading, then loaded).
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1', undefined, { timeout: 5000 });
    // Back returns to the results without moving the focus to their heading (the reader keeps their place).
    await page.goBack();
    await page.getByRole('link', { name: title }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('H1');
    expect(errors).toEqual([]);
  });

  it('answers an unknown path with the app\'s own "not found" page', async () => {
    const response = await page.goto('/gibt-es-nicht');
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
