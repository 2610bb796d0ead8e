import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * WAL with synchronous=NORMAL: commits no longer wait for an fsync, which keeps the delivery
 * transaction off the clock's critical path. A process crash loses nothing committed; only a
 * power cut can lose the last few transactions, and the database never corrupts.
 */
@Injectable()
export class SqlitePragmas implements OnModuleInit {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    if (this.db.options.type === 'sqlite') await this.db.query('PRAGMA synchronous = NORMAL');
  }
}
