import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_JWT_SECRET } from '@welcome-hub/kit';
import { devToken } from '@welcome-hub/kit/testing';
import { readTrustedDocuments } from '@welcome-hub/schema';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { startTestHub, type TestHub } from './hub.js';
import { relyingParty } from './oidc-browser.js';

// A production start: what helps an attacker explore is closed, and every client has an
// allowance. The signing key is the development one only so that the test tokens verify.
let hub: TestHub;
let url: string;
let token: string;

beforeAll(async () => {
  hub = await startTestHub({
    env: {
      NODE_ENV: 'production',
      JWT_SECRET: DEVELOPMENT_JWT_SECRET,
      GATEWAY_SECRET: randomBytes(32).toString('hex'),
      RATE_LIMIT_POINTS: '40',
      RATE_LIMIT_AUTH_FAILURES: '3',
      RATE_LIMIT_COST_POINTS: '12000',
      RATE_LIMIT_TIERS: 'partner=2',
    },
  });
  url = `${hub.hub.url}/graphql`;
  token = await devToken({ sub: 'production-test', role: 'coordinator', ags: [] });
}, 120_000);

afterAll(async () => {
  await hub?.close();
});

describe('production defaults', () => {
  it('refuses introspection, even to signed-in callers', async () => {
    const result = await hub.gql('{ __schema { types { name } } }', { token });
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0].message).toMatch(/introspection/i);
  });

  it('gives no field suggestions', async () => {
    const result = await hub.gql('{ municipalitie { name } }', { token });
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0].message).toMatch(/Cannot query field "municipalitie"/);
    expect(result.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it('serves no GraphiQL', async () => {
    const response = await fetch(url, { headers: { accept: 'text/html', 'x-graphql-csrf': '1' } });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await response.text()).not.toMatch(/graphiql/i);
  });

  it('answers no cross-origin browser call unless CORS_ORIGINS names the origin', async () => {
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://elsewhere.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets any origin read by GET without credentials (dashboard embeds), and nothing more', async () => {
    const read = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://www.kreis-olpe.de',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-graphql-csrf',
      },
    });
    expect(read.headers.get('access-control-allow-origin')).toBe('https://www.kreis-olpe.de');
    expect(read.headers.get('access-control-allow-methods')).toBe('GET');
    expect(read.headers.get('access-control-allow-headers')).not.toMatch(/authorization/);
    // No credentials: a browser sends neither the session cookie nor a token on such a call.
    expect(read.headers.get('access-control-allow-credentials')).toBeNull();
    const id = [...readTrustedDocuments()].find(([, document]) => /query Districts\b/.test(document))![0];
    const answer = await fetch(`${url}?documentId=${id}&variables=%7B%7D`, {
      headers: { origin: 'https://www.kreis-olpe.de', 'x-graphql-csrf': '1' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://www.kreis-olpe.de');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    const write = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://www.kreis-olpe.de',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(write.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('still answers ordinary queries', async () => {
    const result = await hub.gql('{ municipality(ags: "05970040") { name } }', { token });
    expect(result.data).toEqual({ municipality: { name: 'Siegen' } });
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once a client used its allowance, per client', async () => {
    const own = await devToken({ sub: 'rate-limited-client', role: 'editor', ags: ['05970040'] });
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) statuses.push((await hub.gql('{ __typename }', { token: own })).status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    const refused = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${own}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    // Another client (another token subject) is not affected.
    expect((await hub.gql('{ __typename }', { token })).status).toBe(200);
  });

  it("gives a partner system its tier's allowance; a tier nobody configured gets the standard one", async () => {
    const partner = await devToken({ sub: 'partner-tier-client', role: 'editor', ags: [], tier: 'partner' });
    const statuses: number[] = [];
    for (let i = 0; i < 81; i++) statuses.push((await hub.gql('{ __typename }', { token: partner })).status);
    expect(statuses.slice(0, 80).every((s) => s === 200)).toBe(true);
    expect(statuses[80]).toBe(429);
    // Its cost budget grows with it: five pages of 4 800 fit in 2 × 12 000 (the standard budget takes two), the sixth does not.
    const costly = await devToken({ sub: 'partner-tier-cost', role: 'editor', ags: [], tier: 'partner' });
    const page = '{ municipalities(first: 200) { edges { node { name district { name } cooperations { name } } } } }';
    for (let i = 0; i < 5; i++) expect((await hub.gql(page, { token: costly })).errors).toBeUndefined();
    expect((await hub.gql(page, { token: costly })).status).toBe(429);

    const unknown = await devToken({ sub: 'gold-tier-client', role: 'editor', ags: [], tier: 'gold' });
    const unknownStatuses: number[] = [];
    for (let i = 0; i < 41; i++) unknownStatuses.push((await hub.gql('{ __typename }', { token: unknown })).status);
    expect(unknownStatuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(unknownStatuses[40]).toBe(429);
  });

  it("gives a partner client registered at the hub its tier's allowance, with a token from client credentials", async () => {
    const registered = await hub.gql(
      `mutation($input: RegisterPartnerClientInput!) { registerPartnerClient(input: $input) { clientSecret client { clientId } } }`,
      { token, variables: { input: { name: 'Dashboard Kreis Soest', municipalities: [], tier: 'PARTNER' } } },
    );
    expect(registered.errors).toBeUndefined();
    const { client, clientSecret } = registered.data!.registerPartnerClient;
    const provider = await relyingParty(
      `${hub.hub.publicUrl}/oidc`,
      client.clientId,
      oidc.ClientSecretBasic(clientSecret),
    );
    const partner = (await oidc.clientCredentialsGrant(provider)).access_token;
    expect(decodeJwt(partner)).toMatchObject({ sub: client.clientId, tier: 'partner' });
    const statuses: number[] = [];
    for (let i = 0; i < 81; i++) statuses.push((await hub.gql('{ __typename }', { token: partner })).status);
    expect(statuses.slice(0, 80).every((s) => s === 200)).toBe(true);
    expect(statuses[80]).toBe(429);
  });

  it('charges each operation its estimated cost: expensive ones use the budget faster', async () => {
    const own = await devToken({ sub: 'cost-budget-client', role: 'editor', ags: ['05970040'] });
    const page = '{ municipalities(first: 200) { edges { node { name district { name } cooperations { name } } } } }'; // cost 4 800
    expect((await hub.gql(page, { token: own })).errors).toBeUndefined();
    expect((await hub.gql(page, { token: own })).errors).toBeUndefined();
    const third = await hub.gql(page, { token: own });
    expect(third.status).toBe(429);
    expect(third.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', cost: 4800 });
    // Cheap reads still fit in what is left.
    expect((await hub.gql('{ municipality(ags: "05970040") { name } }', { token: own })).data).toEqual({
      municipality: { name: 'Siegen' },
    });
  });

  // Last: it blocks this test's address for the rest of the auth window.
  it('throttles failed sign-ins per address harder, good tokens included', async () => {
    for (let i = 0; i < 3; i++) {
      const bad = await hub.gql('{ __typename }', { authorization: 'Bearer not-a-token' });
      expect(bad.status).toBe(401);
      expect(bad.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await hub.gql('{ __typename }', { authorization: 'Bearer not-a-token' });
    expect(blocked.status).toBe(429);
    expect((await hub.gql('{ __typename }', { token })).status).toBe(429);
  });
});
