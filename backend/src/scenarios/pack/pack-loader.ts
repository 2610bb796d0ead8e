import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { ZodError, type z } from 'zod';
import { formatPath, type InjectOrigin, type PackError, type PackErrorParams, ParsedFile } from './pack-file.js';
export { formatPath, type InjectOrigin, type PackError, type PackErrorParams, ParsedFile } from './pack-file.js';
import { checkPackImages, type PackImage, type StoredImageRef } from './pack-images.js';
import { checkPackReferences } from './pack-references.js';
import {
  formatCode,
  InjectFile,
  LANGUAGE_PATTERN,
  PackFile,
  TranslationFile,
  type Inject,
  type ScenarioPack,
} from './pack-schema.js';
import { checkPackTranslations, type TranslationSource } from './pack-translations.js';

export interface PackSource {
  /** folder name under injects/ */
  folder: string;
  pack: ScenarioPack;
  /** sha256 over the pack's files and images, so the database keeps one row per content version */
  contentHash: string;
  /** the images the injects show, checked by content; stored with the pack version */
  images: PackImage[];
}

export interface LoadOptions {
  /** images already stored (uploaded from the editor), by path, for paths the folder does not hold */
  storedImages?: ReadonlyMap<string, StoredImageRef>;
}

export type LoadResult = { ok: true; source: PackSource } | { ok: false; errors: PackError[] };

/** One file of a pack, added to the pack's content hash, parsed and turned into plain data (errors collected). */
function readPackYaml(
  f: { path: string; display: string },
  hash: Hash,
  errors: PackError[],
): { parsed: ParsedFile; data: unknown } | undefined {
  hash.update(f.display).update('\0').update(readFileSync(f.path)).update('\0');
  const parsed = parseYamlFile(f.path, f.display, errors);
  if (!parsed) return undefined;
  try {
    return { parsed, data: toJs(parsed) };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    errors.push(parsed.error([], detail, 'yaml.unreadable', { detail }));
    return undefined;
  }
}

/** The YAML parser's error codes (yaml's `ErrorCode`) that have words of their own in the interface (`packError.yaml.*`). */
const YAML_ERROR_CODES: Partial<Record<string, string>> = {
  DUPLICATE_KEY: 'yaml.duplicateKey',
  TAB_AS_INDENT: 'yaml.tab',
  BAD_INDENT: 'yaml.badIndent',
  MISSING_CHAR: 'yaml.missingChar',
  BLOCK_AS_IMPLICIT_KEY: 'yaml.blockAsKey',
  MULTILINE_IMPLICIT_KEY: 'yaml.multilineKey',
  UNEXPECTED_TOKEN: 'yaml.unexpectedToken',
  BAD_SCALAR_START: 'yaml.badScalarStart',
  BAD_DQ_ESCAPE: 'yaml.badEscape',
  BAD_ALIAS: 'yaml.badAlias',
  MULTIPLE_DOCS: 'yaml.multipleDocs',
  KEY_OVER_1024_CHARS: 'yaml.keyTooLong',
};

function parseYamlFile(absPath: string, displayPath: string, errors: PackError[]): ParsedFile | undefined {
  const size = statSync(absPath).size;
  if (size > 5 * 1024 * 1024) {
    errors.push({
      file: displayPath,
      line: 1,
      column: 1,
      path: '(root)',
      message: `file is ${size} bytes; the limit is 5 MiB`,
      code: 'file.tooLarge',
      params: { size, limit: '5 MiB' },
    });
    return undefined;
  }
  const text = readFileSync(absPath, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lines.linePos(e.pos[0]);
      const detail = e.message.split('\n')[0] ?? e.message;
      errors.push({
        file: displayPath,
        line: pos.line,
        column: pos.col,
        path: '(yaml)',
        message: detail,
        // the parser's sentence is English: the CLI prints it, the interface words the parser's code
        code: YAML_ERROR_CODES[e.code] ?? 'yaml.syntax',
        params: { detail, line: pos.line, column: pos.col },
      });
    }
    return undefined;
  }
  return new ParsedFile(displayPath, doc, lines);
}

const ORIGINS = new Set(['string', 'array', 'number', 'set', 'file']);

