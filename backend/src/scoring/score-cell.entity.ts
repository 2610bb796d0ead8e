import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber, jsonText } from '../database/column-types.js';
import type { ScoreItem } from './score-rules.js';

/** The live score of one team on one inject, kept up to date as scoring events arrive. */
@Entity('score_cells')
export class ScoreCellEntity {
  @PrimaryColumn({ name: 'exercise_id', type: 'varchar', length: 36 }) exerciseId!: string;
  @PrimaryColumn({ name: 'team_id', type: 'varchar', length: 36 }) teamId!: string;
  @PrimaryColumn({ name: 'inject_id', type: 'varchar', length: 80 }) injectId!: string;
  @Column({ type: 'double precision' }) points!: number;
  @Column({ type: 'double precision' }) max!: number;
  @Column({ type: 'text', transformer: jsonText }) items!: ScoreItem[];
  @Column({ name: 'updated_at_ms', type: 'bigint', transformer: bigintAsNumber }) updatedAtMs!: number;
}
