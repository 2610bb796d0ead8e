import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftInject } from './pack-doc';

/** What the editor says about what releases an inject: in words, and the ids behind them. */
export interface TriggerText {
  /** "after “Can the SOC confirm…”", in the interface language, naming the other inject by its subject */
  text: string;
  /** the trigger as written in the pack ("after-inject: cert-advisory"), for a tooltip */
  ids: string;
}

/**
 * Words an inject's trigger for the editor's lists: the inject it waits on by its subject (its id
 * when it has none or is not in the pack), the decision by its question's inject. The ids stay at
 * hand as secondary text.
 */
export function useTriggerText(injects: readonly DraftInject[]): (inject: DraftInject) => TriggerText | null {
  const { t } = useTranslation('author');
  return useCallback(
    (inject: DraftInject) => {
      const trigger = inject.trigger;
      if (!trigger) return null;
      const titleOf = (id: string | undefined) => {
        const other = injects.find((i) => i.id === id);
        return other?.subject || id || '?';
      };
      const decisionInject = injects.find((i) => i.decision?.id && i.decision.id === trigger.decision);
      const ids = `${trigger.type ?? '?'}: ${trigger.inject ?? trigger.decision ?? '?'}`;
      switch (trigger.type) {
        case 'after-inject':
          return { text: t('triggerText.afterInject', { title: titleOf(trigger.inject) }), ids };
        case 'response-option':
          return { text: t('triggerText.responseOption', { title: titleOf(trigger.inject) }), ids };
        case 'contingency':
          return { text: t('triggerText.contingency', { title: titleOf(trigger.inject) }), ids };
        case 'decision-outcome':
          return {
            text: t('triggerText.decisionOutcome', {
              title: decisionInject?.subject || trigger.decision || '?',
            }),
            ids,
          };
        default:
          return { text: t('triggerText.other'), ids };
      }
    },
    [injects, t],
  );
}
