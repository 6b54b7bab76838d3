import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { inviteEditor, signIn, type Person } from './accounts.js';

// Signing in and out of the web app through the hub's own OpenID provider, in a real
// Chromium: the invitation link, the provider's German login form, the session cookie
// that the app never sees, and the sign-out.

let hub: TestHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let editor: Person;

describeInBrowser('signing in to the web app', () => {
  beforeAll(async () => {
    hub = await startBrowserHub();
    browser = await launchBrowser();
    context = await newContext(browser, hub.hub.url);
    page = await context.newPage();
    editor = await inviteEditor(hub, page, { email: 'integration@olpe.example', name: 'Integrationsbüro Olpe' }, [
      '05966024',
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('signs in from any page and comes back to it, signed in; scripts see no token', async () => {
    const errors = pageErrors(page);
    await page.goto('/?q=Willkommen');
    await signIn(page, editor);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/?q=Willkommen');
    expect(await page.getByText('Angemeldet: Integrationsbüro Olpe (Redaktion, Olpe)').isVisible()).toBe(true);
    // The session cookie is HttpOnly: the page's scripts cannot read it.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'wh_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    // The results load on their own, after the header: the check and the screenshot wait for them.
    await page.getByTestId('result-count').filter({ hasText: 'Treffer' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'angemeldet');
    expect(errors).toEqual([]);
  });

  it("signs out of the app and, after the provider's question, of the provider: back at the start, signed out", async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    // The app's cookie is gone at once; the provider asks before it ends its own session.
    await page.getByText('Möchten Sie sich vom Welcome Hub abmelden?').waitFor();
    expect((await context.cookies()).find((c) => c.name === 'wh_session')).toBeUndefined();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('link', { name: 'Anmelden' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    // Signing in again asks for the password: the provider's session ended too.
    await page.getByRole('link', { name: 'Anmelden' }).click();
    await page.getByLabel('E-Mail-Adresse').waitFor();
  });
});
