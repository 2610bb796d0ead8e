import { DomainError, type DomainErrorKind, type ErrorParams } from '../../common/domain-error.js';
import type { LoadResult, PackError } from '../../scenarios/pack/pack-loader.js';
import type { StoredImageRef } from '../../scenarios/pack/pack-images.js';
import { editorFiles, loadPackFiles, packFilesFromZip, type PackFileInput } from './pack-files.js';
import { readZip } from './safe-zip.js';

export interface ValidationReport {
  ok: boolean;
  errors: PackError[];
  /** counts of the valid pack, for the editor's status line */
  summary?: { id: string; version: string; teams: number; objectives: number; injects: number };
}

/** A pack as the editor or the API gives it: the editor's one text, or files. */
export interface PackInput {
  yaml?: string;
  files?: PackFileInput[];
}

/**
 * One piece of pack work that reads and validates a whole pack (YAML parse, schema, references,
 * images): run by the pack reader process (pack-reader.ts), so a large pack never holds the
 * server's event loop. `imagesFailed`: the server could not find an uploaded image the request
 * names; its error is the server's to give, after the editor text's own errors (today's order).
 */
export type PackJob =
  | {
      kind: 'validate' | 'load';
      input: PackInput;
      label: string;
      storedImages: [string, StoredImageRef][];
      imagesFailed?: boolean;
    }
  | { kind: 'zip'; zip: Buffer; label: string };

export type PackJobValue = ValidationReport | LoadResult | { result: LoadResult; ignored: string[] };

/** A thrown error as it crosses the process boundary: a DomainError whole, anything else by its message. */
export type PackJobError =
  | { domain: true; kind: DomainErrorKind; code: string; message: string; details?: unknown; params?: ErrorParams }
  | { domain: false; message: string }
  | { imagesFailed: true };

export type PackJobAnswer = { ok: true; value: PackJobValue } | { ok: false; error: PackJobError };

class ImagesFailed extends Error {}

export async function runPackJob(job: PackJob): Promise<PackJobAnswer> {
  try {
    return { ok: true, value: await run(job) };
  } catch (e) {
    if (e instanceof ImagesFailed) return { ok: false, error: { imagesFailed: true } };
    if (e instanceof DomainError)
      return {
        ok: false,
        error: { domain: true, kind: e.kind, code: e.code, message: e.message, details: e.details, params: e.params },
      };
    return { ok: false, error: { domain: false, message: e instanceof Error ? e.message : String(e) } };
  }
}

/** The error a job's answer carries, rebuilt as the error the same work throws in the server process. */
export function jobError(e: Exclude<PackJobError, { imagesFailed: true }>): Error {
  return e.domain ? new DomainError(e.kind, e.code, e.message, e.details, e.params) : new Error(e.message);
}

async function run(job: PackJob): Promise<PackJobValue> {
  if (job.kind === 'zip') {
    const { files, ignored } = packFilesFromZip(await readZip(job.zip));
    return { result: loadPackFiles(files, job.label, new Map()), ignored };
  }
  const files = job.input.files ?? editorFiles(job.input.yaml ?? '');
  if (job.imagesFailed) throw new ImagesFailed();
  const r = loadPackFiles(files, job.label, new Map(job.storedImages));
  if (job.kind === 'load') return r;
  if (!r.ok) return { ok: false, errors: r.errors };
  const p = r.source.pack;
  return {
    ok: true,
    errors: [],
    summary: {
      id: p.id,
      version: p.version,
      teams: p.teams.length,
      objectives: p.objectives.length,
      injects: p.injects.length,
    },
  };
}
