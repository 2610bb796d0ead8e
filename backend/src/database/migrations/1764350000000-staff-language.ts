import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The interface language a staff account chose (`en` or `ko`), applied wherever it signs in; null
 * until chosen (the browser's own choice stands).
 */
export class StaffLanguage1764350000000 implements MigrationInterface {
  name = 'StaffLanguage1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('users', new TableColumn({ name: 'language', type: 'varchar', length: '8', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'language');
  }
}
