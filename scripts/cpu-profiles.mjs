// BENCH_PROFILE's summary (scripts/bench-gateway.mjs): V8 CPU profiles by package and by function.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The top self-time functions of each CPU profile in `folder` (by package or file); paths under `root` shortened. */
export function printProfiles(folder, root) {
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.cpuprofile'))) {
    const { nodes, samples, timeDeltas } = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const self = new Map();
    samples.forEach((id, i) => {
      const { functionName, url, lineNumber } = byId.get(id).callFrame;
      const where = url.replace(/^.*node_modules\//, '').replace(`file://${root}`, '');
      const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (timeDeltas[i] ?? 0));
    });
    for (const key of self.keys()) if (/^\((idle|program)\) /.test(key)) self.delete(key);
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    const packages = new Map();
    for (const [key, us] of self) {
      const where = key.split(' ')[1] ?? '';
      const pkg = where.startsWith('@') ? where.split('/').slice(0, 2).join('/') : where.split(/[/:]/)[0] || '(native)';
      packages.set(pkg, (packages.get(pkg) ?? 0) + us);
    }
    const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
    console.log(`\n${file}: ${(total / 1e6).toFixed(1)} s of CPU (idle excluded); by package:`);
    for (const [pkg, us] of top(packages, 12)) console.log(`${((us / total) * 100).toFixed(1).padStart(6)} %  ${pkg}`);
    console.log('top functions by self time:');
    for (const [key, us] of top(self, 20))
      console.log(`${((us / total) * 100).toFixed(1).padStart(6)} %  ${key.slice(0, 150)}`);
  }
}
