import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('exercise_teams')
@Index('ix_exercise_teams_exercise', ['exerciseId'])
export class ExerciseTeamEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'exercise_id', type: 'varchar', length: 36 })
  exerciseId!: string;

  /** the team id in the pack */
  @Column({ name: 'team_key', type: 'varchar', length: 80 })
  teamKey!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'join_code', type: 'varchar', length: 20, unique: true })
  joinCode!: string;

  /** at most this many active seats may join with the code (null: no cap) */
  @Column({ name: 'seat_limit', type: 'integer', nullable: true })
  seatLimit!: number | null;
}
