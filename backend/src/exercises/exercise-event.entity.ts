import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber, jsonText } from '../database/column-types.js';

export const EXERCISE_EVENT_TYPES = [
  'exercise.created',
  'exercise.start-scheduled',
  'exercise.started',
  'exercise.paused',
  'exercise.resumed',
  'exercise.speed-changed',
  'exercise.ended',
  // the system clock stepped; the exercise clock was re-anchored so it runs on without a jump
  'exercise.clock-reanchored',
  'inject.delivered',
  'inject.fired',
  'inject.skipped',
  'inject.released',
  'inject.adhoc-created',
  'participant.joined',
  'participant.removed',
  'team.join-code-rotated',
  'team.seat-limit-changed',
  'inject.acknowledged',
  'response.logged',
  'response.edited',
  'thread.opened',
  'thread.message',
  'journal.note',
  'settings.changed',
  'decision.opened',
  'decision.vote',
  'decision.closed',
  'decision.extended',
  'evaluation.recorded',
  'score.adjusted',
  'objective.rated',
  // after-action review edits (audit trail; not part of the exercise story, so not in the AAR timeline)
  'report.findings-saved',
  'improvement.added',
  'improvement.updated',
  'improvement.deleted',
] as const;
export type ExerciseEventType = (typeof EXERCISE_EVENT_TYPES)[number];

/** Append-only log of every state change of an exercise (AAR timeline and audit trail). */
@Entity('exercise_events')
@Index('ix_exercise_events_exercise', ['exerciseId', 'id'])
@Index('ix_exercise_events_inject', ['exerciseId', 'injectId', 'teamId'])
export class ExerciseEventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'exercise_id', type: 'varchar', length: 36 })
  exerciseId!: string;

  @Column({ type: 'varchar', length: 60 })
  type!: ExerciseEventType;

  @Column({ name: 'at_ms', type: 'bigint', transformer: bigintAsNumber })
  atMs!: number;

  @Column({ name: 'scenario_ms', type: 'bigint', transformer: bigintAsNumber, nullable: true })
  scenarioMs!: number | null;

  /** "user:<id>", "participant:<id>" or "system" */
  @Column({ type: 'varchar', length: 80 })
  actor!: string;

  @Column({ type: 'text', transformer: jsonText })
  payload!: Record<string, unknown>;

  /** payload.injectId and payload.teamId when they are strings, as indexed columns */
  @Column({ name: 'inject_id', type: 'text', nullable: true })
  injectId!: string | null;

  @Column({ name: 'team_id', type: 'text', nullable: true })
  teamId!: string | null;
}
