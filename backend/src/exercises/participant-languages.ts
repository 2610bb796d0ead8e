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

/** The languages each team's players read content in (a player without one reads `source`), sorted. */
export async function teamLanguages(
  db: DataSource,
  exerciseId: string,
  source: string,
): Promise<Map<string, string[]>> {
  const rows = await db
    .getRepository(ParticipantEntity)
    .createQueryBuilder('p')
    .select('p.team_id', 'team_id')
    .addSelect('p.language', 'language')
    .distinct(true)
    .where('p.exercise_id = :exerciseId', { exerciseId })
    .getRawMany<{ team_id: string; language: string | null }>();
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const l = r.language ?? source;
    const list = out.get(r.team_id) ?? [];
    if (!list.includes(l)) out.set(r.team_id, [...list, l].sort());
  }
  return out;
}
