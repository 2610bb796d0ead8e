import { createRequire } from 'node:module';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

/** The parts of node-sqlite3 used for a prepared statement. */
interface Sqlite3Statement {
  all(params: unknown[], callback: (err: Error | null, rows: unknown[]) => void): void;
  finalize(callback?: () => void): void;
}
interface Sqlite3Connection {
  prepare(sql: string, callback: (err: Error | null) => void): Sqlite3Statement;
}

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
  /** prepared statements on the SQLite reader, by SQL text */
  private readonly prepared = new Map<string, Sqlite3Statement>();
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

  /**
   * A small read made on every request (a primary-key lookup), with `?` placeholders on SQLite and
   * `$1…` on PostgreSQL. On the SQLite reader the statement is prepared once and run again with
   * new parameters: an ad-hoc query costs node-sqlite3 three trips through the thread pool
   * (prepare, run, finalize), a prepared one a single trip. Same rows as `db.query`.
   */
  async hotRead<T>(sql: string, params: unknown[]): Promise<T[]> {
    const reader = this.reader;
    if (!reader?.isInitialized) return this.db.query<T[]>(sql, params);
    let statement = this.prepared.get(sql);
    if (!statement) {
      const connection = (reader.driver as unknown as { databaseConnection: Sqlite3Connection }).databaseConnection;
      // a statement that fails to prepare answers every run with the error (and is prepared again next time)
      statement = connection.prepare(sql, (err) => {
        if (err) this.prepared.delete(sql);
      });
      this.prepared.set(sql, statement);
    }
    const prepared = statement;
    return new Promise<T[]>((resolve, reject) =>
      prepared.all(params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))),
    );
  }

  async onModuleDestroy(): Promise<void> {
    // SQLite refuses to close a connection with statements still prepared on it
    const statements = [...this.prepared.values()];
    this.prepared.clear();
    await Promise.all(statements.map((s) => new Promise<void>((resolve) => s.finalize(() => resolve()))));
    if (this.reader?.isInitialized) await this.reader.destroy();
  }
}
