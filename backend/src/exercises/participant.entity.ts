import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/column-types.js';

/** A player who joined an exercise with a join code; bound to one team. */
@Entity('participants')
export class ParticipantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'exercise_id', type: 'varchar', length: 36 })
  exerciseId!: string;

  @Column({ name: 'team_id', type: 'varchar', length: 36 })
  teamId!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintAsNumber })
  createdAt!: number;

  /** the language the player reads scenario content in (null: the pack's source language) */
  @Column({ type: 'varchar', length: 16, nullable: true })
  language!: string | null;

  /** set when a facilitator removed the seat: its session ended, its entries stay in the log */
  @Column({ name: 'removed_at', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  removedAt!: number | null;
}
