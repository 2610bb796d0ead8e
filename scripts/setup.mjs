// npm run setup: install dependencies and build everything (also the first step of start and test).
import { ensureAllBuilt, ensureInstalled, log } from './lib.mjs';

const args = new Set(process.argv.slice(2));
ensureInstalled();
if (!args.has('--install-only')) ensureAllBuilt();
if (args.size === 0) log('ready: `npm start` runs the platform, `npm test` runs the tests');
