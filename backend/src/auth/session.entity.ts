import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/column-types.js';

/**
 * One signed-in browser or client. The signed token names its session (`sid`), and every request
 * checks here that the session is still open, so ending it takes effect at once on every instance.
 */
@Entity('auth_sessions')
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 12 })
  kind!: 'user' | 'participant';

  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  @Column({ name: 'participant_id', type: 'varchar', length: 36, nullable: true })
  participantId!: string | null;

  @Column({ name: 'exercise_id', type: 'varchar', length: 36, nullable: true })
  exerciseId!: string | null;

  @Column({ name: 'password_change_only', type: 'boolean', default: false })
  passwordChangeOnly!: boolean;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintAsNumber })
  createdAt!: number;

  @Column({ name: 'expires_at', type: 'bigint', transformer: bigintAsNumber })
  expiresAt!: number;

  @Column({ name: 'ended_at', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  endedAt!: number | null;

  @Column({ name: 'ended_reason', type: 'varchar', length: 40, nullable: true })
  endedReason!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  address!: string | null;
}
