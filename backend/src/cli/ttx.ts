import 'reflect-metadata';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatPackError, listPackFolders, loadPackFolder } from '../scenarios/pack/pack-loader.js';
import { packJsonSchema } from '../scenarios/pack/pack-json-schema.js';
import type { ScenarioPack } from '../scenarios/pack/pack-schema.js';
import { REPO_ROOT } from '../config/app-config.js';
import {
  dryRun,
  exportPackYaml,
  importOpenAev,
  importPackYaml,
  importToolJson,
  mselExport,
  mselImport,
  singleFilePack,
} from './author-commands.js';

const USAGE = `Cyber TTX command-line tool

  npm run ttx -- validate <folder|pack.yaml>...   validate scenario packs (a pack folder, a folder of packs,
                                        or a single-file pack as exported, translations: included)
  npm run ttx -- export <pack-folder> [out.yaml]   the pack as one YAML file, its translations included
  npm run ttx -- import <pack.yaml> [--out folder] a single-file pack back into a pack folder
  npm run ttx -- schema [file]          write the pack JSON Schema (default: injects/scenario.schema.json)
  npm run ttx -- msel import <file.xlsx|csv> [--start ISO] [--sheet s] [--map "Header=field,…"]
                 [--channel-map "type=channel,…"] [--default-channel c] [--skip-bad-rows | --strict]
                 [--max-rows N] [--header-row N] [--pack-id id] [--title t] [--out folder]
  npm run ttx -- msel export <pack-folder> <out.xlsx|out.csv>
  npm run ttx -- import-openaev <export.zip|scenario.json> [--pack-id id] [--out folder]
  npm run ttx -- import-icebergttx <scenario.json> [--pack-id id] [--out folder]
  npm run ttx -- import-timeline <ttx-community-timeline.json> [--pack-id id] [--out folder]

  Exit codes: 0 done, 1 the file cannot be imported (the message names file, sheet, row and column),
  2 the command line is wrong.
  npm run ttx -- dry-run <pack-id> [--url http://127.0.0.1:3000] [--speed 600]   (TTX_USER, TTX_PASSWORD)
`;

function report(pk: ScenarioPack): void {
  const languages = Object.keys(pk.translations ?? {});
  process.stdout.write(
    `ok    ${pk.id} ${pk.version}: ${pk.teams.length} teams, ${pk.injects.length} injects${languages.length ? `, translations: ${languages.join(', ')}` : ''}\n`,
  );
}

function validate(paths: string[]): number {
  if (paths.length === 0) paths = [resolve(REPO_ROOT, 'injects')];
  let errors = 0;
  let packs = 0;
  for (const p of paths) {
    const root = resolve(p);
    if (!existsSync(root)) {
      process.stderr.write(`${p}: no such file or folder\n`);
      errors++;
      continue;
    }
    if (statSync(root).isFile()) {
      packs++;
      let result: ReturnType<typeof singleFilePack>;
      try {
        result = singleFilePack(root);
      } catch (e) {
        process.stderr.write(`error ${p}: ${e instanceof Error ? e.message : String(e)}\n`);
        errors++;
        continue;
      }
      if (result.ok) report(result.source.pack);
      else {
        errors += result.errors.length;
        for (const e of result.errors) process.stderr.write(`error ${p}: ${formatPackError(e)}\n`);
      }
      continue;
    }
    const folders = listPackFolders(root);
    if (folders.length === 0) {
      process.stderr.write(`${p}: no pack folders (a pack is a folder holding pack.yaml)\n`);
      errors++;
    }
    for (const folder of folders) {
      packs++;
      const result = loadPackFolder(folder, resolve(root, folders.length === 1 && folder === root ? '..' : '.'));
      if (result.ok) report(result.source.pack);
      else {
        errors += result.errors.length;
        for (const e of result.errors) process.stderr.write(`error ${formatPackError(e)}\n`);
      }
    }
  }
  process.stdout.write(`${packs} pack(s) checked, ${errors} error(s)\n`);
  return errors > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'msel':
      if (rest[0] === 'import') return mselImport(rest.slice(1));
      if (rest[0] === 'export') return mselExport(rest.slice(1));
      process.stdout.write(USAGE);
      return 2;
    case 'import-openaev':
      return importOpenAev(rest);
    case 'import-icebergttx':
      return importToolJson('icebergttx', rest);
    case 'import-timeline':
      return importToolJson('ttx-community', rest);
    case 'dry-run':
      return dryRun(rest);
    case 'export':
      return exportPackYaml(rest);
    case 'import':
      return importPackYaml(rest);
    case 'validate':
      return validate(rest);
    case 'schema': {
      const file = resolve(rest[0] ?? resolve(REPO_ROOT, 'injects', 'scenario.schema.json'));
      writeFileSync(file, JSON.stringify(packJsonSchema(), null, 2) + '\n');
      process.stdout.write(`wrote ${file}\n`);
      return 0;
    }
    default:
      process.stdout.write(USAGE);
      return cmd === undefined || cmd === 'help' || cmd === '--help' ? 0 : 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
