import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isMap, isScalar, parseDocument, stringify } from 'yaml';
import { badInput } from '../../common/domain-error.js';
import { loadPackFolder, type LoadResult } from '../../scenarios/pack/pack-loader.js';
import type { StoredImageRef } from '../../scenarios/pack/pack-images.js';
import type { ScenarioPack } from '../../scenarios/pack/pack-schema.js';

export interface PackFileInput {
  /** path inside the pack folder: `pack.yaml`, `injects/<name>.yaml` or an image path */
  path: string;
  content: string | Buffer;
}

export const MAX_PACK_FILES = 500;
const YAML_PATH = /^(pack\.yaml|injects\/[\w.-]+\.ya?ml|translations\/[a-z]{2}(-[A-Z]{2})?\/[\w.-]+\.ya?ml)$/;
// SVG files are left out: they can carry script, and pack images are PNG, JPEG, GIF or WebP
const ASSET_PATH = /^(?!\/)(?!.*\.\.)[\w./-]+\.(png|jpe?g|gif|webp)$/i;

/**
 * Validate a pack given as files with the very loader that reads `injects/` at start: the files
 * are written to a private temporary folder and `loadPackFolder` reads them, so the editor, the
 * API, the CLI and the boot loader report the same errors at the same file, line and column.
 */
export function loadPackFiles(
  files: readonly PackFileInput[],
  label = 'pack',
  storedImages?: ReadonlyMap<string, StoredImageRef>,
): LoadResult {
  if (files.length === 0) throw badInput('pack.no-files', 'No files were given; a pack needs at least pack.yaml');
  if (files.length > MAX_PACK_FILES)
    throw badInput('pack.too-many-files', `A pack may hold at most ${MAX_PACK_FILES} files`, undefined, {
      limit: MAX_PACK_FILES,
    });
  const seen = new Set<string>();
  for (const f of files) {
    if (!YAML_PATH.test(f.path) && !ASSET_PATH.test(f.path)) {
      throw badInput(
        'pack.bad-path',
        `"${f.path}" is not a pack file: use pack.yaml, injects/<name>.yaml, translations/<language>/<name>.yaml or an image path inside the pack`,
      );
    }
    if (seen.has(f.path)) throw badInput('pack.duplicate-file', `"${f.path}" is given twice`);
    seen.add(f.path);
  }
  const root = mkdtempSync(join(tmpdir(), 'ttx-pack-'));
  const folder = join(root, safeFolderName(label));
  try {
    for (const f of files) {
      const target = join(folder, f.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.content);
    }
    return loadPackFolder(folder, folder, storedImages ? { storedImages } : {});
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const safeFolderName = (s: string) => s.replace(/[^\w.-]/g, '-').slice(0, 80) || 'pack';

/**
 * Files found in an uploaded pack zip. The pack root is the folder that holds `pack.yaml` (a zip
 * of the folder itself or of its contents both work); other files outside it are ignored.
 */
export function packFilesFromZip(entries: readonly { path: string; data: Buffer }[]): {
  files: PackFileInput[];
  ignored: string[];
} {
  const packYamls = entries.filter(
    (e) => /(^|\/)pack\.yaml$/.test(e.path) && !e.path.split('/').some((p) => p === '__MACOSX'),
  );
  if (packYamls.length === 0) throw badInput('pack.no-pack-yaml', 'The zip has no pack.yaml');
  // the shallowest pack.yaml is the pack root
  const rootYaml = [...packYamls].sort((a, b) => a.path.split('/').length - b.path.split('/').length)[0];
  if (!rootYaml) throw badInput('pack.no-pack-yaml', 'The zip has no pack.yaml');
  const prefix = rootYaml.path.slice(0, -'pack.yaml'.length);
  const files: PackFileInput[] = [];
  const ignored: string[] = [];
  for (const e of entries) {
    const rel = e.path.startsWith(prefix) ? e.path.slice(prefix.length) : null;
    if (rel !== null && (YAML_PATH.test(rel) || ASSET_PATH.test(rel))) files.push({ path: rel, content: e.data });
    else ignored.push(e.path);
  }
  return { files, ignored };
}

/**
 * A pack as one readable `pack.yaml`. Values the schema fills in by default (empty lists, empty
 * tag sets, empty meta) are left out, so the file reads like one a person wrote and loads back
 * to the same pack.
 */
/** The pack's `pack.yaml` (translations are files of their own: see translationFiles). */
export function packToYaml(pack: ScenarioPack): string {
  const { translations: _files, ...source } = pack;
  return stringify(compact(source), { lineWidth: 0, aliasDuplicateObjects: false });
}

/** One `translations/<language>/<language>.yaml` file per language of the pack. */
export function translationFiles(pack: ScenarioPack): PackFileInput[] {
  return Object.entries(pack.translations ?? {}).map(([language, t]) => ({
    path: `translations/${language}/${language}.yaml`,
    content: stringify(compact({ pack: t.pack, injects: t.injects }), { lineWidth: 0, aliasDuplicateObjects: false }),
  }));
}

/**
 * The pack as the editor's one text: `pack.yaml` with its translations under a top-level
 * `translations:` (language → `{ pack, injects }`, the shape of a translation file), so editing and
 * saving the text keeps them. `editorFiles` splits such a text back into the pack's files.
 */
export function packToEditorYaml(pack: ScenarioPack): string {
  const source = packToYaml(pack);
  const languages = Object.entries(pack.translations ?? {});
  if (languages.length === 0) return source;
  const translations = Object.fromEntries(
    languages.map(([language, t]) => [language, compact({ pack: t.pack, injects: t.injects }) ?? {}]),
  );
  return `${source.replace(/\n*$/, '\n')}${stringify({ translations }, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

const LANGUAGE_TAG = /^[a-z]{2}(-[A-Z]{2})?$/;

/**
 * The editor's text as pack files: the top-level `translations:` map (if any) becomes one
 * `translations/<language>/<language>.yaml` per language, and is blanked out of `pack.yaml` line
 * for line, so an error in the rest of the pack still points at the line the author sees.
 */
export function editorFiles(text: string): PackFileInput[] {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return [{ path: 'pack.yaml', content: text }];
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'translations');
  if (!pair || !isScalar(pair.key) || !pair.key.range) return [{ path: 'pack.yaml', content: text }];
  const value = pair.value as { range?: [number, number, number] } | null;
  const from = pair.key.range[0];
  const to = value?.range?.[1] ?? pair.key.range[1];
  // the block's text, blanked with its line breaks kept
  const blank = text.slice(from, to).replace(/[^\n]/g, ' ');
  const files: PackFileInput[] = [{ path: 'pack.yaml', content: text.slice(0, from) + blank + text.slice(to) }];
  const translations: unknown = (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null;
  if (translations === null) return files;
  if (typeof translations !== 'object' || Array.isArray(translations))
    throw badInput('pack.bad-translations', '"translations" must map a language ("ko") to its translation');
  for (const [language, t] of Object.entries(translations as Record<string, unknown>)) {
    if (!LANGUAGE_TAG.test(language))
      throw badInput('pack.bad-translations', `"${language}" under "translations" is not a language tag such as "ko"`);
    files.push({
      path: `translations/${language}/${language}.yaml`,
      content: stringify(t ?? {}, { lineWidth: 0, aliasDuplicateObjects: false }),
    });
  }
  return files;
}

function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const c = compact(v);
      if (Array.isArray(c) && c.length === 0) continue;
      if (c && typeof c === 'object' && !Array.isArray(c) && Object.keys(c).length === 0) continue;
      out[k] = c;
    }
    return out;
  }
  return value;
}
