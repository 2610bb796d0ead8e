import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Accounts that can be disabled, deleted (anonymised, the row stays for the audit trail), forced to
 * change their password, or signed in through single sign-on; server-side sessions that can be ended
 * at once; participants that can be removed; a seat cap per team.
 */
export class AccountsSessions1764300000000 implements MigrationInterface {
  name = 'AccountsSessions1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('users', [
      new TableColumn({ name: 'disabled_at', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'deleted_at', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'must_change_password', type: 'boolean', default: false }),
      new TableColumn({ name: 'auth_source', type: 'varchar', length: '20', default: "'local'" }),
      new TableColumn({ name: 'external_subject', type: 'varchar', length: '255', isNullable: true }),
      new TableColumn({ name: 'last_sign_in_at', type: 'bigint', isNullable: true }),
    ]);
    await q.createIndex(
      'users',
      new TableIndex({
        name: 'uq_users_external_subject',
        columnNames: ['auth_source', 'external_subject'],
        isUnique: true,
      }),
    );
    await q.addColumn('participants', new TableColumn({ name: 'removed_at', type: 'bigint', isNullable: true }));
    await q.addColumn('exercise_teams', new TableColumn({ name: 'seat_limit', type: 'integer', isNullable: true }));
    await q.createTable(
      new Table({
        name: 'auth_sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '12' },
          { name: 'user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'participant_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'exercise_id', type: 'varchar', length: '36', isNullable: true },
          /** a session that may only change its password (generated or reset password) */
          { name: 'password_change_only', type: 'boolean', default: false },
          { name: 'created_at', type: 'bigint' },
          { name: 'expires_at', type: 'bigint' },
          { name: 'ended_at', type: 'bigint', isNullable: true },
          { name: 'ended_reason', type: 'varchar', length: '40', isNullable: true },
          { name: 'user_agent', type: 'varchar', length: '300', isNullable: true },
          { name: 'address', type: 'varchar', length: '64', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'ix_auth_sessions_user', columnNames: ['user_id'] }),
          new TableIndex({ name: 'ix_auth_sessions_participant', columnNames: ['participant_id'] }),
          new TableIndex({ name: 'ix_auth_sessions_open', columnNames: ['ended_at', 'expires_at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('auth_sessions');
    await q.dropColumn('exercise_teams', 'seat_limit');
    await q.dropColumn('participants', 'removed_at');
    await q.dropIndex('users', 'uq_users_external_subject');
    for (const c of [
      'last_sign_in_at',
      'external_subject',
      'auth_source',
      'must_change_password',
      'deleted_at',
      'disabled_at',
    ])
      await q.dropColumn('users', c);
  }
}
