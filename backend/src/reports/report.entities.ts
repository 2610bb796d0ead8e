import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber, jsonText } from '../database/column-types.js';
import type { CapabilityElement, FindingKind, ImprovementStatus } from './report-model.js';

/** A strength or area for improvement as the control cell edited it (replaces the drafted list once saved). */
@Entity('report_findings')
export class ReportFindingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'exercise_id', type: 'varchar', length: 36 }) exerciseId!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: FindingKind;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'objective_id', type: 'varchar', length: 80, nullable: true }) objectiveId!: string | null;
  @Column({ name: 'team_id', type: 'varchar', length: 36, nullable: true }) teamId!: string | null;
  /** event-log ids behind the statement */
  @Column({ type: 'text', transformer: jsonText }) evidence!: number[];
  @Column({ name: 'updated_at_ms', type: 'bigint', transformer: bigintAsNumber }) updatedAtMs!: number;
  @Column({ name: 'updated_by', type: 'varchar', length: 80 }) updatedBy!: string;
}

/** One row of the improvement plan (HSEEP IP): it stays with the exercise. */
@Entity('improvement_items')
export class ImprovementItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'exercise_id', type: 'varchar', length: 36 }) exerciseId!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) issue!: string;
  @Column({ name: 'corrective_action', type: 'text' }) correctiveAction!: string;
  @Column({ name: 'capability_element', type: 'varchar', length: 20 }) capabilityElement!: CapabilityElement;
  @Column({ type: 'varchar', length: 200 }) organisation!: string;
  @Column({ type: 'varchar', length: 200 }) poc!: string;
  @Column({ name: 'start_date', type: 'varchar', length: 10, nullable: true }) startDate!: string | null;
  @Column({ name: 'completion_date', type: 'varchar', length: 10, nullable: true }) completionDate!: string | null;
  @Column({ type: 'varchar', length: 20 }) status!: ImprovementStatus;
  @Column({ name: 'objective_id', type: 'varchar', length: 80, nullable: true }) objectiveId!: string | null;
  @Column({ name: 'created_at_ms', type: 'bigint', transformer: bigintAsNumber }) createdAtMs!: number;
  @Column({ name: 'updated_at_ms', type: 'bigint', transformer: bigintAsNumber }) updatedAtMs!: number;
}

/** One player's hotwash survey (one per participant; a second submission replaces the first). */
@Entity('hotwash_responses')
export class HotwashResponseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'exercise_id', type: 'varchar', length: 36 }) exerciseId!: string;
  @Column({ name: 'team_id', type: 'varchar', length: 36 }) teamId!: string;
  @Column({ name: 'participant_id', type: 'varchar', length: 36 }) participantId!: string;
  @Column({ type: 'text', transformer: jsonText }) ratings!: Record<string, number>;
  @Column({ type: 'text', transformer: jsonText }) answers!: Record<string, string>;
  @Column({ name: 'submitted_at_ms', type: 'bigint', transformer: bigintAsNumber }) submittedAtMs!: number;
  /** the player's content language when they answered (null: not recorded) */
  @Column({ type: 'varchar', length: 16, nullable: true }) language!: string | null;
}
