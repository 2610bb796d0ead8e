import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A score cell to recompute: written in the same transaction as the event that changed it, and
 * consumed by the next flush (in whichever process runs first), so a crash never leaves a stale cell.
 */
@Entity('score_dirty')
export class ScoreDirtyEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ name: 'exercise_id', type: 'varchar', length: 36 }) exerciseId!: string;
  @Column({ name: 'team_id', type: 'varchar', length: 36 }) teamId!: string;
  @Column({ name: 'inject_id', type: 'varchar', length: 80 }) injectId!: string;
}
