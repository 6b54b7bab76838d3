import { afterEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { RateLimiter, type RateLimitSettings } from '../src/edge/rate-limit.js';
import { addressKey } from '../src/edge/handler.js';

// The limiter on its own: the allowance per client, the harder one for failed sign-ins,
// counts shared by replicas through Redis, and memory when Redis does not answer.
const settings: RateLimitSettings = {
  points: 3,
  windowSeconds: 60,
  costPoints: 1000,
  authFailures: 2,
  authWindowSeconds: 600,
};
const open: RateLimiter[] = [];
const limiter = async (extra: Partial<RateLimitSettings> = {}) => {
  const created = await RateLimiter.create({ ...settings, ...extra }, 200);
  open.push(created);
  return created;
};

afterEach(async () => {
  for (const l of open.splice(0)) await l.close();
});

describe('RateLimiter in memory', () => {
  it('lets a client make its allowance, then names the wait; other clients are unaffected', async () => {
    const rl = await limiter();
    for (let i = 0; i < 3; i++) expect(await rl.take('ip:a')).toBeNull();
    const wait = await rl.take('ip:a');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await rl.take('ip:b')).toBeNull();
  });

  it('blocks an address after its failed sign-ins for the whole auth window', async () => {
    const rl = await limiter();
    expect(await rl.authBlocked('1.2.3.4')).toBeNull();
    await rl.authFailed('1.2.3.4');
    expect(await rl.authBlocked('1.2.3.4')).toBeNull();
    await rl.authFailed('1.2.3.4');
    const wait = await rl.authBlocked('1.2.3.4');
    expect(wait).toBeGreaterThan(60);
    expect(await rl.authBlocked('5.6.7.8')).toBeNull();
  });

  it('charges operations their cost and gives back what a refused one would have cost', async () => {
    const rl = await limiter();
    expect(await rl.spend('sub:x', 600)).toBeNull();
    expect(await rl.spend('sub:x', 600)).toBeGreaterThan(0);
    expect(await rl.spend('sub:x', 400)).toBeNull();
    expect(await rl.spend('sub:x', 1)).toBeGreaterThan(0);
  });

  it('gives a tier its multiple of both allowances and anyone else the standard ones', async () => {
    const rl = await limiter({ tiers: new Map([['partner', 2]]) });
    for (let i = 0; i < 6; i++) expect(await rl.take('sub:cms', 'partner')).toBeNull();
    expect(await rl.take('sub:cms', 'partner')).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) expect(await rl.take('sub:other', 'gold')).toBeNull();
    expect(await rl.take('sub:other', 'gold')).toBeGreaterThan(0);
    expect(await rl.spend('sub:cms', 1500, 'partner')).toBeNull();
    expect(await rl.spend('sub:cms', 600, 'partner')).toBeGreaterThan(0);
    expect(await rl.spend('sub:person', 1500)).toBeGreaterThan(0);
  });

  it('keeps limiting in memory when Redis does not answer', async () => {
    const rl = await limiter({ redisUrl: 'redis://127.0.0.1:1' });
    expect(rl.store).toBe('redis');
    for (let i = 0; i < 3; i++) expect(await rl.take('ip:c')).toBeNull();
    expect(await rl.take('ip:c')).toBeGreaterThan(0);
  });
});

// CI sets REDIS_URL (a Redis runs on these machines); without it these tests are skipped.
const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)('RateLimiter on Redis', () => {
  it('counts one allowance across two gateway replicas', async () => {
    const client = `ip:${randomUUID()}`;
    const a = await limiter({ redisUrl });
    const b = await limiter({ redisUrl });
    expect(await a.take(client)).toBeNull();
    expect(await b.take(client)).toBeNull();
    expect(await a.take(client)).toBeNull();
    expect(await b.take(client)).toBeGreaterThan(0);
  });

  it('shares the failed sign-in block across replicas', async () => {
    const address = randomUUID();
    const a = await limiter({ redisUrl });
    const b = await limiter({ redisUrl });
    await a.authFailed(address);
    expect(await b.authBlocked(address)).toBeNull();
    await b.authFailed(address);
    expect(await b.authBlocked(address)).toBeGreaterThan(60);
  });
});

describe('addressKey', () => {
  it('keys IPv4 (also IPv4-mapped) as it is and IPv6 by its /64, so rotating addresses in one /64 shares an allowance', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
