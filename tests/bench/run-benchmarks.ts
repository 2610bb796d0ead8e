// npm run bench [-- delivery|frontend|report|load|first-inject]: the benchmarks in the repo, each printing its
// figures (medians and ratios measured in the same run; no pass/fail timing inside the test suite).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BENCHES: Record<string, () => Promise<Record<string, unknown>>> = {
  delivery: async () => (await import('./delivery-bench.js')).runDeliveryBench(),
  frontend: async () => (await import('./frontend-bench.js')).runFrontendBench(),
  report: async () => (await import('./report-bench.js')).runReportBench(),
  load: async () => (await import('./load-bench.js')).runLoadBench(),
  'first-inject': async () => (await import('./first-inject-bench.js')).runFirstInjectBench(),
};

const only = process.argv.slice(2);
const unknown = only.filter((n) => !(n in BENCHES));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}
const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };
for (const [name, run] of Object.entries(BENCHES)) {
  if (only.length > 0 && !only.includes(name)) continue;
  results[name] = await run();
}
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
process.stdout.write(`\nfigures written to tests/bench/results/latest.json\n`);
process.exit(0);
