import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The language a player reads scenario content in (a language of the pack: its source or one of
 * its translations); null for seats taken before this version, which read the source.
 */
export class ParticipantLanguage1764320000000 implements MigrationInterface {
  name = 'ParticipantLanguage1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'participants',
      new TableColumn({ name: 'language', type: 'varchar', length: '16', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('participants', 'language');
  }
}
