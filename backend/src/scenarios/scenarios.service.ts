import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { notFound } from '../common/domain-error.js';
import { Transactions } from '../database/transactions.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { formatPackError, listPackFolders, loadPackFolder, type PackSource } from './pack/pack-loader.js';
import { PackImages } from './images/pack-images.service.js';
import { ScenarioPackEntity } from './scenario-pack.entity.js';

export interface PackSummary {
  id: string;
  packId: string;
  version: string;
  title: string;
  summary: string;
  duration: string;
  teams: number;
  injects: number;
  contentHash: string;
  loadedAt: number;
}

const summarise = (p: ScenarioPackEntity): PackSummary => ({
  id: p.id,
  packId: p.packId,
  version: p.version,
  title: p.title,
  summary: p.document.summary,
  duration: p.document.duration,
  teams: p.document.teams.length,
  injects: p.document.injects.length,
  contentHash: p.contentHash,
  loadedAt: p.createdAt,
});

@Injectable()
export class ScenariosService implements OnApplicationBootstrap {
  private readonly logger = new Logger('scenarios');

  constructor(
    @InjectRepository(ScenarioPackEntity) private readonly packs: Repository<ScenarioPackEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: Transactions,
    private readonly images: PackImages,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.loadFolder(this.config.injectsDir);
  }

  /** Load every valid pack under `root`; invalid packs are reported and left out, never half-loaded. */
  async loadFolder(root: string): Promise<{ loaded: string[]; failed: string[] }> {
    const loaded: string[] = [];
    const failed: string[] = [];
    let folders: string[];
    try {
      folders = listPackFolders(root);
    } catch (e) {
      this.logger.warn(`no scenario packs loaded: cannot read ${root} (${e instanceof Error ? e.message : String(e)})`);
      return { loaded, failed };
    }
    for (const folder of folders) {
      const result = loadPackFolder(folder, root);
      if (!result.ok) {
        failed.push(folder);
        this.logger.warn(
          { folder, errors: result.errors.map(formatPackError) },
          `scenario pack ${folder} has errors and was not loaded`,
        );
        continue;
      }
      await this.upsert(result.source);
      loaded.push(result.source.pack.id);
    }
    this.logger.log(`scenario packs loaded: ${loaded.join(', ') || 'none'}`);
    return { loaded, failed };
  }

  /** One row per content version; loading the same content again is a no-op. */
  async upsert(source: PackSource): Promise<ScenarioPackEntity> {
    const existing = await this.packs.findOneBy({ packId: source.pack.id, contentHash: source.contentHash });
    if (existing) return existing;
    const row = this.packs.create({
      id: randomUUID(),
      packId: source.pack.id,
      version: source.pack.version,
      title: source.pack.title,
      contentHash: source.contentHash,
      source: source.folder,
      document: source.pack,
      createdAt: Date.now(),
    });
    await this.tx.run(async (m) => {
      await m.createQueryBuilder().insert().into(ScenarioPackEntity).values(row).orIgnore().execute();
      // when a concurrent load of the same content won the insert, its row already has the images
      if (source.images.length > 0 && (await m.existsBy(ScenarioPackEntity, { id: row.id })))
        await this.images.attach(m, row.id, source.images);
    });
    return (await this.packs.findOneBy({ packId: source.pack.id, contentHash: source.contentHash })) ?? row;
  }

  /** The newest version of each pack. */
  async listLatest(): Promise<PackSummary[]> {
    const rows = await this.packs.find({ order: { createdAt: 'DESC' } });
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(r.packId) && seen.add(r.packId)).map(summarise);
  }

  /** By pack id (newest version) or by the id of one stored version. */
  async get(idOrPackId: string): Promise<ScenarioPackEntity> {
    const byVersion = await this.packs.findOneBy({ id: idOrPackId });
    if (byVersion) return byVersion;
    const latest = await this.packs.findOne({ where: { packId: idOrPackId }, order: { createdAt: 'DESC' } });
    if (!latest) throw notFound('scenario pack', idOrPackId);
    return latest;
  }
}
