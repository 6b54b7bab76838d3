import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { createTokenVerifier, DEVELOPMENT_JWT_SECRET } from '@welcome-hub/kit';
import { decodeJwt } from 'jose';
import { TEST_AUTH } from '@welcome-hub/kit/testing';
import { ROOT, runProcess } from './processes.js';

// The built command-line entry points, run as a user would (npm test builds them first).
describe('npm run token', () => {
  it('prints a development token that the hub accepts', async () => {
    const { code, stdout, stderr } = await runProcess('gateway/dist/bin/token.js', [
      '--role',
      'editor',
      '--ags',
      '05970040',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    await expect(createTokenVerifier(TEST_AUTH)(`Bearer ${stdout.trim()}`)).resolves.toMatchObject({
      role: 'editor',
      ags: ['05970040'],
    });
  });

  it('works as documented: npm run --silent token -- --role editor --ags 05970040', async () => {
    const npm = spawnSync('npm', ['run', '--silent', 'token', '--', '--role', 'editor', '--ags', '05970040'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(npm.status).toBe(0);
    expect(npm.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    await expect(createTokenVerifier(TEST_AUTH)(`Bearer ${npm.stdout.trim()}`)).resolves.toMatchObject({
      role: 'editor',
      ags: ['05970040'],
    });
  });

  it.each([
    [['--role', 'admin'], /--role must be one of editor, coordinator/],
    [['--role', 'editor'], /--ags is required for editors/],
    [['--role', 'editor', '--ags', '5970040'], /8-digit AGS/],
    [['--bogus'], /Unknown option/],
  ])('explains bad arguments %j and exits 2', async (args, message) => {
    const { code, stdout, stderr } = await runProcess('gateway/dist/bin/token.js', args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage:');
  });
});

describe('npm run token and the maximum token lifetime', () => {
  const lifetime = (token: string) => {
    const { iat, exp } = decodeJwt(token.trim());
    return exp! - iat!;
  };

  it('mints for 8 h by default, or for the configured maximum when that is shorter', async () => {
    const byDefault = await runProcess('gateway/dist/bin/token.js', ['--role', 'coordinator']);
    expect(byDefault.code).toBe(0);
    expect(lifetime(byDefault.stdout)).toBe(8 * 3600);
    const shorter = await runProcess('gateway/dist/bin/token.js', ['--role', 'coordinator'], {
      JWT_MAX_LIFETIME_SECONDS: '1800',
    });
    expect(shorter.code).toBe(0);
    expect(lifetime(shorter.stdout)).toBe(1800);
  });

  it.each([
    [
      ['--expires', '100y'],
      {},
      /--expires 100y: A lifetime of 36525 d is longer than the maximum of 8 h \(JWT_MAX_LIFETIME_SECONDS\)/,
    ],
    [
      ['--expires', '2h'],
      { JWT_MAX_LIFETIME_SECONDS: '3600' },
      /--expires 2h: A lifetime of 2 h is longer than the maximum of 1 h/,
    ],
    [['--expires', 'forever'], {}, /--expires forever: The lifetime "forever" is not a duration/],
  ])('explains --expires beyond the maximum or unreadable (%j, %j) and mints nothing', async (args, env, message) => {
    const { code, stdout, stderr } = await runProcess(
      'gateway/dist/bin/token.js',
      ['--role', 'coordinator', ...args],
      env,
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage:');
  });

  it('refuses to run with NODE_ENV=production and mints nothing', async () => {
    // A valid production configuration, so only the refusal stands between it and a token.
    const env = { NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET, GATEWAY_SECRET: 'g'.repeat(32) };
    const { code, stdout, stderr } = await runProcess('gateway/dist/bin/token.js', ['--role', 'coordinator'], env);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/npm run token mints development tokens and is refused with NODE_ENV=production/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('start-up checks', () => {
  it('ends with the configuration problems listed, not a stack trace', async () => {
    const { code, stderr } = await runProcess('gateway/dist/bin/embedded.js', [], {
      PORT: 'eighty',
      DATABASE_URL: 'mysql://nope',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("ends listing a subgraph's own problem before anything listens: the own provider's tokens outliving the maximum", async () => {
    const env = {
      PORT: '0',
      DATA_DIR: '/nonexistent/welcome-hub',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      JWT_MAX_LIFETIME_SECONDS: '240',
    };
    for (const entry of ['gateway/dist/bin/embedded.js', 'subgraphs/identity/dist/index.js']) {
      const { code, stdout, stderr } = await runProcess(entry, [], env);
      expect({ entry, code }).toEqual({ entry, code: 1 });
      expect(stderr).toContain('ACCESS_TOKEN_TTL_SECONDS: 300 is longer than the maximum token lifetime of 240 s');
      expect(stderr).not.toMatch(/\n\s+at /);
      // Nothing was opened or started: no database, no "ready" line.
      expect(stdout).not.toMatch(/ready|Database:/);
    }
  });

  // The machines ship an older system Node; the project runs on the Node 24 that npm ci installs.
  const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => {
    try {
      const [major, minor] = execFileSync(path, ['-p', 'process.versions.node']).toString().split('.').map(Number);
      return major < 22 || (major === 22 && minor < 17);
    } catch {
      return false;
    }
  });
  const withOldNode = systemNode ? it : it.skip;
  withOldNode('tells a too-old Node in one sentence', async () => {
    const { code, stdout, stderr } = await runProcess('gateway/dist/bin/embedded.js', [], {}, systemNode);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/needs Node\.js 22\.17 or newer/);
  });
});
