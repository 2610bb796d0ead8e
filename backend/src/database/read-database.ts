import { createRequire } from 'node:module';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

/**
 * Where long reads go (the after-action report, the evaluation queue, the control room's lists).
 * On SQLite, a second, read-only connection: TypeORM drives SQLite through one connection, on
 * which a read of tens of thousands of rows would hold up every write queued behind it (a
 * player's response waiting for an instructor's report); in WAL mode a reader on its own
 * connection runs beside the writer and sees every committed transaction, never an open one.
 * On PostgreSQL, the pool already gives each query its own connection: the same data source.
 */
@Injectable()
export class ReadDatabase implements OnModuleInit, OnModuleDestroy {
  private reader: DataSource | undefined;
  private readonly logger = new Logger('database');

  constructor(
    @InjectDataSource() private readonly main: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get db(): DataSource {
    return this.reader ?? this.main;
  }

  async onModuleInit(): Promise<void> {
    if (this.main.options.type !== 'sqlite') return;
    const sqlite3 = createRequire(import.meta.url)('sqlite3') as { OPEN_READONLY: number };
    // the main connection has migrated the schema and switched the file to WAL already
    const reader = new DataSource({
      ...dataSourceOptions(this.config),
      migrationsRun: false,
      enableWAL: false,
      flags: sqlite3.OPEN_READONLY,
    } as ConstructorParameters<typeof DataSource>[0]);
    try {
      this.reader = await reader.initialize();
    } catch (e) {
      this.logger.warn(`no separate read connection, long reads share the writer's: ${(e as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.reader?.isInitialized) await this.reader.destroy();
  }
}
