import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The reason a team states with a block (a consensus vote of "block"); null for every other vote
 * and for votes cast before this version.
 */
export class VoteReasons1764330000000 implements MigrationInterface {
  name = 'VoteReasons1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('decision_votes', new TableColumn({ name: 'reason', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('decision_votes', 'reason');
  }
}
