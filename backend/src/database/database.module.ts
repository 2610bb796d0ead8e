import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { ReadDatabase } from './read-database.js';
import { SqlitePragmas } from './sqlite-pragmas.js';
import { Transactions } from './transactions.js';

@Global()
@Module({})
export class DatabaseModule {
  /** `runMigrations: false` for a process started after the API has migrated (the socket process). */
  static forRoot(config: AppConfig, { runMigrations = true } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config),
          migrationsRun: runMigrations,
          retryAttempts: 2,
          retryDelay: 500,
        }),
      ],
      providers: [Transactions, SqlitePragmas, ReadDatabase],
      exports: [Transactions, ReadDatabase],
    };
  }
}
