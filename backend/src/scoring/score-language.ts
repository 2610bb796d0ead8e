import type { ScenarioPack } from '../scenarios/pack/pack-schema.js';
import { sourceLanguage } from '../scenarios/pack/pack-translations.js';
import type { ScoreWording } from './score-rules.js';

/** A score item as the scoring routes and the report carry it (the rule's code and params, or an evaluator's reason). */
interface ItemWithSource {
  injectId: string;
  source:
    | { rule: string; code?: string; params?: Record<string, string | number> }
    | { evaluator: string; at: number; reason: string };
}

type Pack = Pick<ScenarioPack, 'language' | 'translations'>;

const DISTRACTOR_RULES = new Set(['distractor.penalty', 'distractor.cap']);
/** the rules that name a response option (by its label, with its id beside it) */
const OPTION_RULES = new Set(['option.chosen', ...DISTRACTOR_RULES]);

/** An option rule's params as `language` reads them: the label and a distractor's why from the pack's translation. */
function paramsIn(item: ItemWithSource, pack: Pack, language: string): Record<string, string | number> | null {
  const s = item.source;
  if (!('rule' in s) || !s.code || !OPTION_RULES.has(s.code) || !s.params) return null;
  const t = pack.translations?.[language]?.injects?.[item.injectId];
  if (language === sourceLanguage(pack) || !t) return s.params;
  const option = String(s.params.option);
  const label = t.responseOptions?.[option];
  const why = DISTRACTOR_RULES.has(s.code) ? t.distractors?.[option]?.why : undefined;
  return {
    ...s.params,
    ...(label !== undefined ? { label } : {}),
    ...(why !== undefined ? { why } : {}),
  };
}

/**
 * Score items for readers of `language`: the option a rule names by the label the pack's translation
 * gives it, and a distractor's `why` (pack text carried in the rule's params) from the translation,
 * where it has them. Points, ids, the rule's code and its English sentence stay as scored; an
 * evaluator's reason is their own words and stays as written.
 */
export function scoreItemsIn<T extends ItemWithSource>(items: T[], pack: Pack, language: string): T[] {
  if (language === sourceLanguage(pack) || !pack.translations?.[language]) return items;
  return items.map((item) => {
    const params = paramsIn(item, pack, language);
    if (!params || !('rule' in item.source) || params === item.source.params) return item;
    return { ...item, source: { ...item.source, params } };
  });
}

/**
 * For staff: each distractor line also as the team read it, in each of the team's languages whose
 * words differ from the ones the reader sees (a Korean team's why beside an English control room's).
 */
export function withTeamWording<T extends ItemWithSource>(
  items: T[],
  pack: Pack,
  reader: string,
  teamLanguages: readonly string[],
): (T & { teamWording?: ScoreWording[] })[] {
  const shown = scoreItemsIn(items, pack, reader);
  const others = teamLanguages.filter((l) => l !== reader);
  if (others.length === 0) return shown;
  return shown.map((item, n) => {
    const s = item.source;
    const scored = items[n];
    if (!scored || !('rule' in s) || !s.code || !DISTRACTOR_RULES.has(s.code) || !s.params) return item;
    const wording: ScoreWording[] = [];
    for (const language of others) {
      // from the item as scored (in the source's words), not the reader's
      const p = paramsIn(scored, pack, language);
      if (!p) continue;
      const label = String(p.label ?? p.option);
      const why = String(p.why ?? '');
      if (label === String(s.params.label ?? s.params.option) && why === String(s.params.why ?? '')) continue;
      wording.push({ language, label, why });
    }
    return wording.length > 0 ? { ...item, teamWording: wording } : item;
  });
}
