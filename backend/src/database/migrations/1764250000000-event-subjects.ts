import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The inject and team an event is about, as indexed columns (copied from its payload), so a score
 * refresh reads a handful of rows instead of matching text across the whole log; and the queue of
 * score cells waiting to be recomputed, so a response does not recompute them on its request path.
 */
export class EventSubjects1764250000000 implements MigrationInterface {
  name = 'EventSubjects1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('exercise_events', [
      new TableColumn({ name: 'inject_id', type: 'text', isNullable: true }),
      new TableColumn({ name: 'team_id', type: 'text', isNullable: true }),
    ]);
    if (q.connection.options.type === 'postgres') {
      await q.query(`UPDATE exercise_events SET
        inject_id = CASE WHEN jsonb_typeof(payload::jsonb -> 'injectId') = 'string' THEN payload::jsonb ->> 'injectId' END,
        team_id = CASE WHEN jsonb_typeof(payload::jsonb -> 'teamId') = 'string' THEN payload::jsonb ->> 'teamId' END`);
    } else {
      await q.query(`UPDATE exercise_events SET
        inject_id = CASE WHEN json_type(payload, '$.injectId') = 'text' THEN json_extract(payload, '$.injectId') END,
        team_id = CASE WHEN json_type(payload, '$.teamId') = 'text' THEN json_extract(payload, '$.teamId') END`);
    }
    await q.createIndex(
      'exercise_events',
      new TableIndex({ name: 'ix_exercise_events_inject', columnNames: ['exercise_id', 'inject_id', 'team_id'] }),
    );
    await q.createTable(
      new Table({
        name: 'score_dirty',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'exercise_id', type: 'varchar', length: '36' },
          { name: 'team_id', type: 'varchar', length: '36' },
          { name: 'inject_id', type: 'varchar', length: '80' },
        ],
        indices: [new TableIndex({ name: 'ix_score_dirty_exercise', columnNames: ['exercise_id', 'id'] })],
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
    await q.dropTable('score_dirty');
    await q.dropIndex('exercise_events', 'ix_exercise_events_inject');
    await q.dropColumn('exercise_events', 'team_id');
    await q.dropColumn('exercise_events', 'inject_id');
  }
}
