import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { devToken } from '@welcome-hub/kit/testing';
import type { TestHub } from '../../gateway/test/hub.js';
import { accessibilityViolations } from './browser.js';

export interface Person {
  email: string;
  name: string;
  password: string;
}

/** The roles an invitation gives (InviteAccountInput.role). */
export type InvitedRole = 'EDITOR' | 'COORDINATOR';

/**
 * An account set up as a person would: a coordinator invites them (the API), they open the
 * invitation link in the browser and set their password. The invitation page is checked for
 * accessibility on the way. Editors write for `ags`; coordinators for every municipality
 * (their invitation names none).
 */
export async function inviteAccount(
  hub: TestHub,
  page: Page,
  person: Omit<Person, 'password'>,
  role: InvitedRole,
  ags: string[] = [],
): Promise<Person> {
  if (role === 'COORDINATOR' && ags.length > 0) throw new Error('A coordinator is invited without municipalities.');
  const coordinator = await devToken({ sub: 'browser-test-coordinator', role: 'coordinator' });
  const invited = await hub.gql(
    `mutation($input: InviteAccountInput!) { inviteAccount(input: $input) { invitationUrl } }`,
    {
      token: coordinator,
      variables: { input: { email: person.email, name: person.name, role, municipalities: ags } },
    },
  );
  expect(invited.errors).toBeUndefined();
  const password = `Ein sicheres Passwort für ${person.name}`;
  await page.goto(invited.data!.inviteAccount.invitationUrl);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByLabel('Neues Passwort').fill(password);
  await page.getByLabel('Passwort wiederholen').fill(password);
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await page.waitForLoadState();
  return { ...person, password };
}

/** An editor account for `ags` (see inviteAccount). */
export function inviteEditor(
  hub: TestHub,
  page: Page,
  person: Omit<Person, 'password'>,
  ags: string[],
): Promise<Person> {
  return inviteAccount(hub, page, person, 'EDITOR', ags);
}

/** A coordinator's account: all municipalities, the overviews (see inviteAccount). */
export function inviteCoordinator(hub: TestHub, page: Page, person: Omit<Person, 'password'>): Promise<Person> {
  return inviteAccount(hub, page, person, 'COORDINATOR');
}

/** Signs in through the app's "Anmelden": the hub's own provider's form, then back where the person was. */
export async function signIn(page: Page, person: Person): Promise<void> {
  await page.getByRole('banner').getByRole('link', { name: 'Anmelden', exact: true }).click();
  await page.getByLabel('E-Mail-Adresse').waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByLabel('E-Mail-Adresse').fill(person.email);
  await page.getByLabel('Passwort').fill(person.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  // A consent step, if the provider asks for one.
  const consent = page.getByRole('button', { name: /Erlauben|Zustimmen|Weiter/ });
  if (await consent.isVisible().catch(() => false)) await consent.click();
  await page.getByText(`Angemeldet: ${person.name}`).waitFor();
}
