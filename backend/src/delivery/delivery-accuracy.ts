import { Controller, Get, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { Roles } from '../auth/access.decorators.js';
import { ApiIdParam, IdParam } from '../common/api-zod.js';
import { notFound } from '../common/domain-error.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { percentile } from '../scheduling/delivery-metrics.js';
import { DeliveryEntity, revealedDelivery } from './delivery.entity.js';

/** p50/p99/max of a list of milliseconds, rounded to 0.1 ms; nulls when there is nothing to measure */
export interface Spread {
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export interface DeliveryAccuracy {
  /** broadcasts measured (one per inject instance; a broadcast to several teams counts once) */
  broadcasts: number;
  /** from each inject's due instant to the start of its broadcast */
  startLatenessMs: Spread;
  /** from the due instant to the moment the broadcast had handed every frame to the network */
  endLatenessMs: Spread;
  /** deliveries whose broadcast timing was never written (older versions, a crash right after the broadcast) */
  unrecorded: number;
  /** genuinely late deliveries (restart, stall), latest first */
  late: { injectId: string; teamId: string; dueAtMs: number; broadcastStartedAtMs: number | null; latenessMs: number | null }[];
  /** which processes broadcast, and how many deliveries each */
  processes: Record<string, number>;
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
function spread(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(s, 50)), p99: round(percentile(s, 99)), max: round(s.at(-1) ?? null) };
}

/** Delivery accuracy of one exercise, read from what each broadcast recorded. */
@Injectable()
export class DeliveryAccuracyService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(exerciseId: string): Promise<DeliveryAccuracy> {
    if (!(await this.db.getRepository(ExerciseEntity).existsBy({ id: exerciseId }))) throw notFound('exercise', exerciseId);
    const rows = await this.db.getRepository(DeliveryEntity).createQueryBuilder('d').where('d.exercise_id = :exerciseId', { exerciseId }).andWhere(revealedDelivery('d')).getMany();
    const broadcasts = new Map<string, { due: number; start: number; end: number }>();
    const processes: Record<string, number> = {};
    for (const d of rows) {
      if (d.broadcastStartedAtMs === null || d.broadcastEndedAtMs === null) continue;
      broadcasts.set(`${d.injectId}@${d.broadcastStartedAtMs}`, { due: d.dueAtMs, start: d.broadcastStartedAtMs, end: d.broadcastEndedAtMs });
      if (d.broadcastBy) processes[d.broadcastBy] = (processes[d.broadcastBy] ?? 0) + 1;
    }
    const measured = [...broadcasts.values()];
    return {
      broadcasts: measured.length,
      startLatenessMs: spread(measured.map((b) => b.start - b.due)),
      endLatenessMs: spread(measured.map((b) => b.end - b.due)),
      unrecorded: rows.filter((d) => d.broadcastStartedAtMs === null).length,
      late: rows
        .filter((d) => d.late)
        .sort((a, b) => b.dueAtMs - a.dueAtMs)
        .slice(0, 100)
        .map((d) => ({ injectId: d.injectId, teamId: d.teamId, dueAtMs: d.dueAtMs, broadcastStartedAtMs: d.broadcastStartedAtMs, latenessMs: round(d.broadcastStartedAtMs === null ? d.deliveredAtMs - d.dueAtMs : d.broadcastStartedAtMs - d.dueAtMs) })),
      processes,
    };
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
