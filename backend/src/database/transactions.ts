import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Every write goes through here. TypeORM drives SQLite through one shared connection, so two
 * overlapping transactions would interleave on it; on SQLite they are queued, one at a time
 * (SQLite allows a single writer anyway). PostgreSQL transactions run concurrently.
 */
@Injectable()
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serial: boolean;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.serial = db.options.type === 'sqlite';
  }

  run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.db.transaction(work);
    const result = this.tail.then(() => this.db.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
