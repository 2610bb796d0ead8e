import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/column-types.js';

/** A request for information from a team to exercise control or to a party the scenario names. */
@Entity('threads')
export class ThreadEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'exercise_id', type: 'varchar', length: 36 }) exerciseId!: string;
  @Column({ name: 'team_id', type: 'varchar', length: 36 }) teamId!: string;
  /** null: exercise control itself */
  @Column({ name: 'party_id', type: 'varchar', length: 80, nullable: true }) partyId!: string | null;
  @Column({ name: 'party_name', type: 'varchar', length: 200, nullable: true }) partyName!: string | null;
  @Column({ type: 'varchar', length: 200 }) subject!: string;
  @Column({ name: 'created_at_ms', type: 'bigint', transformer: bigintAsNumber }) createdAtMs!: number;
}

@Entity('thread_messages')
export class ThreadMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'thread_id', type: 'varchar', length: 36 }) threadId!: string;
  /** "team" or "control" (control answers in character as the thread's party) */
  @Column({ type: 'varchar', length: 10 }) sender!: 'team' | 'control';
  @Column({ name: 'author_name', type: 'varchar', length: 200 }) authorName!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'at_ms', type: 'bigint', transformer: bigintAsNumber }) atMs!: number;
  @Column({ name: 'scenario_ms', type: 'bigint', transformer: bigintAsNumber }) scenarioMs!: number;
  /** a team member's content language when they wrote it (null for control's answers and older messages) */
  @Column({ type: 'varchar', length: 16, nullable: true }) language!: string | null;
}
