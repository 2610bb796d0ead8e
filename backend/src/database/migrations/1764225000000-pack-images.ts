import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Images of scenario packs: bytes stored once by content, and which pack version shows which at a path. */
export class PackImages1764225000000 implements MigrationInterface {
  name = 'PackImages1764225000000';

  async up(q: QueryRunner): Promise<void> {
    const binary = q.connection.options.type === 'postgres' ? 'bytea' : 'blob';
    await q.createTable(
      new Table({
        name: 'pack_blobs',
        columns: [
          { name: 'sha256', type: 'varchar', length: '64', isPrimary: true },
          { name: 'content_type', type: 'varchar', length: '40' },
          { name: 'size', type: 'integer' },
          { name: 'data', type: binary },
          { name: 'created_at_ms', type: 'bigint' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'pack_images',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'pack_record_id', type: 'varchar', length: '36' },
          { name: 'path', type: 'varchar', length: '300' },
          { name: 'sha256', type: 'varchar', length: '64' },
        ],
        uniques: [new TableUnique({ name: 'uq_pack_images_path', columnNames: ['pack_record_id', 'path'] })],
        indices: [new TableIndex({ name: 'ix_pack_images_sha256', columnNames: ['sha256'] })],
        foreignKeys: [
          {
            columnNames: ['pack_record_id'],
            referencedTableName: 'scenario_packs',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          { columnNames: ['sha256'], referencedTableName: 'pack_blobs', referencedColumnNames: ['sha256'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('pack_images');
    await q.dropTable('pack_blobs');
  }
}
