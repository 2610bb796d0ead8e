import { type DataSource, In } from 'typeorm';
import { chunks } from '../common/chunks.js';
import { ParticipantEntity } from './participant.entity.js';

/** The language each of these players reads content in (players without one are left out: they read the source). */
export async function participantLanguages(
  db: DataSource,
  participantIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = [...new Set(participantIds)];
  for (const part of ids.length === 0 ? [] : chunks(ids)) {
    for (const p of await db
      .getRepository(ParticipantEntity)
      .find({ select: { id: true, language: true }, where: { id: In(part) } })) {
      if (p.language) out.set(p.id, p.language);
    }
  }
  return out;
}

/** The content language a player writes in now (stored with what they write; null: the pack's source). */
export async function writtenLanguage(db: DataSource, participantId: string): Promise<string | null> {
  const row = await db
    .getRepository(ParticipantEntity)
    .findOne({ select: { id: true, language: true }, where: { id: participantId } });
  return row?.language ?? null;
}
