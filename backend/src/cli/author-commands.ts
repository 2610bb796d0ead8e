import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DomainError } from '../common/domain-error.js';
import { type ChannelMap, parseChannelMap } from '../authoring/msel/inject-types.js';
import { type ColumnMapping, MSEL_FIELDS, type MselField, normaliseHeader } from '../authoring/msel/msel-columns.js';
import { mselCsv, mselXlsx } from '../authoring/msel/msel-export.js';
import { importRefusal, type MselDryRun, type MselRequest, previewMsel } from '../authoring/msel/msel-preview.js';
import { openAevRefusal, openAevToPack, readOpenAevExport } from '../authoring/openaev/openaev-import.js';
import {
  editorFiles,
  loadPackFiles,
  packToEditorYaml,
  packToYaml,
  translationFiles,
} from '../authoring/packs/pack-files.js';
import { type ToolFormat, toolJsonToPack, toolRefusal } from '../authoring/tool-exports/tool-import.js';
import { formatPackError, loadPackFolder } from '../scenarios/pack/pack-loader.js';
import { CHANNELS, type Channel, type ScenarioPack } from '../scenarios/pack/pack-schema.js';

/** Exit codes: 0 done, 1 the input file cannot be imported (its content), 2 the command line is wrong. */
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

/** Thrown for a wrong command line: unknown flag, missing value, missing file. */
class UsageError extends Error {}

/** `--name value` options (and `--flag` switches named in `switches`) around the positional arguments. */
export function options(
  args: string[],
  known: readonly string[] = [],
  switches: readonly string[] = [],
): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (known.length && !known.includes(name) && !switches.includes(name))
      throw new UsageError(`unknown option --${name}`);
    if (switches.includes(name)) {
      flags.set(name, 'true');
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return { positional, flags };
}

const fail = (message: string, code = EXIT_BAD_INPUT): number => {
  process.stderr.write(`${message}\n`);
  return code;
};

/** Read the input file, or say plainly why not (a usage error: the path is wrong). */
function readInput(file: string): Buffer {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new UsageError(`${file}: no such file`);
  }
  if (st.isDirectory()) throw new UsageError(`${file}: is a folder, not a file`);
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UsageError(`${file}: cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Domain errors that name a wrong option value rather than a wrong file. */
const USAGE_CODES = new Set(['msel.no-sheet', 'msel.bad-header-row', 'msel.bad-channel-map']);

/** Run a command body; errors become one line on stderr and an exit code, never a stack trace. */
async function guarded(
  usage: string,
  file: () => string | undefined,
  body: () => Promise<number> | number,
): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) return fail(`${e.message}\n${usage}`, EXIT_USAGE);
    // a --sheet or --header-row the file does not have: the command line is wrong, not the file
    const usageCode = e instanceof DomainError && USAGE_CODES.has(e.code);
    const f = file();
    const prefix = f ? `${basename(f)}: ` : '';
    if (e instanceof DomainError)
      return fail(
        `${prefix}${e.message.startsWith(`"${basename(f ?? '')}"`) ? e.message.slice(basename(f ?? '').length + 3) : e.message}`,
        usageCode ? EXIT_USAGE : EXIT_BAD_INPUT,
      );
    return fail(`${prefix}${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

function writePack(pack: ScenarioPack, out: string | undefined): number {
  const yaml = packToYaml(pack);
  const translations = translationFiles(pack);
  const loaded = loadPackFiles([{ path: 'pack.yaml', content: yaml }, ...translations], pack.id);
  if (!loaded.ok) {
    for (const e of loaded.errors) process.stderr.write(`error ${formatPackError(e)}\n`);
    return fail(`the imported pack does not validate (${loaded.errors.length} error(s)); nothing was written`);
  }
  const folder = resolve(out ?? pack.id);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'pack.yaml'), yaml);
  for (const f of translations) {
    mkdirSync(dirname(join(folder, f.path)), { recursive: true });
    writeFileSync(join(folder, f.path), f.content);
  }
  process.stdout.write(
    `wrote ${join(folder, 'pack.yaml')}: ${pack.teams.length} teams, ${pack.injects.length} injects${translations.length ? `, translations: ${translations.map((f) => f.path).join(', ')}` : ''}\n`,
  );
  return 0;
}

/** `--start 2026-03-01T09:00` (wall time, read as written). */
function parseStart(start: string | undefined): number | undefined {
  if (start === undefined) return undefined;
  const m = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$/.exec(start.trim());
  const ms = m ? Date.parse(`${start.trim().replace(' ', 'T')}${start.trim().length === 10 ? 'T00:00' : ''}Z`) : NaN;
  if (Number.isNaN(ms)) throw new UsageError(`--start: "${start}" is not a date and time like 2026-03-01T09:00`);
  return ms;
}

