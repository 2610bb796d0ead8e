import { isNode, parseDocument } from 'yaml';

/** The parts of a (possibly invalid) pack the forms and the timeline read; everything optional. */
export interface DraftArtifact {
  kind?: string;
  title?: string;
  path?: string;
  alt?: string;
  format?: string;
  content?: string;
  rows?: { type?: string; value?: string; note?: string }[];
}
export interface DraftDecision {
  id?: string;
  question?: string;
  options?: { id?: string; label?: string }[];
  mode?: string;
  members?: string[];
  deadline?: string;
}
export interface DraftTrigger {
  type?: string;
  inject?: string;
  decision?: string;
  outcome?: string;
  delay?: string;
  at?: string;
  option?: string;
  expectedAction?: string;
}
export interface DraftInject {
  id?: string;
  offset?: string;
  to?: string[] | 'all';
  channel?: string;
  from?: { name?: string; address?: string; organisation?: string };
  subject?: string;
  body?: string;
  tlp?: string;
  artifacts?: DraftArtifact[];
  meta?: Record<string, unknown>;
  respondWithin?: string;
  trigger?: DraftTrigger;
  decision?: DraftDecision;
  responseOptions?: { id?: string; label?: string; distractor?: { why?: string } }[];
  expectedActions?: { id?: string; text?: string; points?: number; options?: string[] }[];
}
export interface DraftPack {
  id?: string;
  title?: string;
  summary?: string;
  version?: string;
  duration?: string;
  classification?: string;
  teams?: { id?: string; name?: string; description?: string }[];
  objectives?: { id?: string; text?: string; coreCapability?: string }[];
  injects?: DraftInject[];
  /** language → its translation, as the editor's text holds it (see the source endpoint) */
  translations?: Record<string, DraftTranslation | null>;
}

/** The text a translation gives one inject (ids come from the source). */
export interface DraftInjectTranslation {
  subject?: string;
  body?: string;
  responseOptions?: Record<string, string>;
  /** distractor option id → why it is wrong */
  distractors?: Record<string, { why?: string } | null>;
  decision?: { question?: string; options?: Record<string, string> };
}
export interface DraftTranslation {
  injects?: Record<string, DraftInjectTranslation | null>;
}

export type Path = (string | number)[];

/** What the field helpers read of a loader error (the API's pack error has line and column too). */
interface FieldError {
  file: string;
  path: string;
  message: string;
}

/** Read the YAML text; a text that does not parse gives null (the YAML view shows why). */
export function readDraft(text: string): DraftPack | null {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) return null;
  try {
    const v: unknown = doc.toJS({ maxAliasCount: 100 });
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * Change one value in the YAML text, keeping every comment and the layout of everything else:
 * the forms write through the document, so the YAML stays what the author wrote.
 */
export function setInText(text: string, path: Path, value: unknown): string {
  const doc = parseDocument(text);
  if (doc.errors.length) return text;
  if (value === undefined || value === '') doc.deleteIn(path);
  else doc.setIn(path, value);
  return doc.toString({ lineWidth: 0 });
}

export function addInText(text: string, path: Path, value: unknown): string {
  const doc = parseDocument(text);
  if (doc.errors.length) return text;
  if (!doc.hasIn(path)) doc.setIn(path, doc.createNode([]));
  doc.addIn(path, doc.createNode(value));
  return doc.toString({ lineWidth: 0 });
}

export function deleteInText(text: string, path: Path): string {
  const doc = parseDocument(text);
  if (doc.errors.length) return text;
  doc.deleteIn(path);
  return doc.toString({ lineWidth: 0 });
}

/** Where a node of the YAML text starts and ends (character offsets), e.g. `['injects', 3]`; null when it is not there. */
export function nodeRange(text: string, path: Path): { from: number; to: number } | null {
  const doc = parseDocument(text, { uniqueKeys: false });
  const node = doc.getIn(path, true);
  return isNode(node) && node.range ? { from: node.range[0], to: node.range[1] } : null;
}

/** `injects[3].to[0]` as the loader writes paths. */
export const pathKey = (path: Path) =>
  path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');

/** Errors that belong to a field: its own path, or (for a list) one of its items. */
export function errorsAt(errors: readonly FieldError[], path: Path, file = 'pack.yaml'): string[] {
  const key = pathKey(path);
  return errors
    .filter((e) => e.file === file && (e.path === key || e.path.startsWith(`${key}[`)))
    .map((e) => e.message);
}

/** Errors of exactly this path (a list or object as a whole), not of its items. */
export function errorsExactlyAt(errors: readonly FieldError[], path: Path, file = 'pack.yaml'): string[] {
  const key = pathKey(path);
  return errors.filter((e) => e.file === file && e.path === key).map((e) => e.message);
}

export const OFFSET = /^T\+(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/;
export const DURATION = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/;
export function toMs(value: string | undefined, pattern: RegExp): number | null {
  const m = value ? pattern.exec(value) : null;
  return m ? ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000 : null;
}
export function formatOffset(ms: number): string {
  const t = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `T+${pad(Math.floor(t / 3600))}:${pad(Math.floor((t % 3600) / 60))}${t % 60 ? `:${pad(t % 60)}` : ''}`;
}

/**
 * Scenario time of each inject: its offset, or for a trigger the time of what releases it plus
 * the delay (decision outcomes at the decision's deadline, contingencies at their `at`), so the
 * timeline can place released injects too.
 */
export function plannedTimes(pack: DraftPack): Map<number, { ms: number; estimated: boolean }> {
  const injects = pack.injects ?? [];
  const byId = new Map(injects.map((i, k) => [i.id, k]));
  const byDecision = new Map(injects.flatMap((i, k) => (i.decision?.id ? [[i.decision.id, k] as const] : [])));
  const out = new Map<number, { ms: number; estimated: boolean }>();
  const visit = (k: number, depth: number): { ms: number; estimated: boolean } | null => {
    const known = out.get(k);
    if (known) return known;
    const i = injects[k];
    if (!i || depth > 50) return null;
    const own = toMs(i.offset, OFFSET);
    if (own !== null) return (out.set(k, { ms: own, estimated: false }), { ms: own, estimated: false });
    const t = i.trigger;
    if (!t) return null;
    if (t.type === 'contingency') {
      const at = toMs(t.at, OFFSET);
      if (at === null) return null;
      out.set(k, { ms: at, estimated: true });
      return { ms: at, estimated: true };
    }
    const parent = t.type === 'decision-outcome' ? byDecision.get(t.decision ?? '') : byId.get(t.inject);
    const base = parent === undefined ? null : visit(parent, depth + 1);
    if (!base) return null;
    // a decision's outcome is known at its deadline at the latest: place what it releases there
    const wait = t.type === 'decision-outcome' ? (toMs(injects[parent ?? -1]?.decision?.deadline, DURATION) ?? 0) : 0;
    const r = { ms: base.ms + wait + (toMs(t.delay ?? '00:00', DURATION) ?? 0), estimated: true };
    out.set(k, r);
    return r;
  };
  injects.forEach((_, k) => visit(k, 0));
  return out;
}
