import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The language a player wrote a response, a request-for-information message or a hotwash answer
 * in (their content language at the time of writing), so the after-action report can mark words
 * as written even after the player switched language. Rows written before this version take their
 * author's language now (responses and hotwash answers name their author; thread messages do not,
 * and stay null).
 */
export class WrittenLanguage1764340000000 implements MigrationInterface {
  name = 'WrittenLanguage1764340000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['responses', 'thread_messages', 'hotwash_responses'])
      await q.addColumn(table, new TableColumn({ name: 'language', type: 'varchar', length: '16', isNullable: true }));
    await q.query(
      `UPDATE responses SET language = (SELECT p.language FROM participants p WHERE p.id = responses.author_id)`,
    );
    await q.query(
      `UPDATE hotwash_responses SET language = (SELECT p.language FROM participants p WHERE p.id = hotwash_responses.participant_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['responses', 'thread_messages', 'hotwash_responses']) await q.dropColumn(table, 'language');
  }
}
