import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { badInput, notFound } from '../../common/domain-error.js';
import { Transactions } from '../../database/transactions.js';
import { imageProblem, type PackImage, sha256Of, sniffImageType, type StoredImageRef } from '../pack/pack-images.js';
import { PackBlobEntity, PackImageEntity } from './pack-image.entities.js';

export interface StoredImage extends StoredImageRef {
  path: string;
}

/** The images of pack versions: bytes kept once by content, linked to each version that shows them. */
@Injectable()
export class PackImages {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
  ) {}

  /** Store an uploaded image (checked by content, not by name) until a pack version uses it. */
  async upload(fileName: string, data: Buffer): Promise<StoredImageRef> {
    const problem = imageProblem(fileName, data);
    const contentType = sniffImageType(data);
    if (problem || !contentType) throw badInput('image.invalid', problem ?? `"${fileName}" is not an image`);
    const ref = { sha256: sha256Of(data), contentType, size: data.length };
    await this.tx.run((m) => this.putBlob(m, { ...ref, data }));
    return ref;
  }

  /** What is stored under these hashes (metadata only); unknown hashes are left out. */
  async refs(hashes: readonly string[]): Promise<Map<string, StoredImageRef>> {
    if (hashes.length === 0) return new Map();
    const rows = await this.db.getRepository(PackBlobEntity).findBy({ sha256: In([...new Set(hashes)]) });
    return new Map(rows.map((r) => [r.sha256, { sha256: r.sha256, contentType: r.contentType, size: r.size }]));
  }

  /** Link a new pack version to its images, storing the bytes that came with it; inside the caller's transaction. */
  async attach(m: EntityManager, packRecordId: string, images: readonly PackImage[]): Promise<void> {
    for (const image of images) {
      if (image.data) await this.putBlob(m, { ...image, data: image.data });
      await m
        .createQueryBuilder()
        .insert()
        .into(PackImageEntity)
        .values({ id: randomUUID(), packRecordId, path: image.path, sha256: image.sha256 })
        .orIgnore()
        .execute();
    }
  }

  async list(packRecordId: string): Promise<StoredImage[]> {
    const links = await this.db
      .getRepository(PackImageEntity)
      .find({ where: { packRecordId }, order: { path: 'ASC' } });
    const refs = await this.refs(links.map((l) => l.sha256));
    return links.flatMap((l) => {
      const ref = refs.get(l.sha256);
      return ref ? [{ path: l.path, ...ref }] : [];
    });
  }

  /** The bytes of the image a pack version shows at `path`. */
  async forPack(packRecordId: string, path: string): Promise<{ contentType: string; data: Buffer }> {
    const link = await this.db.getRepository(PackImageEntity).findOneBy({ packRecordId, path });
    if (!link) throw notFound('image', path);
    return this.bytes(link.sha256);
  }

  async bytes(sha256: string): Promise<{ contentType: string; data: Buffer }> {
    const row = await this.db
      .createQueryBuilder()
      .select('b.content_type', 'contentType')
      .addSelect('b.data', 'data')
      .from('pack_blobs', 'b')
      .where('b.sha256 = :sha256', { sha256 })
      .getRawOne<{ contentType: string; data: Buffer | Uint8Array }>();
    if (!row) throw notFound('image', sha256);
    return { contentType: row.contentType, data: Buffer.from(row.data) };
  }

  private async putBlob(m: EntityManager, blob: StoredImageRef & { data: Buffer }): Promise<void> {
    // the bytes column is not mapped on the entity (see PackBlobEntity), so this one insert is SQL;
    // ON CONFLICT DO NOTHING reads the same on SQLite and PostgreSQL, only the placeholders differ
    const p = m.connection.options.type === 'postgres' ? (n: number) => `$${n}` : () => '?';
    await m.query(
      `INSERT INTO pack_blobs (sha256, content_type, size, data, created_at_ms) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}) ON CONFLICT (sha256) DO NOTHING`,
      [blob.sha256, blob.contentType, blob.size, blob.data, Date.now()],
    );
  }
}
