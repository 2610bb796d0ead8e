// npm run ttx -- <command>: the command-line tool (validate packs, export the pack JSON Schema).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, ensureInstalled, ROOT } from './lib.mjs';

ensureInstalled();
ensureBuilt('backend', ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json']);
const r = spawnSync(process.execPath, [join(ROOT, 'backend', 'dist', 'cli', 'ttx.js'), ...process.argv.slice(2)], {
  cwd: process.env.INIT_CWD ?? ROOT,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
