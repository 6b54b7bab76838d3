import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as oidc from 'openid-client';
import { decodeJwt } from 'jose';
import { devToken } from '@welcome-hub/kit/testing';
import { startTestHub, type TestHub } from './hub.js';
import { FormBrowser, formIn, hubLogin, relyingParty, signIn } from './oidc-browser.js';

// Accounts a coordinator manages (invitation links, deactivation, municipalities) and
// partner systems with client credentials, all through the gateway.

let test: TestHub;
let coordinator: string;
const OWN = '05974008'; // Bad Sassendorf
const OTHER = '05970040'; // Siegen

beforeAll(async () => {
  test = await startTestHub();
  coordinator = await devToken({ sub: 'koordination-test', role: 'coordinator' });
});
afterAll(() => test?.close());

const issuer = () => `${test.hub.publicUrl}/oidc`;
const callback = () => `${test.hub.publicUrl}/auth/callback`;

const INVITE = `mutation($input: InviteAccountInput!) { inviteAccount(input: $input) { invitationUrl expiresAt account { id email role active passwordSet municipalities { ags } } } }`;
const UPDATE = `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { id active role municipalities { ags } } }`;
const CREATE_EVENT = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id slug host { ags } } }`;

function event(slug: string, host: string) {
  return {
    input: { slug, host, title: 'Neubürgerempfang', kind: 'NEWCOMER_RECEPTION', startsAt: '2027-05-01T16:00:00Z' },
  };
}

async function accountCount(): Promise<number> {
  const { data } = await test.gql(`{ accounts(first: 1) { totalCount } }`, { token: coordinator });
  return data!.accounts.totalCount;
}

/** Opens an invitation link and sets the password through its form. */
async function acceptInvitation(url: string, password: string, repeat = password) {
  const browser = new FormBrowser();
  const page = await browser.request(url);
  const { action } = formIn(await page.text(), new URL(url));
  return browser.request(action, { form: { password, repeat } });
}

describe('accounts a coordinator manages', () => {
  let editorId: string;
  const editor = { email: 'integration@bad-sassendorf.example', password: 'Willkommen in Bad Sassendorf 2027' };

  it('invites an editor: the one-time link sets the password, and the editor signs in and writes for its municipality only', async () => {
    const invited = await test.gql(INVITE, {
      token: coordinator,
      variables: {
        input: {
          email: 'Integration@Bad-Sassendorf.example',
          name: 'Integrationsbeauftragte',
          role: 'EDITOR',
          municipalities: [OWN],
        },
      },
    });
    expect(invited.errors).toBeUndefined();
    const { account, invitationUrl } = invited.data!.inviteAccount;
    editorId = account.id;
    expect(account).toMatchObject({
      email: editor.email,
      role: 'EDITOR',
      active: true,
      passwordSet: false,
      municipalities: [{ ags: OWN }],
    });
    expect(invitationUrl).toMatch(new RegExp(`^${test.hub.publicUrl}/oidc/invitation/[A-Za-z0-9_-]{43}$`));

    const mismatch = await acceptInvitation(invitationUrl, editor.password, 'something else entirely');
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('Die beiden Passwörter stimmen nicht überein.');
    const short = await acceptInvitation(invitationUrl, 'kurz', 'kurz');
    expect(short.status).toBe(400);
    expect((await acceptInvitation(invitationUrl, editor.password)).status).toBe(200);
    // Stored as an Argon2id hash (memory-hard: 19 MiB, 2 passes), never as the password.
    const [stored] = await test.hub.runtimes
      .find((r) => r.name === 'identity')!
      .orm.em.getConnection()
      .execute<{ password_hash: string }[]>(`select "password_hash" from "identity"."account" where "id" = ?`, [
        editorId,
      ]);
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored.password_hash).not.toContain(editor.password);
    // One time only.
    expect((await new FormBrowser().request(invitationUrl)).status).toBe(410);

    const tokens = await signIn(new FormBrowser(), await relyingParty(issuer()), callback(), hubLogin(editor));
    expect(decodeJwt(tokens.access_token)).toMatchObject({ sub: editorId, role: 'editor', ags: [OWN] });
    const own = await test.gql(CREATE_EVENT, {
      token: tokens.access_token,
      variables: event('empfang-bad-sassendorf-2027', OWN),
    });
    expect(own.errors).toBeUndefined();
    const other = await test.gql(CREATE_EVENT, {
      token: tokens.access_token,
      variables: event('empfang-siegen-2027', OTHER),
    });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("changes an editor's municipalities: the next token carries them", async () => {
    const changed = await test.gql(UPDATE, {
      token: coordinator,
      variables: { input: { id: editorId, municipalities: [OWN, OTHER] } },
    });
    expect(changed.data!.updateAccount.municipalities).toEqual([{ ags: OTHER }, { ags: OWN }]);
    const tokens = await signIn(new FormBrowser(), await relyingParty(issuer()), callback(), hubLogin(editor));
    expect(decodeJwt(tokens.access_token).ags).toEqual([OTHER, OWN]);
  });

  it('lets a signed-in person change their own password, given the current one', async () => {
    const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { id passwordSet } }`;
    const config = await relyingParty(issuer());
    const { access_token: token } = await signIn(new FormBrowser(), config, callback(), hubLogin(editor));
    const renewed = 'Ein neues Passwort für Bad Sassendorf';

    const wrong = await test.gql(CHANGE, {
      token,
      variables: { input: { currentPassword: 'not the password at all', newPassword: renewed } },
    });
    expect(wrong.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.currentPassword' }],
    });
    const short = await test.gql(CHANGE, {
      token,
      variables: { input: { currentPassword: editor.password, newPassword: 'kurz' } },
    });
    expect(short.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.newPassword' }],
    });
    // Neither refusal changed anything: the old password still signs in.
    await signIn(new FormBrowser(), config, callback(), hubLogin(editor));

    // Nobody else may: not anonymously, not a development token without an account here.
    const input = { currentPassword: editor.password, newPassword: renewed };
    expect((await test.gql(CHANGE, { variables: { input } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await test.gql(CHANGE, { token: coordinator, variables: { input } })).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );

    const changed = await test.gql(CHANGE, { token, variables: { input } });
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.changePassword).toEqual({ id: editorId, passwordSet: true });
    await expect(signIn(new FormBrowser(), config, callback(), hubLogin(editor))).rejects.toThrow(
      /Sign-in stopped .* \(401\)/,
    );
    editor.password = renewed;
    await signIn(new FormBrowser(), config, callback(), hubLogin(editor));
    // The trail records the change as the person's own, the hash masked.
    const trail = await test.gql(
      `query($filter: AuditTrailFilter) { identityAuditTrail(filter: $filter) { edges { node { subject changes { field newValue masked } } } } }`,
      {
        token: coordinator,
        variables: { filter: { recordId: editorId, action: 'UPDATE' } },
      },
    );
    const last = trail.data!.identityAuditTrail.edges.at(-1).node;
    expect(last.subject).toBe(editorId);
    expect(last.changes).toEqual(expect.arrayContaining([{ field: 'passwordHash', newValue: '***', masked: true }]));
  });

  it('deactivates an account: it can neither sign in nor refresh', async () => {
    const config = await relyingParty(issuer());
    const tokens = await signIn(new FormBrowser(), config, callback(), hubLogin(editor));
    const deactivated = await test.gql(UPDATE, {
      token: coordinator,
      variables: { input: { id: editorId, active: false } },
    });
    expect(deactivated.data!.updateAccount.active).toBe(false);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await expect(signIn(new FormBrowser(), config, callback(), hubLogin(editor))).rejects.toThrow(
      /Sign-in stopped .* \(401\)/,
    );
    await test.gql(UPDATE, { token: coordinator, variables: { input: { id: editorId, active: true } } });
  });

  it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
    const before = await accountCount();
    const bad = await test.gql(INVITE, {
      token: coordinator,
      variables: { input: { email: 'not-an-address', name: '', role: 'EDITOR', municipalities: ['5974004'] } },
    });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((bad.errors![0].extensions!.fields as { field: string }[]).map((p) => p.field).sort()).toEqual(
      ['input.email', 'input.municipalities', 'input.name'].sort(),
    );
    const noMunicipality = await test.gql(INVITE, {
      token: coordinator,
      variables: { input: { email: 'a@b.example', name: 'A', role: 'EDITOR', municipalities: [] } },
    });
    expect(noMunicipality.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const duplicate = await test.gql(INVITE, {
      token: coordinator,
      variables: { input: { email: editor.email, name: 'Noch einmal', role: 'EDITOR', municipalities: [OWN] } },
    });
    expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await accountCount()).toBe(before);
  });

  it('lets only coordinators manage accounts; a coordinator cannot lock themselves out', async () => {
    const input = { email: 'x@y.example', name: 'X', role: 'EDITOR', municipalities: [OWN] };
    expect((await test.gql(INVITE, { variables: { input } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const editorToken = await devToken({ sub: 'editor-test', role: 'editor', ags: [OWN] });
    expect((await test.gql(INVITE, { token: editorToken, variables: { input } })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await test.gql(`{ accounts { totalCount } }`, { token: editorToken })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    const self = await devToken({ sub: editorId, role: 'coordinator' });
    expect(
      (await test.gql(UPDATE, { token: self, variables: { input: { id: editorId, active: false } } })).errors?.[0]
        .extensions?.code,
    ).toBe('BAD_USER_INPUT');
  });
});

const REGISTER = `mutation($input: RegisterPartnerClientInput!) { registerPartnerClient(input: $input) { clientSecret tokenEndpoint client { id clientId tier municipalities { ags } } } }`;

async function clientToken(clientId: string, secret: string): Promise<string> {
  const config = await relyingParty(issuer(), clientId, oidc.ClientSecretBasic(secret));
  return (await oidc.clientCredentialsGrant(config)).access_token;
}

/** The OAuth error a refused client authentication names (401 with a WWW-Authenticate challenge). */
async function refusal(attempt: Promise<unknown>): Promise<string | undefined> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof oidc.WWWAuthenticateChallengeError) return error.cause[0]?.parameters.error;
  return (error as { error?: string } | undefined)?.error;
}

describe('partner systems with client credentials', () => {
  it("writes its own municipality's event and is refused for another", async () => {
    const registered = await test.gql(REGISTER, {
      token: coordinator,
      variables: { input: { name: 'CMS Bad Sassendorf', municipalities: [OWN], tier: 'PARTNER' } },
    });
    expect(registered.errors).toBeUndefined();
    const { client, clientSecret, tokenEndpoint } = registered.data!.registerPartnerClient;
    expect(tokenEndpoint).toBe(`${issuer()}/token`);
    const token = await clientToken(client.clientId, clientSecret);
    expect(decodeJwt(token)).toMatchObject({
      sub: client.clientId,
      client_id: client.clientId,
      role: 'editor',
      ags: [OWN],
      tier: 'partner',
      partner: true,
    });

    const own = await test.gql(CREATE_EVENT, { token, variables: event('cms-empfang-2027', OWN) });
    expect(own.errors).toBeUndefined();
    expect(own.data!.createEvent.host).toEqual({ ags: OWN });
    const other = await test.gql(CREATE_EVENT, { token, variables: event('cms-empfang-siegen-2027', OTHER) });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const viewer = await test.gql(`{ viewer { subject client partner } }`, { token });
    expect(viewer.data!.viewer).toEqual({ subject: client.clientId, client: client.clientId, partner: true });
    // The audit trail names the client; the client itself reads no trail, not even its municipality's.
    const trail = `query($filter: AuditTrailFilter) { eventsAuditTrail(filter: $filter) { edges { node { subject client action recordId } } } }`;
    const entries = await test.gql(trail, {
      token: coordinator,
      variables: { filter: { recordId: own.data!.createEvent.id } },
    });
    expect(entries.data!.eventsAuditTrail.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { subject: client.clientId, client: client.clientId, action: 'CREATE', recordId: own.data!.createEvent.id },
    ]);
    const refused = await test.gql(trail, { token, variables: { filter: { municipality: OWN } } });
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: 'A partner system reads no audit trail.',
    });
  });

  it('reads no personal data and manages nothing, even read-only', async () => {
    const registered = await test.gql(REGISTER, {
      token: coordinator,
      variables: { input: { name: 'Dashboard Südwestfalen', municipalities: [], tier: 'DASHBOARD' } },
    });
    const { client, clientSecret } = registered.data!.registerPartnerClient;
    const token = await clientToken(client.clientId, clientSecret);
    const contacts = await test.gql(`{ practices(first: 50) { edges { node { contacts { name } } } } }`, { token });
    const withContacts = contacts.data!.practices.edges.filter(
      (e: { node: { contacts: unknown } }) => e.node.contacts !== null,
    );
    expect(withContacts).toEqual([]);
    expect(
      (await test.gql(CREATE_EVENT, { token, variables: event('dashboard-event', OWN) })).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await test.gql(`{ partnerClients { totalCount } }`, { token })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('shows the secret once and stores only its hash; a rotated secret stops working at once', async () => {
    const registered = await test.gql(REGISTER, {
      token: coordinator,
      variables: { input: { name: 'CMS Siegen', municipalities: [OTHER], tier: 'PARTNER' } },
    });
    const { client, clientSecret } = registered.data!.registerPartnerClient;
    const stored = await test.hub.runtimes
      .find((r) => r.name === 'identity')!
      .orm.em.getConnection()
      .execute<{ secret_hash: string }[]>(`select "secret_hash" from "identity"."partner_client" where "id" = ?`, [
        client.id,
      ]);
    expect(stored[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].secret_hash).not.toContain(clientSecret);

    const rotated = await test.gql(`mutation($id: ID!) { rotatePartnerClientSecret(id: $id) { clientSecret } }`, {
      token: coordinator,
      variables: { id: client.id },
    });
    const fresh = rotated.data!.rotatePartnerClientSecret.clientSecret;
    expect(fresh).not.toBe(clientSecret);
    expect(await refusal(clientToken(client.clientId, clientSecret))).toBe('invalid_client');
    await expect(clientToken(client.clientId, fresh)).resolves.toEqual(expect.any(String));

    await test.gql(`mutation($input: UpdatePartnerClientInput!) { updatePartnerClient(input: $input) { active } }`, {
      token: coordinator,
      variables: { input: { id: client.id, active: false } },
    });
    expect(await refusal(clientToken(client.clientId, fresh))).toBe('invalid_client');
  });

  it('refuses bad input and non-coordinators, writing nothing', async () => {
    const count = async () =>
      (await test.gql(`{ partnerClients { totalCount } }`, { token: coordinator })).data!.partnerClients.totalCount;
    const before = await count();
    const bad = await test.gql(REGISTER, {
      token: coordinator,
      variables: { input: { name: ' ', municipalities: ['x'], tier: 'PARTNER' } },
    });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const editorToken = await devToken({ sub: 'editor-test', role: 'editor', ags: [OWN] });
    expect(
      (await test.gql(REGISTER, { token: editorToken, variables: { input: { name: 'CMS', municipalities: [OWN] } } }))
        .errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await test.gql(REGISTER, { variables: { input: { name: 'CMS', municipalities: [OWN] } } })).errors?.[0]
        .extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect(await count()).toBe(before);
  });
});
