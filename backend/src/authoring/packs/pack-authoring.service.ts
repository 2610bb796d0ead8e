import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { badInput } from '../../common/domain-error.js';
import { PackImages, type StoredImage } from '../../scenarios/images/pack-images.service.js';
import type { StoredImageRef } from '../../scenarios/pack/pack-images.js';
import { formatPackError, type LoadResult, type PackSource } from '../../scenarios/pack/pack-loader.js';
import type { ScenarioPack } from '../../scenarios/pack/pack-schema.js';
import { ScenariosService } from '../../scenarios/scenarios.service.js';
import type { PackInput, ValidationReport } from './pack-check.js';
import { packToEditorYaml, packToYaml, translationFiles, type PackFileInput } from './pack-files.js';
import { ImagesFailedError, PackReaderPool } from './pack-reader.js';
import { writeZip } from './safe-zip.js';

export type { PackInput, ValidationReport } from './pack-check.js';

/** Where a saved pack came from; stored in the pack row's `source` column. */
export type AuthoringSource = 'editor' | 'upload' | 'msel' | 'openaev';

/** Images uploaded from the editor, by their path in the pack: path → sha256. */
export type ImageRefs = Readonly<Record<string, string>>;

export interface SavedPack {
  id: string;
  packId: string;
  version: string;
  contentHash: string;
  /** false when exactly this content was already stored (saving it again changes nothing) */
  created: boolean;
}

/** Who asked, for the pack reader's per-user fairness and limits, and whether they still wait for the answer. */
export interface PackRequest {
  owner?: string;
  signal?: AbortSignal;
}

let anonymous = 0;

/**
 * Validate, save, export and import packs as the editor and the CLI see them: files (and uploaded images).
 * Reading a pack (YAML, schema, references, images, a zip's inflation) runs in the pack reader
 * processes (pack-reader.ts): a large pack never holds the event loop that broadcasts injects.
 */
