// npm run bench: every benchmark in the repo, printing its figures (medians and ratios, no pass/fail timing in tests).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDeliveryBench } from './delivery-bench.js';

const only = process.argv[2];
const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };
if (!only || only === 'delivery') results.delivery = await runDeliveryBench();
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
process.stdout.write(`\nfigures written to tests/bench/results/latest.json\n`);
process.exit(0);
