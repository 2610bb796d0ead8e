import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { AuthoringModule } from './authoring/authoring.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { ExercisesModule } from './exercises/exercises.module.js';
import { HealthModule } from './health/health.module.js';
import { RealtimeNotifierModule } from './realtime/realtime-notifier.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { SocketProcessModule } from './realtime/socket-process.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { ScenariosModule } from './scenarios/scenarios.module.js';
import { ScoringModule } from './scoring/scoring.module.js';
import { WorkerModule } from './scheduling/worker.module.js';

/**
 * The subscribers every process that runs the domains needs: scoring (marks and flushes the live
 * scores on responses and deliveries) and realtime (the socket emits of every announcement). The
 * domains raise events and import neither (`scripts/check-cycles.mjs` enforces it); boot fails if
 * a process lacks a subscriber.
 */
const SUBSCRIBERS = [ScoringModule, RealtimeNotifierModule];

@Module({})
export class AppModule {
  /** The API; with `WORKER=inline` (default) it also runs the delivery worker. */
  static forApi(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config),
        AuthModule,
        ScenariosModule,
        AuthoringModule,
        ExercisesModule,
        // SOCKETS=process: the socket process holds the gateway; this process emits through Redis
        ...(config.sockets === 'inline' ? [RealtimeModule] : []),
        HealthModule,
        ReportsModule,
        ...SUBSCRIBERS,
        ...(config.worker === 'inline' ? [WorkerModule] : []),
      ],
    };
  }

  /** A delivery worker process alone (`npm run worker`). */
  static forWorker(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config), WorkerModule, ...SUBSCRIBERS],
    };
  }

  /** The socket process of `SOCKETS=process` (started by the API process, see `sockets.ts`). */
  static forSockets(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config, { runMigrations: false }),
        SocketProcessModule,
      ],
    };
  }
}