/** A schema issue's code and what fills it in (`schema.*`): zod's issue code, refined where it says more. */
function issueCode(issue: z.core.$ZodIssue): { code: string; params: PackErrorParams } {
  const origin = 'origin' in issue && ORIGINS.has(String(issue.origin)) ? String(issue.origin) : 'other';
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined$/.test(issue.message)
        ? { code: 'schema.required', params: { expected: issue.expected } }
        : { code: 'schema.invalidType', params: { expected: issue.expected } };
    case 'too_small':
      return { code: `schema.tooSmall.${origin}`, params: { minimum: Number(issue.minimum) } };
    case 'too_big':
      return { code: `schema.tooBig.${origin}`, params: { maximum: Number(issue.maximum) } };
    case 'invalid_value':
      return { code: 'schema.invalidValue', params: { values: issue.values.map((v) => String(v)).join(', ') } };
    case 'invalid_format': {
      const known = formatCode('pattern' in issue ? issue.pattern : undefined, issue.message);
      return known
        ? { code: `schema.format.${known}`, params: {} }
        : { code: 'schema.invalidFormat', params: { format: issue.format } };
    }
    case 'unrecognized_keys':
      return { code: 'schema.unknownFields', params: { fields: issue.keys.join(', ') } };
    case 'not_multiple_of':
      return { code: 'schema.notMultipleOf', params: { divisor: Number(issue.divisor) } };
    case 'invalid_key':
      return { code: 'schema.invalidKey', params: {} };
    case 'custom': {
      const code: unknown = issue.params?.code;
      return typeof code === 'string'
        ? { code: `schema.custom.${code}`, params: {} }
        : { code: 'schema.invalid', params: {} };
    }
    default:
      return { code: 'schema.invalid', params: {} };
  }
}

