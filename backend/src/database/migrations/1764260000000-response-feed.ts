import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The control room's feed reads an exercise's most recently changed responses through an index, and
 * its status grid which teams answered which injects from an index alone.
 */
export class ResponseFeed1764260000000 implements MigrationInterface {
  name = 'ResponseFeed1764260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'responses',
      new TableIndex({ name: 'ix_responses_exercise_updated', columnNames: ['exercise_id', 'updated_at_ms'] }),
    );
    await q.createIndex(
      'responses',
      new TableIndex({
        name: 'ix_responses_exercise_team_inject',
        columnNames: ['exercise_id', 'team_id', 'inject_id'],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('responses', 'ix_responses_exercise_team_inject');
    await q.dropIndex('responses', 'ix_responses_exercise_updated');
  }
}