@Injectable()
export class PackAuthoringService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly reader = new PackReaderPool();

  constructor(
    private readonly scenarios: ScenariosService,
    private readonly images: PackImages,
  ) {}

  onApplicationBootstrap(): void {
    this.reader.warm();
  }

  onModuleDestroy(): void {
    this.reader.close();
  }

  async validate(input: PackInput, images: ImageRefs = {}, req: PackRequest = {}): Promise<ValidationReport> {
    return (await this.read('validate', input, 'pack', images, req)) as ValidationReport;
  }

  /**
   * Save as a new version; exercises already created keep the snapshot they were made from, images
   * included. What is stored is the pack the reader validated: a pack with errors stores nothing.
   */
  async save(
    input: PackInput | readonly PackFileInput[],
    source: AuthoringSource,
    images: ImageRefs = {},
    req: PackRequest = {},
  ): Promise<SavedPack> {
    const r = (await this.read(
      'load',
      'length' in input ? { files: [...input] } : input,
      source,
      images,
      req,
    )) as LoadResult;
    return this.store(accepted(r), source);
  }

  /** Save a pack built by an importer, after the same validation as any other pack. */
  async saveGenerated(pack: ScenarioPack, source: AuthoringSource): Promise<SavedPack> {
    return this.save([{ path: 'pack.yaml', content: packToYaml(pack) }], source);
  }

  /** A pack zip: its YAML and its images, which are checked by content and stored with the version. */
  async importZip(zip: Buffer, req: PackRequest = {}): Promise<SavedPack & { ignored: string[] }> {
    const { result, ignored } = (await this.reader.run({ kind: 'zip', zip, label: 'upload' }, owned(req))) as {
      result: LoadResult;
      ignored: string[];
    };
    return { ...(await this.store(accepted(result), 'upload')), ignored };
  }

  /**
   * The pack read in a reader process. The uploaded images it names are looked up here first; an
   * unknown one is reported after the editor text's own errors, in the order a save has always checked.
   */
  private async read(
    kind: 'validate' | 'load',
    input: PackInput,
    label: string,
    images: ImageRefs,
    req: PackRequest,
  ): Promise<unknown> {
    let stored = new Map<string, StoredImageRef>();
    let imagesError: unknown;
    try {
      stored = await this.storedImages(images);
    } catch (e) {
      imagesError = e;
    }
    try {
      return await this.reader.run(
        { kind, input, label, storedImages: [...stored], imagesFailed: imagesError !== undefined },
        owned(req),
      );
    } catch (e) {
      throw e instanceof ImagesFailedError ? imagesError : e;
    }
  }

  /** The editor's text of a pack: `pack.yaml` with its translations under `translations:` (see packToEditorYaml). */
  async editorSource(idOrPackId: string): Promise<{ yaml: string }> {
    const row = await this.scenarios.get(idOrPackId);
    return { yaml: packToEditorYaml(row.document) };
  }

  /** The pack as one YAML file, its translations under `translations:` (the editor's text; it validates and imports back). */
  async exportYaml(idOrPackId: string): Promise<{ fileName: string; yaml: string }> {
    const row = await this.scenarios.get(idOrPackId);
    return { fileName: `${row.packId}-${row.version}.yaml`, yaml: packToEditorYaml(row.document) };
  }

  /** A zip of the pack folder: `pack.yaml` plus the images its injects show, as stored with this version. */
  async exportZip(idOrPackId: string): Promise<{ fileName: string; zip: Buffer; missingImages: string[] }> {
    const row = await this.scenarios.get(idOrPackId);
    const entries: { path: string; data: Buffer | string }[] = [
      { path: `${row.packId}/pack.yaml`, data: packToYaml(row.document) },
      ...translationFiles(row.document).map((f) => ({ path: `${row.packId}/${f.path}`, data: f.content })),
    ];
    const stored = new Set((await this.images.list(row.id)).map((i) => i.path));
    const paths = new Set(
      row.document.injects.flatMap((inj) => inj.artifacts.flatMap((a) => (a.kind === 'image' ? [a.path] : []))),
    );
    const missingImages: string[] = [];
    for (const path of [...paths].sort()) {
      if (stored.has(path))
        entries.push({ path: `${row.packId}/${path}`, data: (await this.images.forPack(row.id, path)).data });
      // versions stored before images were kept with the pack have none to export
      else missingImages.push(path);
    }
    return { fileName: `${row.packId}-${row.version}.zip`, zip: await writeZip(entries), missingImages };
  }

  /** The images a stored version holds, so the editor can carry them into the next version. */
  async listImages(idOrPackId: string): Promise<StoredImage[]> {
    return this.images.list((await this.scenarios.get(idOrPackId)).id);
  }

  uploadImage(fileName: string, data: Buffer): Promise<StoredImageRef> {
    return this.images.upload(fileName, data);
  }

  imageBytes(sha256: string): Promise<{ contentType: string; data: Buffer }> {
    return this.images.bytes(sha256);
  }

  private async storedImages(images: ImageRefs): Promise<Map<string, StoredImageRef>> {
    const entries = Object.entries(images);
    const refs = await this.images.refs(entries.map(([, sha]) => sha));
    const out = new Map<string, StoredImageRef>();
    for (const [path, sha] of entries) {
      const ref = refs.get(sha);
      if (!ref)
        throw badInput(
          'image.unknown',
          `image "${path}" was not uploaded (no stored image ${sha.slice(0, 12)}…); upload it again`,
        );
      out.set(path, ref);
    }
    return out;
  }

  /**
   * Store a pack the loader already accepted, in the process that read it (the MSEL reader process
   * runs `loadPackFiles` itself): the same checks as `save`, not run twice.
   */
  storeValidated(source: PackSource, from: AuthoringSource): Promise<SavedPack> {
    return this.store(source, from);
  }

  private async store(source: PackSource, from: AuthoringSource): Promise<SavedPack> {
    const startedAt = Date.now();
    const row = await this.scenarios.upsert({ ...source, folder: from });
    return {
      id: row.id,
      packId: row.packId,
      version: row.version,
      contentHash: row.contentHash,
      created: row.createdAt >= startedAt,
    };
  }
}

const owned = (req: PackRequest) => ({ owner: req.owner ?? `anonymous-${++anonymous}`, signal: req.signal });

/** The pack a load accepted, or the error a save has always given for one with errors (nothing saved). */
function accepted(r: LoadResult): PackSource {
  if (r.ok) return r.source;
  const first = r.errors[0];
  throw badInput(
    'pack.invalid',
    `The pack has ${r.errors.length} error(s); nothing was saved${first ? `. First: ${formatPackError(first)}` : ''}`,
    { errors: r.errors },
  );
}
