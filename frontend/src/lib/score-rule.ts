import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoreSource } from './api-types';

type RuleSource = Extract<ScoreSource, { rule: string }>;

/**
 * Words a scoring rule in the interface language: the server sends the rule's code and what fills
 * it in (`scoreRule.*` in common.json); an option's label and the pack's own text (a distractor's
 * `why`) are content, shown as the server sends them (a player's why comes in the language they play in, where
 * the pack translates it). A cell stored before rules had codes carries only its English
 * sentence, shown as it is.
 */
export function useScoreRuleText(): (source: RuleSource) => string {
  const { t } = useTranslation('common');
  return useCallback(
    (source: RuleSource) =>
      source.code
        ? // an option by its label; a cell stored before rules carried labels names it by its id
          t(`scoreRule.${source.code}`, { ...source.params, label: source.params?.label ?? source.params?.option })
        : source.rule,
    [t],
  );
}
