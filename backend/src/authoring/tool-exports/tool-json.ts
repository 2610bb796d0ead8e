import { badInput } from '../../common/domain-error.js';
import type { Inject, ScenarioPack } from '../../scenarios/pack/pack-schema.js';
import type { ImportNote } from '../import-note.js';

/** What an import from another tool's JSON became: the pack, and every assumption and loss, named. */
export interface ToolImportReport {
  format: 'icebergttx' | 'ttx-community';
  name: string;
  notes: ImportNote[];
  warnings: ImportNote[];
  skipped: { id: string; title: string; reason: ImportNote }[];
}

export interface ToolImport {
  pack: ScenarioPack;
  report: ToolImportReport;
}

export type Json = Record<string, unknown>;
export const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
export const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : undefined;

export function parseJsonObject(data: Buffer, fileName: string): Json {
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw badInput(
      'import.bad-json',
      `"${fileName}" is not valid JSON (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw badInput('import.bad-json', `"${fileName}" is JSON but not an object: expected an exported scenario`);
  return json as Json;
}

export const blankInject = (): Pick<
  Inject,
  'artifacts' | 'tags' | 'objectives' | 'responseOptions' | 'expectedActions' | 'meta'
> => ({
  artifacts: [],
  tags: { groups: [], attack: [], disarm: [], assumed: [] },
  objectives: [],
  responseOptions: [],
  expectedActions: [],
  meta: {},
});

/** Why the pack must not be saved, or null: a pack without injects gives players nothing. */
export function toolRefusal(t: ToolImport): string | null {
  if (t.pack.injects.length > 0) return null;
  return `"${t.report.name}" makes no inject${
    t.report.skipped.length
      ? ` (${t.report.skipped.length} skipped: ${t.report.skipped
          .map((s) => `${s.title}: ${s.reason.message}`)
          .slice(0, 3)
          .join('; ')})`
      : ''
  }; nothing was saved`;
}
