import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { bigintAsNumber } from '../database/column-types.js';

/** One inject delivered to one team. The unique key makes delivery exactly once. */
@Entity('deliveries')
@Unique('uq_deliveries', ['exerciseId', 'injectId', 'teamId'])
@Index('ix_deliveries_team', ['teamId', 'deliveredAtMs'])
export class DeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'exercise_id', type: 'varchar', length: 36 })
  exerciseId!: string;

  @Column({ name: 'inject_id', type: 'varchar', length: 80 })
  injectId!: string;

  @Column({ name: 'team_id', type: 'varchar', length: 36 })
  teamId!: string;

  /** exercise-clock time the inject was due */
  @Column({ name: 'scenario_ms', type: 'bigint', transformer: bigintAsNumber })
  scenarioMs!: number;

  /** wall-clock instant it was due */
  @Column({ name: 'due_at_ms', type: 'bigint', transformer: bigintAsNumber })
  dueAtMs!: number;

  @Column({ name: 'delivered_at_ms', type: 'bigint', transformer: bigintAsNumber })
  deliveredAtMs!: number;

  /** its broadcast started more than a second after it was due (for example after a restart or a stall) */
  @Column({ type: 'boolean' })
  late!: boolean;

  /** when the broadcast to the team rooms really started and ended (epoch ms, sub-millisecond); null if never recorded */
  @Column({ name: 'broadcast_started_at_ms', type: 'double precision', nullable: true })
  broadcastStartedAtMs!: number | null;

  @Column({ name: 'broadcast_ended_at_ms', type: 'double precision', nullable: true })
  broadcastEndedAtMs!: number | null;

  /** the process that broadcast it (host:pid), for scale-out */
  @Column({ name: 'broadcast_by', type: 'varchar', length: 80, nullable: true })
  broadcastBy!: string | null;
}

/**
 * SQL condition: the delivery aliased `alias` is final (its inject instance was revealed), never one
 * prepared for a future instant.
 */
export const revealedDelivery = (alias: string) =>
  `EXISTS (SELECT 1 FROM exercise_injects ri WHERE ri.exercise_id = ${alias}.exercise_id AND ri.inject_id = ${alias}.inject_id AND ri.status = 'delivered' AND (ri.team_scope = '' OR ri.team_scope = ${alias}.team_id))`;
