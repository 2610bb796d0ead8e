import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { AuthoringModule } from './authoring/authoring.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { ExercisesModule } from './exercises/exercises.module.js';
import { HealthModule } from './health/health.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { ScenariosModule } from './scenarios/scenarios.module.js';
import { WorkerModule } from './scheduling/worker.module.js';

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
        RealtimeModule,
        HealthModule,
        ReportsModule,
        ...(config.worker === 'inline' ? [WorkerModule] : []),
      ],
    };
  }

  /** A delivery worker process alone (`npm run worker`). */
  static forWorker(config: AppConfig): DynamicModule {
    return { module: AppModule, imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config), WorkerModule] };
  }
}
