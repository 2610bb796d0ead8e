import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { bigintAsNumber, jsonText } from '../database/column-types.js';
import type { ScenarioPack } from './pack/pack-schema.js';

/** One content version of a pack, keyed by its content hash. */
@Entity('scenario_packs')
@Unique('uq_scenario_packs_hash', ['packId', 'contentHash'])
export class ScenarioPackEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'pack_id', type: 'varchar', length: 80 })
  packId!: string;

  @Column({ type: 'varchar', length: 40 })
  version!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  /** where it was loaded from (folder under injects/), or "upload" */
  @Column({ type: 'varchar', length: 200 })
  source!: string;

  @Column({ type: 'text', transformer: jsonText })
  document!: ScenarioPack;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintAsNumber })
  createdAt!: number;
}
