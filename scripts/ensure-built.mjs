// Builds the packages only when the given entry point is missing, so quick commands
// (`npm run token`) do not wait for a build, yet still work on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import './require-node.mjs';

const entry = process.argv[2];
if (!entry || !existsSync(new URL(`../${entry}`, import.meta.url))) {
  const result = spawnSync('npm', ['run', '--silent', 'build'], {
    stdio: ['ignore', process.stderr, 'inherit'],
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
