import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { bigintAsNumber, jsonText } from '../database/column-types.js';
import type { Inject } from '../scenarios/pack/pack-schema.js';

export const INJECT_STATUSES = ['waiting', 'pending', 'prepared', 'delivered', 'skipped'] as const;
/**
 * waiting: a trigger has not released it yet; pending: due at `dueScenarioMs`; prepared: its
 * deliveries are recorded for the due instant but not yet revealed (see DeliveryService).
 */
export type InjectStatus = (typeof INJECT_STATUSES)[number];

/** The state of one inject of an exercise's snapshot on the exercise clock. */
@Entity('exercise_injects')
@Unique('uq_exercise_inject_instances', ['exerciseId', 'injectId', 'teamScope'])
export class ExerciseInjectEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'exercise_id', type: 'varchar', length: 36 })
  exerciseId!: string;

  @Column({ name: 'inject_id', type: 'varchar', length: 80 })
  injectId!: string;

  /** '' = the inject as the pack addresses it; a team id = an instance released to that team only (a branch) */
  @Column({ name: 'team_scope', type: 'varchar', length: 36, default: '' })
  teamScope!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: InjectStatus;

  @Column({ name: 'due_scenario_ms', type: 'bigint', transformer: bigintAsNumber, nullable: true })
  dueScenarioMs!: number | null;

  @Column({ name: 'delivered_at_ms', type: 'bigint', transformer: bigintAsNumber, nullable: true })
  deliveredAtMs!: number | null;

  /** an inject written during the drill (not in the snapshot) keeps its content here */
  @Column({ name: 'adhoc_content', type: 'text', transformer: jsonText, nullable: true })
  adhocContent!: Inject | null;
}
