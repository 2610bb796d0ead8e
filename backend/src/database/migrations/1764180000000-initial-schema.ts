import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { TableColumnOptions } from 'typeorm/schema-builder/options/TableColumnOptions.js';

const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});
const ms = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});

/** Written with the schema builder so one migration serves SQLite and PostgreSQL. */
export class InitialSchema1764180000000 implements MigrationInterface {
  name = 'InitialSchema1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          str('username', 80),
          str('display_name', 200),
          str('password_hash', 255),
          str('role', 20),
          ms('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_users_username', columnNames: ['username'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'scenario_packs',
        columns: [
          id(),
          str('pack_id', 80),
          str('version', 40),
          str('title', 200),
          str('content_hash', 64),
          str('source', 200),
          { name: 'document', type: 'text' },
          ms('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_scenario_packs_hash', columnNames: ['pack_id', 'content_hash'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'exercises',
        columns: [
          id(),
          str('name', 200),
          ref('pack_record_id'),
          { name: 'snapshot', type: 'text' },
          str('status', 20),
          { name: 'speed', type: 'double precision' },
          ms('anchor_wall_ms', true),
          ms('anchor_scenario_ms'),
          { name: 'generation', type: 'integer' },
          ms('started_at_ms', true),
          ms('ended_at_ms', true),
          ref('created_by'),
          ms('created_at'),
        ],
        foreignKeys: [
          { columnNames: ['pack_record_id'], referencedTableName: 'scenario_packs', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'exercise_teams',
        columns: [id(), ref('exercise_id'), str('team_key', 80), str('name', 200), str('join_code', 20)],
        uniques: [new TableUnique({ name: 'uq_exercise_teams_join_code', columnNames: ['join_code'] })],
        indices: [new TableIndex({ name: 'ix_exercise_teams_exercise', columnNames: ['exercise_id'] })],
        foreignKeys: [
          {
            columnNames: ['exercise_id'],
            referencedTableName: 'exercises',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'participants',
        columns: [id(), ref('exercise_id'), ref('team_id'), str('display_name', 100), ms('created_at')],
        foreignKeys: [
          {
            columnNames: ['team_id'],
            referencedTableName: 'exercise_teams',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'exercise_injects',
        columns: [
          id(),
          ref('exercise_id'),
          str('inject_id', 80),
          str('status', 20),
          ms('due_scenario_ms', true),
          ms('delivered_at_ms', true),
        ],
        uniques: [new TableUnique({ name: 'uq_exercise_injects', columnNames: ['exercise_id', 'inject_id'] })],
        foreignKeys: [
          {
            columnNames: ['exercise_id'],
            referencedTableName: 'exercises',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'deliveries',
        columns: [
          id(),
          ref('exercise_id'),
          str('inject_id', 80),
          ref('team_id'),
          ms('scenario_ms'),
          ms('due_at_ms'),
          ms('delivered_at_ms'),
          { name: 'late', type: 'boolean' },
        ],
        uniques: [new TableUnique({ name: 'uq_deliveries', columnNames: ['exercise_id', 'inject_id', 'team_id'] })],
        indices: [new TableIndex({ name: 'ix_deliveries_team', columnNames: ['team_id', 'delivered_at_ms'] })],
        foreignKeys: [
          {
            columnNames: ['exercise_id'],
            referencedTableName: 'exercises',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'exercise_events',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          ref('exercise_id'),
          str('type', 60),
          ms('at_ms'),
          ms('scenario_ms', true),
          str('actor', 80),
          { name: 'payload', type: 'text' },
        ],
        indices: [new TableIndex({ name: 'ix_exercise_events_exercise', columnNames: ['exercise_id', 'id'] })],
        foreignKeys: [
          {
            columnNames: ['exercise_id'],
            referencedTableName: 'exercises',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'exercise_events',
      'deliveries',
      'exercise_injects',
      'participants',
      'exercise_teams',
      'exercises',
      'scenario_packs',
      'users',
    ]) {
      await q.dropTable(t);
    }
  }
}
