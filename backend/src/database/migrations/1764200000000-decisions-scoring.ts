import { Table, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { TableColumnOptions } from 'typeorm/schema-builder/options/TableColumnOptions.js';

const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string): TableColumnOptions => ({ name, type: 'varchar', length: '36' });
const ms = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const cascade = (column: string, table: string) => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});

/** Per-team inject instances (branches), decisions and votes, live score cells, score visibility settings. */
export class DecisionsScoring1764200000000 implements MigrationInterface {
  name = 'DecisionsScoring1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // '' = the inject as the pack addresses it; a team id = an instance released to that team only
    await q.addColumn(
      'exercise_injects',
      new TableColumn({ name: 'team_scope', type: 'varchar', length: '36', default: "''" }),
    );
    await q.dropUniqueConstraint('exercise_injects', 'uq_exercise_injects');
    await q.createUniqueConstraint(
      'exercise_injects',
      new TableUnique({
        name: 'uq_exercise_inject_instances',
        columnNames: ['exercise_id', 'inject_id', 'team_scope'],
      }),
    );
    await q.addColumn('exercises', new TableColumn({ name: 'scores_visible', type: 'boolean', default: false }));
    await q.addColumn('exercises', new TableColumn({ name: 'leaderboard', type: 'boolean', default: false }));
    await q.createTable(
      new Table({
        name: 'decisions',
        columns: [
          id(),
          ref('exercise_id'),
          str('decision_id', 80),
          str('inject_id', 80),
          // '' for a consensus decision, the team id for a team decision
          { name: 'team_scope', type: 'varchar', length: '36', default: "''" },
          str('mode', 20),
          { name: 'member_team_ids', type: 'text' },
          str('status', 20),
          str('outcome', 80, true),
          ms('opened_scenario_ms'),
          ms('deadline_scenario_ms'),
          ms('closed_at_ms', true),
          { name: 'forced', type: 'boolean', default: false },
        ],
        uniques: [new TableUnique({ name: 'uq_decisions', columnNames: ['exercise_id', 'decision_id', 'team_scope'] })],
        foreignKeys: [cascade('exercise_id', 'exercises')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'decision_votes',
        columns: [
          id(),
          ref('exercise_id'),
          str('decision_id', 80),
          ref('team_id'),
          str('choice', 80),
          ref('participant_id'),
          str('participant_name', 100),
          ms('at_ms'),
          ms('scenario_ms'),
        ],
        uniques: [
          new TableUnique({ name: 'uq_decision_votes', columnNames: ['exercise_id', 'decision_id', 'team_id'] }),
        ],
        foreignKeys: [cascade('exercise_id', 'exercises')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'score_cells',
        columns: [
          { ...ref('exercise_id'), isPrimary: true },
          { ...ref('team_id'), isPrimary: true },
          { ...str('inject_id', 80), isPrimary: true },
          { name: 'points', type: 'double precision' },
          { name: 'max', type: 'double precision' },
          { name: 'items', type: 'text' },
          ms('updated_at_ms'),
        ],
        indices: [new TableIndex({ name: 'ix_score_cells_exercise', columnNames: ['exercise_id'] })],
        foreignKeys: [cascade('exercise_id', 'exercises')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['score_cells', 'decision_votes', 'decisions']) await q.dropTable(t);
    await q.dropColumn('exercises', 'leaderboard');
    await q.dropColumn('exercises', 'scores_visible');
    await q.dropUniqueConstraint('exercise_injects', 'uq_exercise_inject_instances');
    await q.dropColumn('exercise_injects', 'team_scope');
    await q.createUniqueConstraint(
      'exercise_injects',
      new TableUnique({ name: 'uq_exercise_injects', columnNames: ['exercise_id', 'inject_id'] }),
    );
  }
}
