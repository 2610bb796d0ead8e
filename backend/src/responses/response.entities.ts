import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber, jsonText } from '../database/column-types.js';

@Entity('acknowledgements')
export class AcknowledgementEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'exercise_id', type: 'varchar', length: 36 }) exerciseId!: string;
  @Column({ name: 'team_id', type: 'varchar', length: 36 }) teamId!: string;
  @Column({ name: 'inject_id', type: 'varchar', length: 80 }) injectId!: string;
  @Column({ name: 'participant_id', type: 'varchar', length: 36 }) participantId!: string;
  @Column({ name: 'display_name', type: 'varchar', length: 100 }) displayName!: string;
  @Column({ name: 'at_ms', type: 'bigint', transformer: bigintAsNumber }) atMs!: number;
}

export interface Vote {
  decisionId: string;
  /** a decision option id, or "abstain" / "block" where the decision allows them */
  choice: string;
  /** the reason stated with a block (see decisions/vote-reason.ts) */
  reason?: string | undefined;
}

/** A team's response to an inject; edits keep the earlier versions in response_revisions. */
@Entity('responses')
export class ResponseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'exercise_id', type: 'varchar', length: 36 }) exerciseId!: string;
  @Column({ name: 'team_id', type: 'varchar', length: 36 }) teamId!: string;
  @Column({ name: 'inject_id', type: 'varchar', length: 80 }) injectId!: string;
  @Column({ name: 'author_id', type: 'varchar', length: 36 }) authorId!: string;
  @Column({ name: 'author_name', type: 'varchar', length: 100 }) authorName!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'option_ids', type: 'text', transformer: jsonText }) optionIds!: string[];
  @Column({ type: 'text', transformer: jsonText, nullable: true }) vote!: Vote | null;
  @Column({ name: 'scenario_ms', type: 'bigint', transformer: bigintAsNumber }) scenarioMs!: number;
  @Column({ name: 'created_at_ms', type: 'bigint', transformer: bigintAsNumber }) createdAtMs!: number;
  @Column({ name: 'updated_at_ms', type: 'bigint', transformer: bigintAsNumber }) updatedAtMs!: number;
  /** the author's content language when they wrote it (null: not recorded) */
  @Column({ type: 'varchar', length: 16, nullable: true }) language!: string | null;
}

@Entity('response_revisions')
export class ResponseRevisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'response_id', type: 'varchar', length: 36 }) responseId!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'option_ids', type: 'text', transformer: jsonText }) optionIds!: string[];
  @Column({ name: 'author_name', type: 'varchar', length: 100 }) authorName!: string;
  @Column({ name: 'edited_at_ms', type: 'bigint', transformer: bigintAsNumber }) editedAtMs!: number;
}
