import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { bigintAsNumber } from '../../database/column-types.js';
import type { ImageType } from '../pack/pack-images.js';

/**
 * The bytes of an image, stored once by content (sha256): uploads from the editor land here
 * before a pack version uses them. The `data` column (BLOB on SQLite, BYTEA on PostgreSQL) is not
 * mapped, because TypeORM has no binary type both drivers accept: PackImages reads and writes it.
 */
@Entity('pack_blobs')
export class PackBlobEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 40 })
  contentType!: ImageType;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ name: 'created_at_ms', type: 'bigint', transformer: bigintAsNumber })
  createdAtMs!: number;
}

/** Which image a pack version shows at a path. Versions are immutable, so exercises keep their images. */
@Entity('pack_images')
@Unique('uq_pack_images_path', ['packRecordId', 'path'])
export class PackImageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'pack_record_id', type: 'varchar', length: 36 })
  packRecordId!: string;

  @Column({ type: 'varchar', length: 300 })
  path!: string;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;
}
