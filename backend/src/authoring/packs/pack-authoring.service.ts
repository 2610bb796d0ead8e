import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { badInput } from '../../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { PackError, PackSource } from '../../scenarios/pack/pack-loader.js';
import type { ScenarioPack } from '../../scenarios/pack/pack-schema.js';
import { ScenariosService } from '../../scenarios/scenarios.service.js';
import { loadPackFiles, packFilesFromZip, packToYaml, type PackFileInput } from './pack-files.js';
import { readZip, writeZip } from './safe-zip.js';

/** Where a saved pack came from; stored in the pack row's `source` column. */
export type AuthoringSource = 'editor' | 'upload' | 'msel' | 'openaev';

export interface ValidationReport {
  ok: boolean;
  errors: PackError[];
  /** counts of the valid pack, for the editor's status line */
  summary?: { id: string; version: string; teams: number; objectives: number; injects: number };
}

export interface SavedPack {
  id: string;
  packId: string;
  version: string;
  contentHash: string;
  /** false when exactly this content was already stored (saving it again changes nothing) */
  created: boolean;
}

/** Validate, save, export and import packs as the editor and the CLI see them: files. */
@Injectable()
export class PackAuthoringService {
  constructor(
    private readonly scenarios: ScenariosService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  validate(files: readonly PackFileInput[]): ValidationReport {
    const r = loadPackFiles(files);
    if (!r.ok) return { ok: false, errors: r.errors };
    const p = r.source.pack;
    return { ok: true, errors: [], summary: { id: p.id, version: p.version, teams: p.teams.length, objectives: p.objectives.length, injects: p.injects.length } };
  }

  /** Save as a new version; exercises already created keep the snapshot they were made from. */
  async save(files: readonly PackFileInput[], source: AuthoringSource): Promise<SavedPack> {
    const r = loadPackFiles(files, source);
    if (!r.ok) throw badInput('pack.invalid', `The pack has ${r.errors.length} error(s); nothing was saved`, { errors: r.errors });
    return this.store(r.source, source);
  }

  /** Save a pack built by an importer, after the same validation as any other pack. */
  async saveGenerated(pack: ScenarioPack, source: AuthoringSource): Promise<SavedPack> {
    return this.save([{ path: 'pack.yaml', content: packToYaml(pack) }], source);
  }

  async importZip(zip: Buffer): Promise<SavedPack & { ignored: string[] }> {
    const { files, ignored } = packFilesFromZip(await readZip(zip));
    return { ...(await this.save(files, 'upload')), ignored };
  }

  async exportYaml(idOrPackId: string): Promise<{ fileName: string; yaml: string }> {
    const row = await this.scenarios.get(idOrPackId);
    return { fileName: `${row.packId}-${row.version}.yaml`, yaml: packToYaml(row.document) };
  }

  /** A zip of the pack folder: `pack.yaml` plus the images its injects show, when the pack came from `injects/`. */
  async exportZip(idOrPackId: string): Promise<{ fileName: string; zip: Buffer; missingImages: string[] }> {
    const row = await this.scenarios.get(idOrPackId);
    const entries: { path: string; data: Buffer | string }[] = [{ path: `${row.packId}/pack.yaml`, data: packToYaml(row.document) }];
    const missingImages: string[] = [];
    const folder = resolve(this.config.injectsDir, row.source);
    const insideInjects = folder.startsWith(resolve(this.config.injectsDir) + sep);
    for (const inj of row.document.injects) {
      for (const a of inj.artifacts) {
        if (a.kind !== 'image') continue;
        const file = join(folder, a.path);
        if (insideInjects && existsSync(file)) entries.push({ path: `${row.packId}/${a.path}`, data: readFileSync(file) });
        else missingImages.push(a.path);
      }
    }
    return { fileName: `${row.packId}-${row.version}.zip`, zip: await writeZip(entries), missingImages };
  }

  private async store(source: PackSource, from: AuthoringSource): Promise<SavedPack> {
    const startedAt = Date.now();
    const row = await this.scenarios.upsert({ ...source, folder: from });
    return { id: row.id, packId: row.packId, version: row.version, contentHash: row.contentHash, created: row.createdAt >= startedAt };
  }
}
