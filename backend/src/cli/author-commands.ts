import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { mselCsv, mselXlsx } from '../authoring/msel/msel-export.js';
import { MselService } from '../authoring/msel/msel.service.js';
import { openAevToPack, readOpenAevExport } from '../authoring/openaev/openaev-import.js';
import { loadPackFiles, packToYaml } from '../authoring/packs/pack-files.js';
import { formatPackError, loadPackFolder } from '../scenarios/pack/pack-loader.js';
import type { ScenarioPack } from '../scenarios/pack/pack-schema.js';

/** `--name value` options after the positional arguments. */
export function options(args: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a.startsWith('--')) flags.set(a.slice(2), args[++i] ?? '');
    else positional.push(a);
  }
  return { positional, flags };
}

const fail = (message: string): number => {
  process.stderr.write(`${message}\n`);
  return 1;
};

function writePack(pack: ScenarioPack, out: string | undefined): number {
  const yaml = packToYaml(pack);
  const loaded = loadPackFiles([{ path: 'pack.yaml', content: yaml }], pack.id);
  if (!loaded.ok) {
    for (const e of loaded.errors) process.stderr.write(`error ${formatPackError(e)}\n`);
    return fail(`the imported pack does not validate (${loaded.errors.length} error(s)); nothing was written`);
  }
  const folder = resolve(out ?? pack.id);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'pack.yaml'), yaml);
  process.stdout.write(`wrote ${join(folder, 'pack.yaml')}: ${pack.teams.length} teams, ${pack.injects.length} injects\n`);
  return 0;
}

/** ttx msel import <file.xlsx|csv> [--start ISO] [--sheet name] [--pack-id id] [--out folder] */
export async function mselImport(args: string[]): Promise<number> {
  const { positional, flags } = options(args);
  const file = positional[0];
  if (!file) return fail('usage: ttx msel import <file.xlsx|file.csv> [--start 2026-03-01T09:00] [--sheet name] [--pack-id id] [--out folder]');
  const start = flags.get('start');
  const startMs = start ? Date.parse(start.endsWith('Z') ? start : `${start}Z`) : undefined;
  if (start && Number.isNaN(startMs)) return fail(`--start: "${start}" is not a date-time`);
  // the preview needs none of the service's collaborators (they only save)
  const preview = await new MselService(undefined as never, undefined as never).preview(readFileSync(file), {
    fileName: basename(file),
    sheet: flags.get('sheet'),
    start: startMs,
    packId: flags.get('pack-id'),
  });
  for (const r of preview.rows) {
    for (const e of r.errors) process.stderr.write(`${basename(file)}: row ${r.row}: ${e}\n`);
    for (const w of r.warnings) process.stdout.write(`${basename(file)}: row ${r.row}: warning: ${w}\n`);
  }
  for (const e of preview.generalErrors) process.stderr.write(`${basename(file)}: ${e}\n`);
  if (!preview.valid || preview.rows.some((r) => r.errors.length > 0)) return fail('the MSEL has errors; nothing was written');
  const loaded = loadPackFiles([{ path: 'pack.yaml', content: preview.yaml }], 'msel');
  if (!loaded.ok) return fail('the MSEL does not make a valid pack');
  if (loaded.source.pack.injects.length === 0) return fail(`${basename(file)}: no row became an inject (check the time and message columns); nothing was written`);
  return writePack(loaded.source.pack, flags.get('out'));
}

/** ttx msel export <pack-folder> <out.xlsx|out.csv> */
export async function mselExport(args: string[]): Promise<number> {
  const [folder, out] = args;
  if (!folder || !out || !['.xlsx', '.csv'].includes(extname(out))) return fail('usage: ttx msel export <pack-folder> <out.xlsx|out.csv>');
  const r = loadPackFolder(resolve(folder));
  if (!r.ok) {
    for (const e of r.errors) process.stderr.write(`error ${formatPackError(e)}\n`);
    return fail('the pack has errors; nothing was written');
  }
  writeFileSync(out, extname(out) === '.csv' ? mselCsv(r.source.pack) : await mselXlsx(r.source.pack));
  process.stdout.write(`wrote ${out}: ${r.source.pack.injects.length} injects\n`);
  return 0;
}

/** ttx import-openaev <export.zip|scenario.json> [--pack-id id] [--out folder] */
export async function importOpenAev(args: string[]): Promise<number> {
  const { positional, flags } = options(args);
  const file = positional[0];
  if (!file) return fail('usage: ttx import-openaev <export.zip|scenario.json> [--pack-id id] [--out folder]');
  let parsed;
  try {
    const { json, format } = await readOpenAevExport(readFileSync(file));
    parsed = openAevToPack(json, format, { packId: flags.get('pack-id') });
  } catch (e) {
    return fail(`${basename(file)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const s of parsed.report.skipped) process.stdout.write(`skipped "${s.title}" (${s.kind}): ${s.reason}\n`);
  for (const w of parsed.report.warnings) process.stdout.write(`warning: ${w}\n`);
  return writePack(parsed.pack, flags.get('out'));
}

/** ttx dry-run <pack-id> [--url http://127.0.0.1:3000] [--speed 600]: on a running platform (TTX_USER, TTX_PASSWORD). */
export async function dryRun(args: string[]): Promise<number> {
  const { positional, flags } = options(args);
  const packId = positional[0];
  if (!packId) return fail('usage: TTX_USER=instructor TTX_PASSWORD=… ttx dry-run <pack-id> [--url http://127.0.0.1:3000] [--speed 600]');
  const url = (flags.get('url') ?? process.env.TTX_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  const speed = Number(flags.get('speed') ?? 600);
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${url}/api${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${typeof json.message === 'string' ? json.message : ''}`);
    return json;
  };
  try {
    const login = await call('POST', '/auth/login', { username: process.env.TTX_USER ?? 'instructor', password: process.env.TTX_PASSWORD ?? '' });
    const token = String(login.token);
    let run = await call('POST', '/authoring/dry-runs', { packId, speed }, token);
    while (run.status === 'starting' || run.status === 'running') {
      await new Promise((r) => setTimeout(r, 1000));
      run = await call('GET', `/authoring/dry-runs/${String(run.id)}`, undefined, token);
    }
    process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
    return run.status === 'finished' ? 0 : 1;
  } catch (e) {
    return fail(`dry run failed: ${e instanceof Error ? e.message : String(e)} (is the platform running at ${url}?)`);
  }
}
