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
import { ExerciseEntity } from './exercise.entity.js';

/** The one check behind every player action on an inject: has it reached this team yet? */
@Injectable()
export class TeamVisibility {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly plans: ExercisePlans,
  ) {}

  /** The inject, if it has been delivered to the player's team; 404 otherwise (same answer for future, foreign or unknown). */
  async deliveredInject(p: ParticipantPrincipal, injectId: string): Promise<Inject> {
    const delivered = await this.db
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where('d.exercise_id = :e AND d.team_id = :t AND d.inject_id = :i AND d.delivered_at_ms <= :now', { e: p.exerciseId, t: p.teamId, i: injectId, now: Date.now() })
      .andWhere(revealedDelivery('d'))
      .getExists();
    const { inject } = await this.plans.inject(p.exerciseId, injectId);
    if (!delivered || !inject) throw notFound('inject', injectId);
    return inject;
  }

  async exercise(exerciseId: string): Promise<ExerciseEntity> {
    const e = await this.db.getRepository(ExerciseEntity).findOneBy({ id: exerciseId });
    if (!e) throw notFound('exercise', exerciseId);
    return e;
  }

  async scenarioNowMs(exerciseId: string): Promise<number> {
    return Math.round(scenarioNow(anchorOf(await this.exercise(exerciseId)), Date.now()));
  }
}
