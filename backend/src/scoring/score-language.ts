import type { ScenarioPack } from '../scenarios/pack/pack-schema.js';
import { sourceLanguage } from '../scenarios/pack/pack-translations.js';

/** A score item as the scoring routes and the report carry it (the rule's code and params, or an evaluator's reason). */
interface ItemWithSource {
  injectId: string;
  source:
    | { rule: string; code?: string; params?: Record<string, string | number> }
    | { evaluator: string; at: number; reason: string };
}

const DISTRACTOR_RULES = new Set(['distractor.penalty', 'distractor.cap']);

/**
 * Score items for readers of `language`: a distractor's `why` (pack text carried in the rule's
 * params) from the pack's translation, where it has one. Points, ids, the rule's code and its
 * English sentence stay as scored; an evaluator's reason is their own words and stays as written.
 */
export function scoreItemsIn<T extends ItemWithSource>(
  items: T[],
  pack: Pick<ScenarioPack, 'language' | 'translations'>,
  language: string,
): T[] {
  const injects = pack.translations?.[language]?.injects;
  if (language === sourceLanguage(pack) || !injects) return items;
  return items.map((item) => {
    const s = item.source;
    if (!('rule' in s) || !s.code || !DISTRACTOR_RULES.has(s.code) || !s.params) return item;
    const why = injects[item.injectId]?.distractors?.[String(s.params.option)]?.why;
    return why === undefined ? item : { ...item, source: { ...s, params: { ...s.params, why } } };
  });
}