function zodErrors(file: ParsedFile, error: z.ZodError): PackError[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown field(s): ${issue.keys.join(', ')}`;
    else if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message))
      message = `required field is missing (${issue.expected} expected)`;
    const { code, params } = issueCode(issue);
    return file.error(path, message, code, params);
  });
}

/** Fields that carry structure, not text: a translation naming one is told why it cannot. */
const STRUCTURAL_FIELDS = new Set([
  'id',
  'offset',
  'to',
  'channel',
  'trigger',
  'respondWithin',
  'deadline',
  'mode',
  'members',
  'phase',
  'tlp',
  'points',
  'penalty',
  'cap',
  'options',
  'teams',
  'tags',
  'objectives',
  'scoring',
  'meta',
  'address',
  'kind',
  'path',
  'rows',
  'content',
  'facilitatorNotes',
  'start',
  'duration',
  'version',
  'language',
]);

/** Schema errors of a translation file; an unknown field is pointed at itself and, if it is structure, told why it cannot be there. */
function translationErrors(file: ParsedFile, error: z.ZodError): PackError[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code !== 'unrecognized_keys')
      return zodErrors(file, new ZodError([issue]))[0] ?? file.error(path, issue.message);
    const at = [...path, issue.keys[0] ?? ''];
    const structural = issue.keys.some((k) => STRUCTURAL_FIELDS.has(k));
    const why = structural
      ? ': a translation may not change ids, recipients, channels, timing or scoring; it holds only text'
      : ' (a translation holds only the text fields of the source)';
    return {
      ...file.error(
        at,
        `unknown field(s): ${issue.keys.join(', ')}${why}`,
        structural ? 'translation.structuralField' : 'translation.unknownField',
        { fields: issue.keys.join(', ') },
      ),
      path: formatPath(at),
    };
  });
}

function toJs(file: ParsedFile): unknown {
  // maxAliasCount guards against "billion laughs" alias bombs
  return file.doc.toJS({ maxAliasCount: 100 });
}

/**
 * Load one pack folder: `pack.yaml` plus optional `injects/*.yaml`. Every problem is reported
 * with its file, line, column and field path; nothing is returned unless the whole pack is valid.
 */
export function loadPackFolder(folder: string, displayRoot = folder, options: LoadOptions = {}): LoadResult {
  const errors: PackError[] = [];
  const display = (p: string) => relative(displayRoot, p) || basename(p);
  const packPath = join(folder, 'pack.yaml');
  if (!existsSync(packPath)) {
    return {
      ok: false,
      errors: [
        {
          file: display(packPath),
          line: 1,
          column: 1,
          path: '(root)',
          message: 'pack.yaml is missing',
          code: 'pack.missing',
          params: {},
        },
      ],
    };
  }
  const hash = createHash('sha256');
  const files: { path: string; display: string }[] = [{ path: packPath, display: display(packPath) }];
  const injectDir = join(folder, 'injects');
  if (existsSync(injectDir)) {
    for (const name of readdirSync(injectDir).sort()) {
      if (/\.ya?ml$/.test(name)) files.push({ path: join(injectDir, name), display: display(join(injectDir, name)) });
    }
  }
  // translations/<language>/*.yaml, read after the source so they can be checked against it
  const translationFiles: { path: string; display: string; language: string }[] = [];
  const translationDir = join(folder, 'translations');
  if (existsSync(translationDir)) {
    for (const language of readdirSync(translationDir).sort()) {
      const dir = join(translationDir, language);
      if (!statSync(dir).isDirectory()) continue;
      if (!LANGUAGE_PATTERN.test(language)) {
        errors.push({
          file: display(dir),
          line: 1,
          column: 1,
          path: '(folder)',
          message: `"${language}" is not a language tag: name translation folders like ko, ja or pt-BR`,
          code: 'translation.folderName',
          params: { language },
        });
        continue;
      }
      for (const name of readdirSync(dir).sort()) {
        if (/\.ya?ml$/.test(name))
          translationFiles.push({ path: join(dir, name), display: display(join(dir, name)), language });
      }
    }
  }

  let packFile: PackFile | undefined;
  let packParsed: ParsedFile | undefined;
  const injects: Inject[] = [];
  const origins: InjectOrigin[] = [];

  for (const [i, f] of files.entries()) {
    const read = readPackYaml(f, hash, errors);
    if (!read) continue;
    const { parsed, data } = read;
    if (i === 0) {
      const result = PackFile.safeParse(data);
      if (!result.success) {
        errors.push(...zodErrors(parsed, result.error));
        continue;
      }
      packFile = result.data;
      packParsed = parsed;
      result.data.injects.forEach((inj, index) => {
        injects.push(inj);
        origins.push({ file: parsed, index });
      });
    } else {
      const result = InjectFile.safeParse(data);
      if (!result.success) {
        errors.push(...zodErrors(parsed, result.error));
        continue;
      }
      result.data.injects.forEach((inj, index) => {
        injects.push(inj);
        origins.push({ file: parsed, index });
      });
    }
  }

  const translations: TranslationSource[] = [];
  for (const f of translationFiles) {
    const read = readPackYaml(f, hash, errors);
    if (!read) continue;
    const { parsed, data } = read;
    const result = TranslationFile.safeParse(data ?? {});
    if (!result.success) {
      errors.push(...translationErrors(parsed, result.error));
      continue;
    }
    translations.push({ language: f.language, file: parsed, content: result.data });
  }

  if (!packFile || !packParsed) return { ok: false, errors };
  const pack: ScenarioPack = { ...packFile, injects };
  errors.push(...checkPackReferences(pack, packParsed, origins));
  if (translationFiles.length > 0) {
    const merged = checkPackTranslations(pack, translations, errors);
    if (Object.keys(merged).length > 0) pack.translations = merged;
  }
  const { errors: imageErrors, images } = checkPackImages(pack, origins, folder, options.storedImages ?? new Map());
  errors.push(...imageErrors);
  if (errors.length > 0) return { ok: false, errors };
  // packs without images keep the hash they always had
  for (const image of images) hash.update(`image:${image.path}`).update('\0').update(image.sha256).update('\0');
  return { ok: true, source: { folder: basename(folder), pack, contentHash: hash.digest('hex'), images } };
}

/** Every pack folder directly under `root` (a folder holding a pack.yaml). */
export function listPackFolders(root: string): string[] {
  if (existsSync(join(root, 'pack.yaml'))) return [root];
  return readdirSync(root)
    .map((name) => join(root, name))
    .filter((p) => statSync(p).isDirectory() && existsSync(join(p, 'pack.yaml')))
    .sort();
}

export function formatPackError(e: PackError): string {
  return `${e.file}:${e.line}:${e.column} ${e.path}: ${e.message}`;
}
