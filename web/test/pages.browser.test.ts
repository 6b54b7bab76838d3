import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
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
import { inviteCoordinator, inviteEditor, signIn, type Person } from './accounts.js';

// Every page of the app, signed out and signed in (an editor of Olpe and Siegen): it loads
// with its heading, without script errors, with no WCAG 2.1 AA violation axe can find,
// and leaves a screenshot; where a page shows one thing signed out and another signed in
// (contacts, sign-in notices), the walk checks that too. Then the coordinator's overviews,
// and the search near the editor's municipality.

let hub: TestHub;
let browser: Browser;

/** The slug of the draft adapted for Olpe in the set-up (its edit page is one of the pages). */
let draftSlug: string;
/** A Quick-Check result that does not exist: signed out a sign-in notice, signed in "gibt es nicht". */
const UNKNOWN_RESULT = randomUUID();
/** The web page the set-up adds to Dortmund's practice (the reference data has no links). */
const LINK = { title: 'lokal willkommen auf dortmund.de', url: 'https://www.dortmund.de/lokal-willkommen/' };
/** Olpe's participation in the cooperation of Südwestfalen, declared in the set-up. */
const COOPERATION = 'Qualitätsoffensive „Willkommen in Südwestfalen“';
const OLPE_CONTACT = { name: 'Petra Beispiel', role: 'Projektverantwortliche', email: 'willkommen@olpe.example' };
const INTEREST_NOTE = 'Olpe möchte das Angebot für Familien übernehmen.';

/** What a page shows besides its heading: throws (an expectation, a wait) when a part is missing. */
type Check = (page: Page, signedIn: boolean) => Promise<void>;

/** Waits for the first of `locator` (the page has loaded already: a short wait, only to fail). */
const shown = (locator: Locator) => locator.first().waitFor({ timeout: 15_000 });
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** Neubürger-Empfänge: its one contact (a role, in knowledge.json) only for the signed-in. */
const practiceContacts: Check = async (page, signedIn) => {
  const contact = region(page, 'Kontakt');
  const notice = contact.getByText('Kontaktdaten sehen angemeldete Nutzerinnen und Nutzer');
  const card = contact
    .getByRole('listitem')
    .filter({ hasText: 'Abteilungsleitung Bürgerbüro und Wirtschaftsförderung' });
  if (signedIn) {
    await shown(card);
    expect(await notice.count()).toBe(0);
  } else {
    await shown(notice);
    expect(await contact.getByRole('link', { name: 'Zur Anmeldung' }).getAttribute('href')).toMatch(/^\/auth\/login/);
    expect(await contact.getByRole('listitem').count()).toBe(0);
  }
};

/** lokal willkommen (Dortmund): target groups, funding, awards and the link the set-up added. */
const practiceFacts: Check = async (page) => {
  const groups = page.locator('dt', { hasText: /^Zielgruppen$/ }).locator('xpath=following-sibling::dd[1]');
  expect(await groups.textContent()).toBe('Geflüchtete, Nachbarschaften, Vermieter, Ehrenamtliche');
  const funding = region(page, 'Förderung').getByRole('table', { name: 'Förderprogramme und Beträge' });
  const programme = funding
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Asyl-, Migrations- und Integrationsfonds der EU (AMIF)' }) });
  await shown(programme);
  // 90 % for three years from June 2024, in German.
  expect((await programme.getByRole('cell').allTextContents()).slice(0, 4)).toEqual([
    '–',
    '90\u00a0%',
    'Juni 2024',
    '3 Jahre',
  ]);
  await shown(
    region(page, 'Auszeichnungen').getByText(
      '2018: Bundeswettbewerb „Zusammenleben Hand in Hand – Kommunen gestalten“',
    ),
  );
  const links = region(page, 'Weitere Informationen');
  expect(await links.getByRole('link', { name: LINK.title }).getAttribute('href')).toBe(LINK.url);
  await shown(links.getByText('(dortmund.de)'));
};