/**
 * `--map "Script=message,Delivery Time=time,C=to"`: a column (its header, or its letter) per field;
 * `Header=ignore` drops a column. Applied over the detected mapping.
 */
export function applyMapOption(text: string, detected: MselDryRun): ColumnMapping {
  const mapping: ColumnMapping = { ...detected.mapping };
  for (const part of text.split(/,(?=[^,]*=)/)) {
    const at = part.lastIndexOf('=');
    if (at <= 0) throw new UsageError(`--map: "${part.trim()}" is not "column=field"`);
    const key = part.slice(0, at).trim();
    const field = part.slice(at + 1).trim();
    const col =
      detected.columns.find((c) => c.header && normaliseHeader(c.header) === normaliseHeader(key))?.index ??
      (/^[A-Z]{1,2}$/.test(key)
        ? (detected.columns.find((c) => c.letter === key)?.index ??
          key.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1)
        : undefined);
    if (col === undefined)
      throw new UsageError(
        `--map: the sheet has no column "${key}" (its headers: ${
          detected.columns
            .filter((c) => c.header)
            .map((c) => `"${c.header}"`)
            .join(', ') || 'none; use column letters'
        })`,
      );
    for (const f of Object.keys(mapping) as MselField[]) if (mapping[f] === col) delete mapping[f];
    if (field === 'ignore' || field === 'none') continue;
    if (!(MSEL_FIELDS as readonly string[]).includes(field))
      throw new UsageError(`--map: "${field}" is not a field (expected one of ${MSEL_FIELDS.join(', ')}, or ignore)`);
    mapping[field as MselField] = col;
  }
  return mapping;
}

const MSEL_USAGE = `usage: ttx msel import <file.xlsx|file.csv> [--start 2026-03-01T09:00] [--sheet name] [--map "Header=field,…"]
         [--channel-map "inject type=channel,…"] [--default-channel email] [--skip-bad-rows | --strict]
         [--max-rows 5000] [--header-row N] [--pack-id id] [--title text] [--out folder]`;

function printPreview(file: string, p: MselDryRun): void {
  const at = `${basename(file)}: sheet "${p.sheet}"`;
  for (const n of p.notes) process.stdout.write(`${at}: note: ${n.message}\n`);
  for (const r of p.rows) {
    for (const e of r.errors) process.stderr.write(`${at}: row ${r.row}: skipped: ${e.message}\n`);
    for (const w of r.warnings) process.stdout.write(`${at}: row ${r.row}: warning: ${w.message}\n`);
  }
  for (const e of p.generalErrors) process.stderr.write(`${at}: ${e.message}\n`);
}

