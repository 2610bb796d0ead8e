import { Column, Entity, type FindOptionsSelect, PrimaryColumn } from 'typeorm';
import { bigintAsNumber, jsonText } from '../database/column-types.js';
import type { ScenarioPack } from '../scenarios/pack/pack-schema.js';

export const EXERCISE_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'ended'] as const;
export type ExerciseStatus = (typeof EXERCISE_STATUSES)[number];

/**
 * An exercise and its clock. The clock is one anchor: scenario time at `anchorWallMs` was
 * `anchorScenarioMs`, and advances at `speed` while running. Each start/pause/resume/speed change
 * moves the anchor and bumps `generation`, which makes earlier delivery jobs stale.
 */
@Entity('exercises')
export class ExerciseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'pack_record_id', type: 'varchar', length: 36 })
  packRecordId!: string;

  @Column({ type: 'text', transformer: jsonText })
  snapshot!: ScenarioPack;

  @Column({ type: 'varchar', length: 20 })
  status!: ExerciseStatus;

  @Column({ type: 'double precision' })
  speed!: number;

  @Column({ name: 'anchor_wall_ms', type: 'bigint', transformer: bigintAsNumber, nullable: true })
  anchorWallMs!: number | null;

  @Column({ name: 'anchor_scenario_ms', type: 'bigint', transformer: bigintAsNumber })
  anchorScenarioMs!: number;

  @Column({ type: 'integer' })
  generation!: number;

  @Column({ name: 'started_at_ms', type: 'bigint', transformer: bigintAsNumber, nullable: true })
  startedAtMs!: number | null;

  @Column({ name: 'ended_at_ms', type: 'bigint', transformer: bigintAsNumber, nullable: true })
  endedAtMs!: number | null;

  /** observers see "a team member" instead of player names */
  @Column({ name: 'observer_anonymous', type: 'boolean', default: false })
  observerAnonymous!: boolean;

  /** teams may see their own score breakdown once the exercise has ended */
  @Column({ name: 'scores_visible', type: 'boolean', default: false })
  scoresVisible!: boolean;

  /** teams see every team's total */
  @Column({ type: 'boolean', default: false })
  leaderboard!: boolean;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintAsNumber })
  createdAt!: number;
}

/** An exercise without its snapshot: what most requests need, without parsing the whole pack. */
export type ExerciseState = Omit<ExerciseEntity, 'snapshot'>;

export const EXERCISE_STATE = {
  id: true,
  name: true,
  packRecordId: true,
  status: true,
  speed: true,
  anchorWallMs: true,
  anchorScenarioMs: true,
  generation: true,
  startedAtMs: true,
  endedAtMs: true,
  observerAnonymous: true,
  scoresVisible: true,
  leaderboard: true,
  createdBy: true,
  createdAt: true,
} satisfies Record<keyof ExerciseState, true> satisfies FindOptionsSelect<ExerciseEntity>;