/** Siegen's profile: each section, with the statistics' attribution and Siegen's own entries. */
const municipalityProfile: Check = async (page, signedIn) => {
  const statistics = region(page, 'Amtliche Statistik');
  await shown(statistics.getByText('102.685'));
  const attribution = statistics.getByTestId('attribution');
  expect(await attribution.textContent()).toMatch(/^Datenquelle: Statistisches Bundesamt \(Destatis\)/);
  expect(await attribution.getByRole('link', { name: 'Lizenztext dl-de/by-2-0' }).getAttribute('rel')).toBe('license');
  const cooperations = region(page, 'Kooperationen und Teilnahme');
  await shown(cooperations.getByRole('rowheader', { name: COOPERATION }));
  // The contact persons of declarations: a column for the signed-in, a hint for everyone else.
  expect(await cooperations.getByRole('columnheader', { name: 'Ansprechperson' }).count()).toBe(signedIn ? 1 : 0);
  expect(await cooperations.getByText('Die Ansprechpersonen der Teilnahmeerklärungen sehen Sie nach der').count()).toBe(
    signedIn ? 0 : 1,
  );
  await shown(region(page, 'Praxisbeispiele').getByRole('link', { name: 'Willkommen in Siegen', exact: true }));
  await shown(region(page, 'Module').getByText('Siegen hat noch kein Modul der Kooperationen übernommen.'));
  await shown(region(page, 'Veranstaltungen').getByRole('link', { name: '2. Runder Tisch Willkommenskultur' }));
};

/** The near filter needs a home municipality: signed out it is off, with a hint why. */
const searchNear: Check = async (page, signedIn) => {
  const near = page.getByLabel('In der Nähe meiner Kommune');
  expect(await near.isDisabled()).toBe(!signedIn);
  if (!signedIn) await shown(page.getByText('Nach der Anmeldung: Umkreis um Ihre Kommune.'));
};

/** The edit page of Olpe's draft: a sign-in request signed out, the form for Olpe's editor. */
const editDraft: Check = async (page, signedIn) => {
  if (signedIn) {
    expect(await page.getByLabel('Titel', { exact: true }).inputValue()).toBe('Willkommen in Siegen');
  } else {
    await shown(page.getByText('Praxisbeispiele bearbeiten kann die Redaktion der Kommune, der es gehört.'));
    expect(await page.getByLabel('Titel', { exact: true }).count()).toBe(0);
  }
};

/** A result that does not exist: not even a hint of that to the signed-out. */
const unknownResult: Check = async (page, signedIn) => {
  const notice = page.getByRole('alert');
  await shown(notice);
  expect(await notice.textContent()).toContain(
    signedIn ? 'Dieses Ergebnis gibt es nicht (mehr).' : 'Bitte melden Sie sich an.',
  );
};

/** Path, the page's h1, the screenshot's name, and what else to check. */
type Visit = [path: string, heading: string | RegExp, name: string, check?: Check];