/** ttx msel import <file.xlsx|csv> …: the web import's code path, with its notes printed. */
export async function mselImport(args: string[]): Promise<number> {
  let file: string | undefined;
  return guarded(
    MSEL_USAGE,
    () => file,
    async () => {
      const { positional, flags } = options(
        args,
        [
          'start',
          'sheet',
          'map',
          'channel-map',
          'default-channel',
          'max-rows',
          'header-row',
          'pack-id',
          'title',
          'out',
        ],
        ['strict', 'skip-bad-rows'],
      );
      file = positional[0];
      if (!file || positional.length > 1)
        throw new UsageError(file ? `unexpected argument "${positional[1] ?? ''}"` : 'no file given');
      if (flags.has('strict') && flags.has('skip-bad-rows'))
        throw new UsageError('--strict and --skip-bad-rows contradict each other');
      const defaultChannel = flags.get('default-channel');
      if (defaultChannel !== undefined && !(CHANNELS as readonly string[]).includes(defaultChannel))
        throw new UsageError(`--default-channel: "${defaultChannel}" is not a channel (${CHANNELS.join(', ')})`);
      const maxRows = flags.has('max-rows') ? Number(flags.get('max-rows')) : undefined;
      if (maxRows !== undefined && (!Number.isInteger(maxRows) || maxRows < 1))
        throw new UsageError(`--max-rows: "${flags.get('max-rows') ?? ''}" is not a whole number of rows`);
      const headerSheetRow = flags.has('header-row') ? Number(flags.get('header-row')) : undefined;
      if (headerSheetRow !== undefined && (!Number.isInteger(headerSheetRow) || headerSheetRow < 0))
        throw new UsageError('--header-row: the row number of the header (1 = first row; 0 = the sheet has none)');
      let channelMap: ChannelMap | undefined;
      try {
        channelMap = flags.has('channel-map') ? parseChannelMap(flags.get('channel-map') ?? '') : undefined;
      } catch (e) {
        throw new UsageError(
          `--channel-map: ${e instanceof Error ? e.message.replace(/^channel map: /, '') : String(e)}`,
        );
      }
      const data = readInput(file);
      const req: MselRequest = {
        fileName: basename(file),
        sheet: flags.get('sheet'),
        start: parseStart(flags.get('start')),
        packId: flags.get('pack-id'),
        title: flags.get('title'),
        defaultChannel: defaultChannel as Channel | undefined,
        channelMap,
        maxRows,
        headerRow: headerSheetRow === 0 ? -1 : undefined,
        headerSheetRow: headerSheetRow || undefined,
        strict: flags.has('strict'),
      };
      let preview = await previewMsel(data, req);
      const map = flags.get('map');
      if (map)
        preview = await previewMsel(data, {
          ...req,
          mapping: applyMapOption(map, preview),
          headerRow: preview.headerRow ?? -1,
          headerSheetRow: undefined,
        });
      printPreview(file, preview);
      const refusal = importRefusal(preview, req);
      if (refusal) return fail(refusal.message.replace(/saved$/, 'written'));
      const c = preview.counts;
      process.stdout.write(
        `${basename(file)}: ${c.injects} injects from ${c.rows} rows${c.skipped ? `, ${c.skipped} row(s) skipped (listed above; --strict refuses them)` : ''}${c.merged ? `, ${c.merged} merged` : ''}${c.attached ? `, ${c.attached} attached to the inject above` : ''}${c.checklist ? `, ${c.checklist} in the pre-exercise checklist` : ''}\n`,
      );
      const loaded = loadPackFiles([{ path: 'pack.yaml', content: preview.yaml }, ...preview.translationFiles], 'msel');
      if (!loaded.ok) return fail('the MSEL does not make a valid pack');
      return writePack(loaded.source.pack, flags.get('out'));
    },
  );
}

/** ttx msel export <pack-folder> <out.xlsx|out.csv> */
export async function mselExport(args: string[]): Promise<number> {
  const [folder, out] = args;
  if (!folder || !out || !['.xlsx', '.csv'].includes(extname(out)))
    return fail('usage: ttx msel export <pack-folder> <out.xlsx|out.csv>', EXIT_USAGE);
  const r = loadPackFolder(resolve(folder));
  if (!r.ok) {
    for (const e of r.errors) process.stderr.write(`error ${formatPackError(e)}\n`);
    return fail('the pack has errors; nothing was written');
  }
  writeFileSync(out, extname(out) === '.csv' ? mselCsv(r.source.pack) : await mselXlsx(r.source.pack));
  process.stdout.write(`wrote ${out}: ${r.source.pack.injects.length} injects\n`);
  return 0;
}

const PACK_YAML_USAGE = `usage: ttx export <pack-folder> [out.yaml]   |   ttx import <pack.yaml> [--out folder]`;

/**
 * ttx export <pack-folder> [out.yaml]: the pack as one YAML file, the web editor's text and its
 * "Download YAML": \`pack.yaml\` with the translations under \`translations:\` (stdout without out.yaml).
 */
export function exportPackYaml(args: string[]): Promise<number> {
  let folder: string | undefined;
  return guarded(
    PACK_YAML_USAGE,
    () => folder,
    () => {
      const { positional } = options(args, []);
      const [source, out, extra] = positional;
      folder = source;
      if (!source) throw new UsageError('no pack folder given');
      if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
      if (out !== undefined && !/\.ya?ml$/.test(out)) throw new UsageError(`${out}: the output is a .yaml file`);
      const r = loadPackFolder(resolve(source));
      if (!r.ok) {
        for (const e of r.errors) process.stderr.write(`error ${formatPackError(e)}\n`);
        return fail('the pack has errors; nothing was written');
      }
      const yaml = packToEditorYaml(r.source.pack);
      if (out === undefined) {
        process.stdout.write(yaml);
        return 0;
      }
      writeFileSync(out, yaml);
      const languages = Object.keys(r.source.pack.translations ?? {});
      process.stdout.write(
        `wrote ${out}: ${r.source.pack.injects.length} injects${languages.length ? `, translations: ${languages.join(', ')}` : ''}\n`,
      );
      return 0;
    },
  );
}

