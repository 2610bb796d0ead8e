import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber, jsonText } from '../database/column-types.js';

export type DecisionStatus = 'open' | 'closed';

/** One decision of an exercise: consensus (teamScope '') or one team's own decision (teamScope = team id). */
@Entity('decisions')
export class DecisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'exercise_id', type: 'varchar', length: 36 }) exerciseId!: string;
  @Column({ name: 'decision_id', type: 'varchar', length: 80 }) decisionId!: string;
  @Column({ name: 'inject_id', type: 'varchar', length: 80 }) injectId!: string;
  @Column({ name: 'team_scope', type: 'varchar', length: 36, default: '' }) teamScope!: string;
  @Column({ type: 'varchar', length: 20 }) mode!: 'team' | 'consensus';
  @Column({ name: 'member_team_ids', type: 'text', transformer: jsonText }) memberTeamIds!: string[];
  @Column({ type: 'varchar', length: 20 }) status!: DecisionStatus;
  /** an option id, "blocked" or "timed-out" */
  @Column({ type: 'varchar', length: 80, nullable: true }) outcome!: string | null;
  @Column({ name: 'opened_scenario_ms', type: 'bigint', transformer: bigintAsNumber }) openedScenarioMs!: number;
  @Column({ name: 'deadline_scenario_ms', type: 'bigint', transformer: bigintAsNumber }) deadlineScenarioMs!: number;
  @Column({ name: 'closed_at_ms', type: 'bigint', transformer: bigintAsNumber, nullable: true }) closedAtMs!:
    number | null;
  @Column({ type: 'boolean', default: false }) forced!: boolean;
}

/** A team's current vote (the latest replaces the earlier one while the decision is open). */
@Entity('decision_votes')
export class DecisionVoteEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'exercise_id', type: 'varchar', length: 36 }) exerciseId!: string;
  @Column({ name: 'decision_id', type: 'varchar', length: 80 }) decisionId!: string;
  @Column({ name: 'team_id', type: 'varchar', length: 36 }) teamId!: string;
  @Column({ type: 'varchar', length: 80 }) choice!: string;
  @Column({ name: 'participant_id', type: 'varchar', length: 36 }) participantId!: string;
  @Column({ name: 'participant_name', type: 'varchar', length: 100 }) participantName!: string;
  @Column({ name: 'at_ms', type: 'bigint', transformer: bigintAsNumber }) atMs!: number;
  @Column({ name: 'scenario_ms', type: 'bigint', transformer: bigintAsNumber }) scenarioMs!: number;
  /** the reason a team states with a block (required for a block, refused on any other vote) */
  @Column({ type: 'text', nullable: true }) reason!: string | null;
}
