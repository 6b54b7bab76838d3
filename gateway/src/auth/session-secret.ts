import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * The secret that seals the web app's session cookies when SESSION_SECRET is unset (never in
 * production): one drawn at the first start and kept in `dataDir`, so that browsers stay
 * signed in across restarts.
 */
export function keptSessionSecret(dataDir: string): string {
  const path = resolve(dataDir, 'session-secret');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
