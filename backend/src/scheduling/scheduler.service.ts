import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { ExerciseEntity, ExerciseState } from '../exercises/exercise.entity.js';
import { type ClockAnchor, wallTimeAt } from './exercise-clock.js';
import { DELIVERY_QUEUE, type DeliveryJobName, type DeliveryJobs, jobIds } from './delivery-jobs.js';
import { redisConnection } from '../common/redis-connection.js';

export const anchorOf = (
  e: Pick<ExerciseEntity, 'anchorWallMs' | 'anchorScenarioMs' | 'speed' | 'status'>,
): ClockAnchor => ({
  wallMs: e.anchorWallMs,
  scenarioMs: e.anchorScenarioMs,
  speed: e.speed,
  running: e.status === 'running' || e.status === 'scheduled',
});

const JOB_DEFAULTS: JobsOptions = {
  removeOnComplete: true,
  removeOnFail: 1000,
  attempts: 5,
  backoff: { type: 'fixed', delay: 200 },
};

/**
 * Puts each pending inject on the exercise clock as one BullMQ delayed job. Jobs leave the delay
 * set `schedulerLeadMs` early; the worker then waits precisely for the due instant.
 */
@Injectable()
export class SchedulerService implements OnModuleDestroy {
  readonly connection: Redis;
  readonly queue: Queue;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = redisConnection(config.redisUrl, 'queue');
    this.queue = new Queue(DELIVERY_QUEUE, { connection: this.connection, prefix: config.queuePrefix });
    this.queue.on('error', () => undefined);
  }

  /** Schedule the given pending injects on the exercise's current clock generation. */
  async scheduleInjects(
    exercise: ExerciseState,
    injects: { injectId: string; teamScope: string; dueScenarioMs: number }[],
    now = Date.now(),
  ): Promise<void> {
    const anchor = anchorOf(exercise);
    const jobs = injects.flatMap(({ injectId, teamScope, dueScenarioMs }) => {
      const dueAtMs = wallTimeAt(anchor, dueScenarioMs);
      if (dueAtMs === null) return [];
      const data = {
        exerciseId: exercise.id,
        injectId,
        teamScope,
        generation: exercise.generation,
        dueAtMs,
        scenarioMs: dueScenarioMs,
      };
      return [
        this.job(
          'deliver-inject',
          data,
          jobIds.deliver(exercise.id, injectId, teamScope, exercise.generation),
          dueAtMs - this.config.schedulerLeadMs - now,
        ),
      ];
    });
    for (let i = 0; i < jobs.length; i += 500) await this.queue.addBulk(jobs.slice(i, i + 500));
  }

  async scheduleStart(exercise: ExerciseState, startAtMs: number, now = Date.now()): Promise<void> {
    const data = { exerciseId: exercise.id, generation: exercise.generation, startAtMs };
    await this.queue.addBulk([
      this.job('start-exercise', data, jobIds.start(exercise.id, exercise.generation), startAtMs - now),
    ]);
  }

  /** Decision deadlines run on the exercise clock too (no lead: nothing to prepare). */
  async scheduleDeadlines(
    exercise: ExerciseState,
    decisions: { id: string; deadlineScenarioMs: number }[],
    now = Date.now(),
  ): Promise<void> {
    const anchor = anchorOf(exercise);
    const jobs = decisions.flatMap((d) => {
      const dueAtMs = wallTimeAt(anchor, d.deadlineScenarioMs);
      if (dueAtMs === null) return [];
      return [
        this.job(
          'decision-deadline',
          { exerciseId: exercise.id, decisionRowId: d.id, generation: exercise.generation, dueAtMs },
          jobIds.deadline(exercise.id, d.id, exercise.generation),
          dueAtMs - now,
        ),
      ];
    });
    if (jobs.length > 0) await this.queue.addBulk(jobs);
  }

  /** Tidy the jobs of a clock generation that is no longer current; they would do nothing anyway. */
  async dropGeneration(
    exerciseId: string,
    generation: number,
    injects: { injectId: string; teamScope: string }[],
  ): Promise<void> {
    await Promise.all([
      ...injects.map((i) =>
        this.queue.remove(jobIds.deliver(exerciseId, i.injectId, i.teamScope, generation)).catch(() => 0),
      ),
      this.queue.remove(jobIds.start(exerciseId, generation)).catch(() => 0),
    ]);
  }

  private job<N extends DeliveryJobName>(name: N, data: DeliveryJobs[N], jobId: string, delay: number) {
    return { name, data, opts: { ...JOB_DEFAULTS, jobId, delay: Math.max(0, Math.floor(delay)) } };
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