const PAGES: Visit[] = [
  ['/', 'Konzepte finden und übernehmen', 'start'],
  ['/?q=Willkommen', 'Konzepte finden und übernehmen', 'suche-willkommen', searchNear],
  [
    '/praxis/neubuerger-empfaenge-ungewoehnliche-orte',
    'Neubürger-Empfänge an ungewöhnlichen Orten',
    'praxisbeispiel',
    practiceContacts,
  ],
  ['/praxis/lokal-willkommen-dortmund', 'lokal willkommen', 'praxisbeispiel-foerderung', practiceFacts],
  ['/kommunen/05970040', 'Siegen', 'kommune', municipalityProfile],
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

/** The pages, with those whose address the set-up makes (Olpe's draft) or the test picks. */
const pages = (): Visit[] => [
  ...PAGES,
  [`/praxis/${draftSlug}/bearbeiten`, 'Praxisbeispiel bearbeiten', 'praxisbeispiel-bearbeiten', editDraft],
  [`/quick-check/ergebnis/${UNKNOWN_RESULT}`, 'Ergebnis des Quick-Checks', 'quick-check-ergebnis', unknownResult],
];

async function visitAll(context: BrowserContext, suffix: string, signedInAs?: string) {
  const page: Page = await context.newPage();
  const errors = pageErrors(page);
  const problems: Record<string, string[]> = {};
  for (const [path, heading, name, check] of pages()) {
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
    if (check) {
      try {
        await check(page, Boolean(signedInAs));
      } catch (error) {
        problems[`${path} (content)`] = [(error as Error).message.split('\n').slice(0, 12).join(' ')];
      }
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
  let coordinator: Person;
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
    coordinator = await inviteCoordinator(hub, await setup.newPage(), {
      email: 'koordination@suedwestfalen.example',
      name: 'Koordination Südwestfalen',
    });
    await setup.close();
    // A draft of Olpe, so that "Meine Kommune" lists one.
    const olpe = await devToken({ sub: 'pages-olpe', role: 'editor', ags: ['05966024'] });
    const source = (await hub.gql(`{ practice(slug: "willkommen-in-siegen") { id } }`)).data!.practice.id;
    const adapted = await hub.gql(`mutation($input: AdaptPracticeInput!) { adaptPractice(input: $input) { slug } }`, {
      token: olpe,
      variables: { input: { sourceId: source, ags: '05966024', changes: 'Angebote für Familien in Olpe' } },
    });
    expect(adapted.errors).toBeUndefined();
    draftSlug = adapted.data!.adaptPractice.slug;
    // Olpe's interest in Siegen's practice, for Siegen's "Meine Kommune".
    const interest = await hub.gql(
      `mutation($input: MarkInterestInput!) { markInterest(input: $input) { createdAt } }`,
      {
        token: olpe,
        variables: { input: { practiceId: source, ags: '05966024', note: INTEREST_NOTE } },
      },
    );
    expect(interest.errors).toBeUndefined();
    // Olpe's participation, for the coordinator's overview.
    const declared = await hub.gql(
      `mutation($input: DeclareParticipationInput!) { declareParticipation(input: $input) { id } }`,
      {
        token: olpe,
        variables: {
          input: {
            ags: '05966024',
            cooperation: 'qualitaetsoffensive-willkommen-suedwestfalen',
            declaredOn: '2025-03-01',
            contact: OLPE_CONTACT,
          },
        },
      },
    );
    expect(declared.errors).toBeUndefined();
    // A web page for Dortmund's practice (knowledge.json gives none), as a coordinator would add it.
    const hubCoordinator = await devToken({ sub: 'pages-coordinator', role: 'coordinator' });
    const dortmund = (await hub.gql(`{ practice(slug: "lokal-willkommen-dortmund") { id } }`)).data!.practice.id;
    const linked = await hub.gql(`mutation($input: UpdatePracticeInput!) { updatePractice(input: $input) { id } }`, {
      token: hubCoordinator,
      variables: { input: { id: dortmund, links: [LINK] } },
    });
    expect(linked.errors).toBeUndefined();
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
    const mineErrors = pageErrors(mine);
    await mine.goto('/meine-kommune?kommune=05966024');
    await mine.getByRole('heading', { level: 2, name: 'Entwürfe' }).waitFor();
    await loaded(mine);
    await mine
      .getByRole('link', { name: /Bearbeiten und veröffentlichen\s*:\s*Willkommen in Siegen/ })
      .waitFor({ timeout: 5000 });
    // Siegen's page lists Olpe's interest in Siegen's practice, with Olpe's note.
    await mine.goto('/meine-kommune?kommune=05970040');
    await mine.getByText('Sie bearbeiten Siegen.').waitFor();
    await loaded(mine);
    const interests = region(mine, 'Interesse anderer Kommunen').getByRole('table', {
      name: 'Kommunen, die sich für Praxisbeispiele von Siegen interessieren',
    });
    const olpe = interests
      .getByRole('row')
      .filter({ has: mine.getByRole('rowheader', { name: 'Willkommen in Siegen' }) })
      .filter({ has: mine.getByRole('link', { name: 'Olpe', exact: true }) });
    await olpe.waitFor({ timeout: 5000 });
    expect(await olpe.textContent()).toContain(INTEREST_NOTE);
    expect(await accessibilityViolations(mine)).toEqual([]);
    await screenshot(mine, 'meine-kommune-interesse-angemeldet');
    await context.close();
    expect(problems).toEqual({});
    expect(errors).toEqual([]);
    expect(mineErrors).toEqual([]);
  }, 180_000);

  it("narrows a signed-in search to the surroundings of the editor's municipality", async () => {
    const context = await newContext(browser, hub.hub.url);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/?q=Willkommen&typ=PRACTICE');
    await signIn(page, editor);
    const titles = () => page.locator('.hit__title').allTextContents();
    /** Waits until the results settle with `wanted` among them and `unwanted` not; the expectations below say what is wrong otherwise. */
    const settle = (wanted: string[], unwanted: string[]) =>
      page
        .waitForFunction(
          ([wanted, unwanted]) => {
            if (document.querySelector('[aria-busy="true"], .kern-loader')) return false;
            const shown = [...document.querySelectorAll('.hit__title')].map((e) => e.textContent?.trim());
            return wanted.every((t) => shown.includes(t)) && unwanted.every((t) => !shown.includes(t));
          },
          [wanted, unwanted] as const,
          { timeout: 15_000 },
        )
        .catch(() => undefined);
    // Everywhere: the practices of the Ruhr and Soest too.
    await settle(['Willkommen in Siegen', 'lokal willkommen', 'Neubürger-Empfänge an ungewöhnlichen Orten'], []);
    expect(await titles()).toEqual(
      expect.arrayContaining([
        'Willkommen in Siegen',
        'lokal willkommen',
        'Neubürger-Empfänge an ungewöhnlichen Orten',
      ]),
    );

    // Within 25 km of the editor's first municipality (Olpe): Siegen's practice (about 21 km)
    // stays; Dortmund's (about 60 km) and Bad Sassendorf's (about 62 km) go.
    const near = page.getByLabel('In der Nähe meiner Kommune');
    expect(await near.isEnabled()).toBe(true);
    await near.selectOption('25');
    expect(new URL(page.url()).searchParams.get('umkreis')).toBe('25');
    expect(await near.locator('option:checked').textContent()).toMatch(/^bis 25 km um (Olpe|Siegen)$/);
    await settle(['Willkommen in Siegen'], ['lokal willkommen', 'Neubürger-Empfänge an ungewöhnlichen Orten']);
    const nearby = await titles();
    expect(nearby).toContain('Willkommen in Siegen');
    expect(nearby).not.toContain('lokal willkommen');
    expect(nearby).not.toContain('Neubürger-Empfänge an ungewöhnlichen Orten');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'suche-umkreis-angemeldet');

    // The filter is part of the address: a deep link opens the same narrowed search.
    await page.goto('/?q=Willkommen&typ=PRACTICE&umkreis=25');
    await settle(['Willkommen in Siegen'], ['lokal willkommen']);
    expect(await titles()).not.toContain('lokal willkommen');
    expect(await titles()).toContain('Willkommen in Siegen');
    await context.close();
    expect(errors).toEqual([]);
  }, 180_000);

  it('shows a coordinator the overviews across all municipalities, and one municipality to act for', async () => {
    const context = await newContext(browser, hub.hub.url);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('/');
    await signIn(page, coordinator);
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Meine Kommune' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Meine Kommune' }).waitFor();
    await region(page, 'Entwürfe aller Kommunen').waitFor();
    await loaded(page);

    // The five overviews, in page order, each linked from the page's own navigation.
    const overviews = [
      'Teilnahmeerklärungen aller Kommunen',
      'Veranstaltungen und Anmeldungen',
      'Module und ihre Nutzung',
      'Quick-Check-Katalog',
      'Entwürfe aller Kommunen',
    ];
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      ...overviews,
      'Für eine Kommune handeln',
    ]);
    const onThisPage = page.getByRole('navigation', { name: 'Auf dieser Seite' });
    for (const title of overviews) expect(await onThisPage.getByRole('link', { name: title }).count()).toBe(1);

    // Olpe's declaration from the set-up, with its contact person.
    const participations = region(page, 'Teilnahmeerklärungen aller Kommunen');
    await participations.getByRole('heading', { level: 3, name: COOPERATION }).waitFor();
    const declaration = participations
      .getByRole('table', { name: `Teilnahmeerklärungen: ${COOPERATION}` })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Olpe' }) });
    expect(await declaration.getByRole('cell').allTextContents()).toEqual([
      '1. März 2025',
      `${OLPE_CONTACT.name} (${OLPE_CONTACT.role}), ${OLPE_CONTACT.email}`,
    ]);
    // The events with their host and organiser; the reference forum of 2019 in Dortmund.
    const forum = region(page, 'Veranstaltungen und Anmeldungen')
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: /^Interkommunales Forum Integration/ }) });
    expect(await forum.getByRole('cell').nth(0).textContent()).toBe('4. Februar 2019');
    expect(await forum.getByRole('cell').nth(1).textContent()).toBe(
      'Dortmund, Städtekooperation Integration.Interkommunal',
    );
    // The modules, by kind, with how many use them.
    const mappe = region(page, 'Module und ihre Nutzung')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Willkommensmappe' }) });
    expect(await mappe.getByRole('cell').nth(0).textContent()).toBe('Material');
    // The catalogue: areas and criteria, the required ones marked.
    const catalogue = region(page, 'Quick-Check-Katalog');
    await catalogue.getByText('3 Qualitätsbereiche mit 6 Kriterien').waitFor({ timeout: 5000 });
    expect(
      await catalogue
        .getByRole('listitem')
        .filter({ hasText: /^Persönliche Begrüßung/ })
        .textContent(),
    ).toBe('Persönliche Begrüßung (Pflichtkriterium)');
    expect(
      await catalogue
        .getByRole('listitem')
        .filter({ hasText: /^Ratsbeschluss/ })
        .textContent(),
    ).toBe('Ratsbeschluss');
    // Olpe's draft from the set-up, among the drafts of all municipalities.
    const draft = region(page, 'Entwürfe aller Kommunen')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Willkommen in Siegen' }) });
    expect(await draft.getByRole('link', { name: 'Olpe', exact: true }).count()).toBe(1);
    expect(await draft.getByRole('link', { name: 'Willkommen in Siegen' }).getAttribute('href')).toBe(
      `/praxis/${draftSlug}`,
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'meine-kommune-koordination');

    // Acting for Olpe: Olpe's own workspace under the overviews.
    await page.goto('/meine-kommune?kommune=05966024');
    await page.getByRole('heading', { level: 2, name: 'Entwürfe', exact: true }).waitFor();
    await loaded(page);
    expect(await page.getByLabel('Kommune', { exact: true }).inputValue()).toBe('05966024');
    expect(await page.getByRole('link', { name: 'Öffentliche Seite von Olpe' }).getAttribute('href')).toBe(
      '/kommunen/05966024',
    );
    await region(page, 'Entwürfe')
      .getByRole('link', { name: /Bearbeiten und veröffentlichen\s*:\s*Willkommen in Siegen/ })
      .waitFor({ timeout: 5000 });
    await region(page, 'Teilnahme an Kooperationen').getByText(COOPERATION).first().waitFor({ timeout: 5000 });
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'meine-kommune-koordination-olpe');
    await context.close();
    expect(errors).toEqual([]);
  }, 180_000);
});
