import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import type { ParticipantPrincipal } from '../auth/principal.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { ParticipantEntity } from '../exercises/participant.entity.js';

/** The database checks the socket layer needs before joining rooms. */
@Injectable()
export class ExerciseAccess {
  constructor(
    @InjectRepository(ExerciseEntity) private readonly exercises: Repository<ExerciseEntity>,
    @InjectRepository(ParticipantEntity) private readonly participants: Repository<ParticipantEntity>,
  ) {}

  exerciseExists(id: string): Promise<boolean> {
    return this.exercises.existsBy({ id });
  }

  participantActive(p: ParticipantPrincipal): Promise<boolean> {
    return this.participants.existsBy({
      id: p.participantId,
      exerciseId: p.exerciseId,
      teamId: p.teamId,
      removedAt: IsNull(),
    });
  }
}
