// The registry mirror here lacks the other platforms' builds of some native packages
// (@swc/core-darwin-arm64, @turbo/windows-64, …). `npm install` then leaves them out of
// package-lock.json, and `npm ci` refuses a lockfile that misses optional dependencies.
// This adds a stub entry, marked optional and restricted to its platform, for each
// missing one: npm ci skips them on this platform, as it would with full entries.
// Run after every `npm install` that changes the lockfile.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;

const OS = [
  ['darwin', 'darwin'],
  ['win32', 'win32'],
  ['windows', 'win32'],
  ['linux', 'linux'],
  ['android', 'android'],
  ['freebsd', 'freebsd'],
  ['openbsd', 'openbsd'],
  ['sunos', 'sunos'],
  ['aix', 'aix'],
  ['wasm32', null],
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];

function platformOf(name) {
  const base = name.split('/').pop();
  const os = OS.find(([token]) => base.split('-').includes(token));
  const cpu = CPU.find((token) => base.split('-').some((part) => part === token || (token === 'x64' && part === '64')));
  return { os: os?.[1] ?? undefined, cpu: os?.[0] === 'wasm32' ? ['wasm32'] : cpu ? [cpu] : undefined };
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const parent = location === '' ? '' : `${location}/`;
    const candidates = [`${parent}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((c) => packages[c])) continue;
    const { os, cpu } = platformOf(name);
    packages[`node_modules/${name}`] = {
      version: spec.replace(/^[\^~=]/, ''),
      optional: true,
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu } : {}),
    };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} missing optional platform package(s) stubbed`);
