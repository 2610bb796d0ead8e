import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { TableColumnOptions } from 'typeorm/schema-builder/options/TableColumnOptions.js';

const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});
const ms = (name: string): TableColumnOptions => ({ name, type: 'bigint' });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
const cascade = (column: string, table: string) => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});

/** After-action review: edited strengths/areas for improvement, the improvement plan, hotwash survey answers. */
export class Reports1764210000000 implements MigrationInterface {
  name = 'Reports1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'report_findings',
        columns: [
          id(),
          ref('exercise_id'),
          str('kind', 20),
          int('position'),
          text('text'),
          str('objective_id', 80, true),
          ref('team_id', true),
          text('evidence'),
          ms('updated_at_ms'),
          str('updated_by', 80),
        ],
        indices: [new TableIndex({ name: 'ix_report_findings_exercise', columnNames: ['exercise_id', 'position'] })],
        foreignKeys: [cascade('exercise_id', 'exercises')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'improvement_items',
        columns: [
          id(),
          ref('exercise_id'),
          int('position'),
          text('issue'),
          text('corrective_action'),
          str('capability_element', 20),
          str('organisation', 200),
          str('poc', 200),
          str('start_date', 10, true),
          str('completion_date', 10, true),
          str('status', 20),
          str('objective_id', 80, true),
          ms('created_at_ms'),
          ms('updated_at_ms'),
        ],
        indices: [new TableIndex({ name: 'ix_improvement_items_exercise', columnNames: ['exercise_id', 'position'] })],
        foreignKeys: [cascade('exercise_id', 'exercises')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'hotwash_responses',
        columns: [
          id(),
          ref('exercise_id'),
          ref('team_id'),
          ref('participant_id'),
          text('ratings'),
          text('answers'),
          ms('submitted_at_ms'),
        ],
        uniques: [new TableUnique({ name: 'uq_hotwash_responses', columnNames: ['exercise_id', 'participant_id'] })],
        foreignKeys: [cascade('exercise_id', 'exercises')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['hotwash_responses', 'improvement_items', 'report_findings']) await q.dropTable(t);
  }
}
