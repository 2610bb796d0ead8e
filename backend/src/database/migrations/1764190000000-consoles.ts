import { Table, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
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
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const cascade = (column: string, table: string) => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});

/** Acknowledgements, responses with their revisions, RFI threads, ad-hoc injects, observer setting. */
export class Consoles1764190000000 implements MigrationInterface {
  name = 'Consoles1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('exercise_injects', new TableColumn(text('adhoc_content', true)));
    await q.addColumn('exercises', new TableColumn({ name: 'observer_anonymous', type: 'boolean', default: false }));
    await q.createTable(
      new Table({
        name: 'acknowledgements',
        columns: [
          id(),
          ref('exercise_id'),
          ref('team_id'),
          str('inject_id', 80),
          ref('participant_id'),
          str('display_name', 100),
          ms('at_ms'),
        ],
        uniques: [
          new TableUnique({ name: 'uq_acknowledgements', columnNames: ['exercise_id', 'inject_id', 'participant_id'] }),
        ],
        indices: [new TableIndex({ name: 'ix_acknowledgements_team', columnNames: ['team_id'] })],
        foreignKeys: [cascade('exercise_id', 'exercises')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'responses',
        columns: [
          id(),
          ref('exercise_id'),
          ref('team_id'),
          str('inject_id', 80),
          ref('author_id'),
          str('author_name', 100),
          text('text'),
          text('option_ids'),
          text('vote', true),
          ms('scenario_ms'),
          ms('created_at_ms'),
          ms('updated_at_ms'),
        ],
        indices: [
          new TableIndex({ name: 'ix_responses_team', columnNames: ['team_id', 'created_at_ms'] }),
          new TableIndex({ name: 'ix_responses_exercise', columnNames: ['exercise_id', 'created_at_ms'] }),
        ],
        foreignKeys: [cascade('exercise_id', 'exercises')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'response_revisions',
        columns: [
          id(),
          ref('response_id'),
          text('text'),
          text('option_ids'),
          str('author_name', 100),
          ms('edited_at_ms'),
        ],
        indices: [new TableIndex({ name: 'ix_response_revisions_response', columnNames: ['response_id'] })],
        foreignKeys: [cascade('response_id', 'responses')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'threads',
        columns: [
          id(),
          ref('exercise_id'),
          ref('team_id'),
          str('party_id', 80, true),
          str('party_name', 200, true),
          str('subject', 200),
          ms('created_at_ms'),
        ],
        indices: [new TableIndex({ name: 'ix_threads_exercise', columnNames: ['exercise_id', 'team_id'] })],
        foreignKeys: [cascade('exercise_id', 'exercises')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'thread_messages',
        columns: [
          id(),
          ref('thread_id'),
          str('sender', 10),
          str('author_name', 200),
          text('text'),
          ms('at_ms'),
          ms('scenario_ms'),
        ],
        indices: [new TableIndex({ name: 'ix_thread_messages_thread', columnNames: ['thread_id', 'at_ms'] })],
        foreignKeys: [cascade('thread_id', 'threads')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['thread_messages', 'threads', 'response_revisions', 'responses', 'acknowledgements'])
      await q.dropTable(t);
    await q.dropColumn('exercises', 'observer_anonymous');
    await q.dropColumn('exercise_injects', 'adhoc_content');
  }
}
