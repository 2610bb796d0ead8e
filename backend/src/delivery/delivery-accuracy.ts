import { Controller, Get, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { Roles } from '../auth/access.decorators.js';
import { ApiIdParam, IdParam } from '../common/api-zod.js';
import { notFound } from '../common/domain-error.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { DeliveryEntity, revealedDelivery } from './delivery.entity.js';
import { type DeliveryAccuracy, type DeliveryTimingRow, summariseDeliveries } from './delivery-timing.js';

export type { DeliveryAccuracy } from './delivery-timing.js';

/** Every final (revealed) delivery of an exercise with its timing. */
export function readDeliveryTimings(db: DataSource, exerciseId: string): Promise<DeliveryTimingRow[]> {
  return db
    .getRepository(DeliveryEntity)
    .createQueryBuilder('d')
    .select([
      'd.injectId',
      'd.teamId',
      'd.dueAtMs',
      'd.deliveredAtMs',
      'd.late',
      'd.broadcastStartedAtMs',
      'd.broadcastEndedAtMs',
      'd.broadcastBy',
    ])
    .where('d.exercise_id = :exerciseId', { exerciseId })
    .andWhere(revealedDelivery('d'))
    .getMany();
}

/** Delivery accuracy of one exercise, read from what each broadcast recorded. */
@Injectable()
export class DeliveryAccuracyService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(exerciseId: string): Promise<DeliveryAccuracy> {
    if (!(await this.db.getRepository(ExerciseEntity).existsBy({ id: exerciseId })))
      throw notFound('exercise', exerciseId);
    return summariseDeliveries(await readDeliveryTimings(this.db, exerciseId));
  }
}

@ApiTags('exercises')
@Controller('exercises')
export class DeliveryAccuracyController {
  constructor(private readonly accuracy: DeliveryAccuracyService) {}

  /** How close to their instants this exercise's injects really went out (control room health, AAR). */
  @Get(':id/delivery-accuracy')
  @Roles('admin', 'instructor', 'facilitator', 'evaluator', 'observer')
  @ApiIdParam('id')
  get(@IdParam('id') id: string): Promise<DeliveryAccuracy> {
    return this.accuracy.of(id);
  }
}
