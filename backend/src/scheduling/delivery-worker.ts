import type { Server } from 'node:http';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DeliveryService } from '../delivery/delivery.service.js';
import { DecisionsService } from '../decisions/decisions.service.js';
import { DeliveryRun } from '../delivery/delivery-run.js';
import { DomainEvents } from '../events/domain-events.js';
import { ExerciseLifecycle } from '../exercises/exercise-lifecycle.service.js';
import { DELIVERY_QUEUE, type DeliveryJobName, type DeliveryJobs } from './delivery-jobs.js';
import { DeliveryMetrics } from './delivery-metrics.js';
import { preciseNow, waitUntil } from './precise-wait.js';
import { RevealLead } from './reveal-lead.js';
import { redisConnection } from '../common/redis-connection.js';
import { wallClock } from './wall-clock.js';

type Handlers = { [N in DeliveryJobName]: (data: DeliveryJobs[N]) => Promise<void> };

/**
 * Runs delivery jobs: waits for each inject's exact due instant, then delivers it. Started at
 * bootstrap (never in a constructor) in the API process by default, or alone by `npm run worker`.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('delivery-worker');
  private worker: Worker | undefined;
  private connection: Redis | undefined;
  private stopWatchingClock: (() => void) | undefined;
  /** how long before its instant each delivery is made final (a short transaction) */
  private readonly revealLead = new RevealLead();

  private readonly handlers: Handlers = {
    'deliver-inject': async (d) => {
      const arrivedAt = preciseNow();
      const prepared = await this.delivery.prepare({
        exerciseId: d.exerciseId,
        injectId: d.injectId,
        teamScope: d.teamScope,
        scenarioMs: d.scenarioMs,
        dueAtMs: d.dueAtMs,
        generation: d.generation,
        actor: 'system',
      });
      if (!prepared) return;
      const preparedAt = preciseNow();
      const ahead = this.revealLead.aheadMs();
      await waitUntil(d.dueAtMs - ahead);
      await this.deliveryRun.deliverEarlierFirst(d.exerciseId, d.generation, d.scenarioMs);
      const revealStart = preciseNow();
      const revealed = await this.delivery.reveal(prepared);
      const revealedAt = preciseNow();
      // the last step's own duration, from when it was meant to start (or could: a job that came late)
      this.revealLead.record(revealedAt - Math.max(d.dueAtMs - ahead, preparedAt));
      if (revealed === null) return;
      await waitUntil(d.dueAtMs);
      const emitted = this.delivery.emit(prepared);
      this.metrics.record({
        injectId: d.injectId,
        teams: prepared.teamIds.length,
        emitStartLatenessMs: emitted.startedAt - d.dueAtMs,
        emitDurationMs: emitted.endedAt - emitted.startedAt,
        leadMs: d.dueAtMs - arrivedAt,
        prepareMs: preparedAt - arrivedAt,
        revealMs: revealedAt - revealStart,
      });
      await this.bus.emit('inject.delivered', {
        exerciseId: d.exerciseId,
        injectId: d.injectId,
        teamIds: prepared.teamIds,
        released: revealed.released,
        decisions: revealed.decisions,
      });
      await this.delivery.recordBroadcast(prepared, emitted);
    },
    'decision-deadline': async (d) => {
      await waitUntil(d.dueAtMs);
      await this.decisions.deadlineReached(d.exerciseId, d.decisionRowId, d.generation);
    },
    'start-exercise': async (d) => {
      await waitUntil(d.startAtMs);
      await this.lifecycle.activateScheduledStart(d.exerciseId, d.generation);
    },
  };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly delivery: DeliveryService,
    private readonly lifecycle: ExerciseLifecycle,
    private readonly deliveryRun: DeliveryRun,
    private readonly metrics: DeliveryMetrics,
    private readonly decisions: DecisionsService,
    private readonly bus: DomainEvents,
    @Optional() private readonly http?: HttpAdapterHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = redisConnection(this.config.redisUrl, 'queue');
    this.worker = new Worker(DELIVERY_QUEUE, (job: Job) => this.run(job), {
      connection: this.connection,
      prefix: this.config.queuePrefix,
      // jobs arrive a lead time early and wait in memory, so many run at once
      concurrency: 1000,
      autorun: false,
    });
    this.worker.on('failed', (job, err) =>
      this.logger.error({ jobId: job?.id, err: err.message }, 'delivery job failed'),
    );
    this.worker.on('error', (err) => this.logger.warn(`worker: ${err.message}`));
    // a Redis that comes back without persistence has lost the schedule: rebuild it from the database
    let lost = false;
    this.connection.on('close', () => (lost = true));
    this.connection.on('ready', () => {
      if (!lost) return;
      lost = false;
      this.deliveryRun.reconcile().then(
        (n) => this.logger.log(`Redis is back: ${n} live exercise(s) reconciled`),
        (e: unknown) =>
          this.logger.error(`reconcile after Redis came back failed: ${e instanceof Error ? e.message : String(e)}`),
      );
    });
    this.watchClock();
    // Inside the API, deliver nothing before the server listens: a catch-up broadcast before then
    // reaches nobody, yet would be recorded as made. A worker process of its own starts at once.
    const server = this.http?.httpAdapter?.getHttpServer() as Server | undefined;
    if (server && !server.listening)
      server.once(
        'listening',
        () =>
          void this.start().catch((e: unknown) =>
            this.logger.error(`delivery worker failed to start: ${e instanceof Error ? e.message : String(e)}`),
          ),
      );
    else await this.start();
  }

  /**
   * A step of the system clock (wall-clock.ts) would move every live exercise's clock by the step:
   * re-anchor them instead. Reading the clock once a second notices a step while nothing is due.
   */
  private watchClock(): void {
    const off = wallClock.onStep((stepMs) => {
      this.logger.warn(
        `the system clock stepped by ${Math.round(stepMs)} ms; re-anchoring live exercises so their clocks do not jump`,
      );
      this.lifecycle.reanchorAfterClockStep(stepMs).then(
        (n) => this.logger.warn(`clock step of ${Math.round(stepMs)} ms: ${n} live exercise(s) re-anchored`),
        (e: unknown) =>
          this.logger.error(`re-anchoring after a clock step failed: ${e instanceof Error ? e.message : String(e)}`),
      );
    });
    const tick = setInterval(() => wallClock.now(), 1000);
    tick.unref();
    this.stopWatchingClock = () => {
      off();
      clearInterval(tick);
    };
  }

  private async start(): Promise<void> {
    if (!this.worker) return;
    const reconciled = await this.deliveryRun.reconcile();
    void this.worker.run();
    this.logger.log(
      `delivery worker running (lead ${this.config.schedulerLeadMs} ms; ${reconciled} live exercise(s) reconciled)`,
    );
  }

  private async run(job: Job): Promise<void> {
    const name = job.name as DeliveryJobName;
    const handler = this.handlers[name] as ((d: unknown) => Promise<void>) | undefined;
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    await handler(job.data);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopWatchingClock?.();
    await this.worker?.close().catch(() => undefined);
    this.connection?.disconnect();
  }
}
