import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestSubgraph, type SubgraphUnderTest } from '@welcome-hub/kit/testing';
import { identitySubgraph } from '../src/server.js';
import { PostgresAdapter, sweepExpired } from '../src/oidc/adapter.js';

// oidc-provider's storage in the identity schema: what the provider reads back is what it
// wrote, consumed codes say so, expired records are not found and later swept.

let hub: SubgraphUnderTest;
beforeAll(async () => {
  hub = await startTestSubgraph(identitySubgraph);
});
afterAll(() => hub?.close());

const sql = (text: string, params: unknown[] = []) => hub.runtime.orm.em.getConnection().execute(text, params);

it('finds a record by id, uid and user code until it expires, and marks it consumed', async () => {
  const codes = new PostgresAdapter(hub.runtime.orm, 'AuthorizationCode');
  await codes.upsert('code-1', { grantId: 'grant-1', uid: 'uid-1', userCode: 'USER-1', accountId: 'a' }, 60);
  expect(await codes.find('code-1')).toEqual({ grantId: 'grant-1', uid: 'uid-1', userCode: 'USER-1', accountId: 'a' });
  expect(await codes.findByUid('uid-1')).toMatchObject({ accountId: 'a' });
  expect(await codes.findByUserCode('USER-1')).toMatchObject({ accountId: 'a' });
  // Another model's record of the same id is another record.
  expect(await new PostgresAdapter(hub.runtime.orm, 'RefreshToken').find('code-1')).toBeUndefined();

  await codes.consume('code-1');
  expect((await codes.find('code-1'))?.consumed).toEqual(expect.any(Number));

  await sql(`update "identity"."oidc_record" set "expires_at" = now() - interval '1 second' where "id" = 'code-1'`);
  expect(await codes.find('code-1')).toBeUndefined();
});

it('revokes everything of a grant, and destroys one record', async () => {
  const tokens = new PostgresAdapter(hub.runtime.orm, 'RefreshToken');
  await tokens.upsert('rt-1', { grantId: 'grant-2' }, 600);
  await tokens.upsert('rt-2', { grantId: 'grant-2' }, 600);
  await tokens.upsert('rt-3', { grantId: 'grant-3' }, 600);
  await tokens.revokeByGrantId('grant-2');
  expect([await tokens.find('rt-1'), await tokens.find('rt-2')]).toEqual([undefined, undefined]);
  expect(await tokens.find('rt-3')).toEqual({ grantId: 'grant-3' });
  await tokens.destroy('rt-3');
  expect(await tokens.find('rt-3')).toBeUndefined();
});

it('sweeps records that expired more than a day ago, and keeps the others', async () => {
  const sessions = new PostgresAdapter(hub.runtime.orm, 'Session');
  await sessions.upsert('old', { accountId: 'a' }, 60);
  await sessions.upsert('recent', { accountId: 'b' }, 60);
  await sessions.upsert('open', { accountId: 'c' }, 0);
  await sql(`update "identity"."oidc_record" set "expires_at" = now() - interval '2 days' where "id" = 'old'`);
  await sql(`update "identity"."oidc_record" set "expires_at" = now() - interval '1 hour' where "id" = 'recent'`);
  expect(await sweepExpired(hub.runtime.orm)).toBeGreaterThanOrEqual(1);
  const left = (await sql(`select "id" from "identity"."oidc_record" where "model" = 'Session' order by "id"`)) as {
    id: string;
  }[];
  expect(left.map((row) => row.id)).toEqual(['open', 'recent']);
});

it('refuses dynamic registration: partner clients are registered through the API', async () => {
  await expect(new PostgresAdapter(hub.runtime.orm, 'Client').upsert('x', {}, 0)).rejects.toThrow(/through the API/);
});