/** The pack files of a single-file pack (\`translations:\` split into translations/<language>/ files). */
export function singleFilePack(file: string): ReturnType<typeof loadPackFiles> {
  return loadPackFiles(editorFiles(readInput(file).toString('utf8')), basename(file).replace(/\.ya?ml$/, ''));
}

/** ttx import <pack.yaml> [--out folder]: a single-file pack (as exported) back into a pack folder. */
export function importPackYaml(args: string[]): Promise<number> {
  let file: string | undefined;
  return guarded(
    PACK_YAML_USAGE,
    () => file,
    () => {
      const { positional, flags } = options(args, ['out']);
      file = positional[0];
      if (!file) throw new UsageError('no file given');
      if (positional.length > 1) throw new UsageError(`unexpected argument "${positional[1] ?? ''}"`);
      const loaded = singleFilePack(file);
      if (!loaded.ok) {
        for (const e of loaded.errors) process.stderr.write(`error ${formatPackError(e)}\n`);
        return fail(`the pack has ${loaded.errors.length} error(s); nothing was written`);
      }
      return writePack(loaded.source.pack, flags.get('out'));
    },
  );
}

const OPENAEV_USAGE = 'usage: ttx import-openaev <export.zip|scenario.json> [--pack-id id] [--out folder]';

/** ttx import-openaev <export.zip|scenario.json> [--pack-id id] [--out folder] */
export async function importOpenAev(args: string[]): Promise<number> {
  let file: string | undefined;
  return guarded(
    OPENAEV_USAGE,
    () => file,
    async () => {
      const { positional, flags } = options(args, ['pack-id', 'out']);
      file = positional[0];
      if (!file) throw new UsageError('no file given');
      const { json, format } = await readOpenAevExport(readInput(file));
      const parsed = openAevToPack(json, format, { packId: flags.get('pack-id') });
      for (const s of parsed.report.skipped)
        process.stdout.write(`${basename(file)}: skipped "${s.title}" (${s.kind}): ${s.reason.message}\n`);
      for (const w of parsed.report.warnings) process.stdout.write(`${basename(file)}: warning: ${w.message}\n`);
      const refusal = openAevRefusal(parsed.pack, parsed.report);
      if (refusal) return fail(`${basename(file)}: ${refusal}`);
      return writePack(parsed.pack, flags.get('out'));
    },
  );
}

/** ttx import-icebergttx <scenario.json> / ttx import-timeline <timeline.json> [--pack-id id] [--out folder] */
export async function importToolJson(format: ToolFormat, args: string[]): Promise<number> {
  const command = format === 'icebergttx' ? 'import-icebergttx' : 'import-timeline';
  let file: string | undefined;
  return guarded(
    `usage: ttx ${command} <${format === 'icebergttx' ? 'scenario' : 'timeline'}.json> [--pack-id id] [--out folder]`,
    () => file,
    () => {
      const { positional, flags } = options(args, ['pack-id', 'out']);
      file = positional[0];
      if (!file) throw new UsageError('no file given');
      const parsed = toolJsonToPack(readInput(file), {
        fileName: basename(file),
        format,
        packId: flags.get('pack-id'),
      });
      for (const n of parsed.report.notes) process.stdout.write(`${basename(file)}: note: ${n.message}\n`);
      for (const w of parsed.report.warnings) process.stdout.write(`${basename(file)}: warning: ${w.message}\n`);
      for (const s of parsed.report.skipped)
        process.stdout.write(`${basename(file)}: skipped "${s.title}": ${s.reason.message}\n`);
      const refusal = toolRefusal(parsed);
      if (refusal) return fail(`${basename(file)}: ${refusal.replace(/saved$/, 'written')}`);
      return writePack(parsed.pack, flags.get('out'));
    },
  );
}

/** ttx dry-run <pack-id> [--url http://127.0.0.1:3000] [--speed 600]: on a running platform (TTX_USER, TTX_PASSWORD). */
export async function dryRun(args: string[]): Promise<number> {
  const { positional, flags } = options(args);
  const packId = positional[0];
  if (!packId)
    return fail(
      'usage: TTX_USER=instructor TTX_PASSWORD=… ttx dry-run <pack-id> [--url http://127.0.0.1:3000] [--speed 600]',
    );
  const url = (flags.get('url') ?? process.env.TTX_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  const speed = Number(flags.get('speed') ?? 600);
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok)
      throw new Error(`${method} ${path}: ${res.status} ${typeof json.message === 'string' ? json.message : ''}`);
    return json;
  };
  try {
    const login = await call('POST', '/auth/login', {
      username: process.env.TTX_USER ?? 'instructor',
      password: process.env.TTX_PASSWORD ?? '',
    });
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
