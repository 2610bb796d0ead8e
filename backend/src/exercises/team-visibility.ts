import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ParticipantPrincipal } from '../auth/principal.js';
import { notFound } from '../common/domain-error.js';
import { DeliveryEntity, revealedDelivery } from '../delivery/delivery.entity.js';
import type { Inject } from '../scenarios/pack/pack-schema.js';
import { scenarioNow } from '../scheduling/exercise-clock.js';
import { anchorOf } from '../scheduling/scheduler.service.js';
import { ExercisePlans } from './exercise-plan.js';
import { EXERCISE_STATE, ExerciseEntity, type ExerciseState } from './exercise.entity.js';
import { ParticipantEntity } from './participant.entity.js';

const SEEN_DELIVERED_MAX = 200_000;
const STATE_COLUMNS = Object.keys(EXERCISE_STATE).map((k) => `e.${k}`);

/** The one check behind every player action on an inject: has it reached this team yet? */
@Injectable()
export class TeamVisibility {
  /** (exercise, team, inject) already seen delivered: a revealed delivery is never withdrawn */
  private readonly seenDelivered = new Set<string>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly plans: ExercisePlans,
  ) {}

  /** The inject, if it has been delivered to the player's team; 404 otherwise (same answer for future, foreign or unknown). */
  async deliveredInject(p: ParticipantPrincipal, injectId: string): Promise<Inject> {
    const key = `${p.exerciseId}/${p.teamId}/${injectId}`;
    const delivered =
      this.seenDelivered.has(key) ||
      (await this.db
        .getRepository(DeliveryEntity)
        .createQueryBuilder('d')
        .where('d.exercise_id = :e AND d.team_id = :t AND d.inject_id = :i AND d.delivered_at_ms <= :now', {
          e: p.exerciseId,
          t: p.teamId,
          i: injectId,
          now: Date.now(),
        })
        .andWhere(revealedDelivery('d'))
        .getExists());
    const { inject } = await this.plans.inject(p.exerciseId, injectId);
    if (!delivered || !inject) throw notFound('inject', injectId);
    if (this.seenDelivered.size >= SEEN_DELIVERED_MAX) this.seenDelivered.clear();
    this.seenDelivered.add(key);
    return inject;
  }

  /** The exercise's state and clock, without its snapshot. */
  async exercise(exerciseId: string): Promise<ExerciseState> {
    const e = await this.db
      .getRepository(ExerciseEntity)
      .findOne({ where: { id: exerciseId }, select: EXERCISE_STATE });
    if (!e) throw notFound('exercise', exerciseId);
    return e;
  }

  /**
   * The exercise's state and the content language the player writes in now (null: the pack's
   * source), read together: what every player write needs, in one statement instead of two.
   */
  async writerState(p: ParticipantPrincipal): Promise<{ exercise: ExerciseState; language: string | null }> {
    const { entities, raw } = await this.db
      .getRepository(ExerciseEntity)
      .createQueryBuilder('e')
      .select(STATE_COLUMNS)
      .addSelect(
        (q) =>
          q
            .select('w.language')
            .from(ParticipantEntity, 'w')
            .where('w.id = :participantId', { participantId: p.participantId }),
        'writer_language',
      )
      .where('e.id = :id', { id: p.exerciseId })
      .getRawAndEntities<{ writer_language: string | null }>();
    const exercise = entities[0];
    if (!exercise) throw notFound('exercise', p.exerciseId);
    return { exercise, language: raw[0]?.writer_language ?? null };
  }

  async scenarioNowMs(exerciseId: string): Promise<number> {
    return scenarioNowMsOf(await this.exercise(exerciseId));
  }
}

/** Scenario time now on this exercise's clock, in whole ms. */
export function scenarioNowMsOf(exercise: ExerciseState): number {
  return Math.round(scenarioNow(anchorOf(exercise), Date.now()));
}
