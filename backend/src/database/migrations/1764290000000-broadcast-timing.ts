import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * When each delivery's broadcast really started and ended (sub-millisecond epoch ms) and which
 * process sent it, so records show lateness instead of the due instant; null for deliveries made
 * before this version, or by a process that died between the broadcast and writing it down.
 */
export class BroadcastTiming1764290000000 implements MigrationInterface {
  name = 'BroadcastTiming1764290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('deliveries', [
      new TableColumn({ name: 'broadcast_started_at_ms', type: 'double precision', isNullable: true }),
      new TableColumn({ name: 'broadcast_ended_at_ms', type: 'double precision', isNullable: true }),
      new TableColumn({ name: 'broadcast_by', type: 'varchar', length: '80', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of ['broadcast_by', 'broadcast_ended_at_ms', 'broadcast_started_at_ms'])
      await q.dropColumn('deliveries', c);
  }
}
