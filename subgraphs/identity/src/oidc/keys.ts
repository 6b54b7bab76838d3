import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Orm } from '@welcome-hub/kit';
import { randomSecret } from '../account/passwords.js';

export interface ProviderSecrets {
  /** Private signing keys (RS256 for ID tokens, as OpenID Connect requires; ES256 too). */
  jwks: { keys: JWK[] };
  /** Keys signing the provider's cookies, newest first. */
  cookieKeys: string[];
}

async function signingKey(alg: 'RS256' | 'ES256'): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg, use: 'sig', kid: await calculateJwkThumbprint(jwk) };
}

async function stored<T>(orm: Orm, name: string, make: () => Promise<T>): Promise<T> {
  const connection = orm.em.getConnection();
  const read = async () =>
    (
      await connection.execute<{ value: T }[]>(`select "value" from "identity"."provider_secret" where "name" = ?`, [
        name,
      ])
    )[0];
  const existing = await read();
  if (existing) return typeof existing.value === 'string' ? (JSON.parse(existing.value) as T) : existing.value;
  // Another process may make them at the same moment: the first insert wins, everyone reads it.
  await connection.execute(
    `insert into "identity"."provider_secret" ("name", "value", "created_at") values (?, ?::jsonb, now()) on conflict do nothing`,
    [name, JSON.stringify(await make())],
  );
  const value = (await read())!.value;
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/**
 * The provider's keys, made at its first start and kept in its schema: tokens it signed
 * and sessions it opened stay valid across restarts and across processes.
 */
export async function providerSecrets(orm: Orm): Promise<ProviderSecrets> {
  return {
    jwks: await stored(orm, 'jwks', async () => ({ keys: [await signingKey('RS256'), await signingKey('ES256')] })),
    cookieKeys: await stored(orm, 'cookie-keys', async () => [randomSecret()]),
  };
}
