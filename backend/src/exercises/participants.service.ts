import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transactions } from '../database/transactions.js';
import type { DataSource } from 'typeorm';
import type { ParticipantPrincipal } from '../auth/principal.js';
import { DomainError, conflict } from '../common/domain-error.js';
import { ExerciseEvents } from './exercise-events.service.js';
import { ExerciseTeamEntity } from './exercise-team.entity.js';
import { ExerciseEntity } from './exercise.entity.js';
import { ParticipantEntity } from './participant.entity.js';

@Injectable()
export class ParticipantsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly events: ExerciseEvents,
  ) {}

  /** A join code names one team of one exercise; the seat it gives is bound to that team. */
  async join(code: string, displayName: string): Promise<ParticipantPrincipal> {
    const team = await this.db.getRepository(ExerciseTeamEntity).findOneBy({ joinCode: normaliseCode(code) });
    if (!team) throw new DomainError('not-found', 'join.bad-code', 'No exercise team has this join code; check it with your facilitator');
    const exercise = await this.db.getRepository(ExerciseEntity).findOneBy({ id: team.exerciseId });
    if (!exercise || exercise.status === 'ended') throw conflict('join.ended', 'This exercise has ended');
    const participant: ParticipantEntity = { id: randomUUID(), exerciseId: team.exerciseId, teamId: team.id, displayName, createdAt: Date.now() };
    await this.tx.run(async (m) => {
      await m.insert(ParticipantEntity, participant);
      await this.events.append(m, { exerciseId: team.exerciseId, type: 'participant.joined', scenarioMs: null, actor: `participant:${participant.id}`, payload: { teamId: team.id, displayName } });
    });
    return { kind: 'participant', participantId: participant.id, exerciseId: team.exerciseId, teamId: team.id, displayName };
  }
}

export function normaliseCode(code: string): string {
  const raw = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return raw.length === 8 ? `${raw.slice(0, 4)}-${raw.slice(4)}` : code.toUpperCase();
}
