import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { devToken } from '@welcome-hub/kit/testing';
import type { TestHub } from '../../gateway/test/hub.js';
import {
  accessibilityViolations,
  describeInBrowser,
  loaded,
  launchBrowser,
  newContext,
  pageErrors,
  screenshot,
  startBrowserHub,
} from './browser.js';
import { inviteEditor, signIn, type Person } from './accounts.js';

// Registering for an event until the waiting list, then a cancellation that moves the
// waiting registration up: an editor who acts for Siegen and Olpe, in a real Chromium.

let hub: TestHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let editor: Person;
const SLUG = 'workshop-willkommensmappe-2027';
const TITLE = 'Workshop Willkommensmappe';

describeInBrowser('event registration in the web app', () => {
  beforeAll(async () => {
    hub = await startBrowserHub();
    // The reference events all took place: an upcoming one with two seats, hosted by Bad Sassendorf.
    const host = await devToken({ sub: 'events-host', role: 'editor', ags: ['05974008'] });
    const startsAt = new Date(Date.now() + 40 * 24 * 3600 * 1000).toISOString();
    const created = await hub.gql(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
      token: host,
      variables: {
        input: {
          slug: SLUG,
          title: TITLE,
          kind: 'WORKSHOP',
          host: '05974008',
          startsAt,
          capacity: 2,
          description: 'Wir füllen den gemeinsamen Rahmen der Willkommensmappe für die eigene Kommune.',
        },
      },
    });
    expect(created.errors).toBeUndefined();
    browser = await launchBrowser();
    context = await newContext(browser, hub.hub.url);
    page = await context.newPage();
    editor = await inviteEditor(
      hub,
      page,
      { email: 'veranstaltungen@kreis.example', name: 'Redaktion Siegen und Olpe' },
      ['05970040', '05966024'],
    );
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('registers Siegen (seats), then Olpe (waiting list); cancelling Siegen moves Olpe up', async () => {
    const errors = pageErrors(page);
    await page.goto('/veranstaltungen');
    await signIn(page, editor);
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const form = page.getByRole('form', { name: 'Kommune anmelden' });

    // A bad number is refused at the field.
    await form.getByLabel('Kommune').selectOption({ label: 'Siegen' });
    await form.getByLabel('Anzahl der Teilnehmenden').fill('0');
    await form.getByRole('button', { name: 'Kommune anmelden' }).click();
    await page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben' }).waitFor();
    expect(await form.getByLabel('Anzahl der Teilnehmenden').getAttribute('aria-invalid')).toBe('true');
    // The error state is accessible too: the summary, the field's message and its link to the field.
    expect(await accessibilityViolations(page)).toEqual([]);

    await form.getByLabel('Anzahl der Teilnehmenden').fill('2');
    await form.getByRole('button', { name: 'Kommune anmelden' }).click();
    await page.getByText('Siegen ist angemeldet und hat 2 Plätze.').waitFor();

    await page.getByRole('form', { name: 'Kommune anmelden' }).getByLabel('Anzahl der Teilnehmenden').fill('2');
    await page
      .getByRole('form', { name: 'Kommune anmelden' })
      .getByRole('button', { name: 'Kommune anmelden' })
      .click();
    await page.getByText('Olpe steht auf der Warteliste.').waitFor();
    // The event is fetched again after the answer (no loader meanwhile): both municipalities registered.
    await page.getByText('Alle Ihre Kommunen sind schon angemeldet.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'veranstaltung-warteliste');

    await page.getByRole('button', { name: 'Anmeldung stornieren (Siegen)' }).click();
    await page.getByRole('button', { name: 'Ja, stornieren (Siegen)' }).click();
    await page.getByText('Von der Warteliste nachgerückt: Olpe (2 Personen).').waitFor();
    const table = page.getByRole('table', { name: /^Anmeldungen für „Workshop Willkommensmappe“/ });
    const olpe = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Olpe/ }) });
    await olpe.filter({ hasNotText: 'Warteliste' }).filter({ hasText: 'angemeldet' }).waitFor();

    // "Meine Kommune" shows each municipality's registration with its state: Olpe moved up, Siegen cancelled.
    for (const [ags, name, status] of [
      ['05966024', 'Olpe', 'angemeldet'],
      ['05970040', 'Siegen', 'abgemeldet'],
    ]) {
      await page.goto(`/meine-kommune?kommune=${ags}`);
      await page.getByText(`Sie bearbeiten ${name}.`).waitFor();
      await loaded(page);
      const registration = page
        .getByRole('table', { name: `Anmeldungen von ${name}` })
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: TITLE }) });
      // Columns: date, participants, state, registered on.
      expect(await registration.getByRole('cell').nth(2).textContent()).toBe(status);
      expect(await registration.getByRole('cell').nth(1).textContent()).toBe('2');
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, `meine-kommune-anmeldungen-${name.toLowerCase()}`);
    }
    expect(errors).toEqual([]);
  });

  it('offers the calendar feeds of the event', async () => {
    await page.goto(`/veranstaltungen/${SLUG}`);
    await page.getByRole('heading', { level: 2, name: 'Im Kalender' }).waitFor();
    const feed = page.getByRole('link', { name: /^Veranstaltungen von Bad Sassendorf abonnieren/ });
    const href = await feed.getAttribute('href');
    expect(href).toMatch(/\/calendar\//);
    const ics = await fetch(new URL(href!, hub.hub.url));
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain(TITLE);
  });
});
