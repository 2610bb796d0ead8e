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

/** A trigger reduced to what the words need: its type, the inject it names and the subject to say. */
export interface TriggerRef {
  type: string | null | undefined;
  /** the inject id or decision id the pack writes after the type */
  ref: string | null | undefined;
  /** the subject of the inject it waits on (for a decision, of the inject that asks it) */
  title: string;
}

/** Words for a trigger whatever its source (the draft, or a dry run's report of the saved pack). */
export function useTriggerWords(): (trigger: TriggerRef) => TriggerText {
  const { t } = useTranslation('author');
  return useCallback(
    ({ type, ref, title }: TriggerRef) => {
      const ids = `${type ?? '?'}: ${ref ?? '?'}`;
      switch (type) {
        case 'after-inject':
          return { text: t('triggerText.afterInject', { title }), ids };
        case 'response-option':
          return { text: t('triggerText.responseOption', { title }), ids };
        case 'contingency':
          return { text: t('triggerText.contingency', { title }), ids };
        case 'decision-outcome':
          return { text: t('triggerText.decisionOutcome', { title }), ids };
        default:
          return { text: t('triggerText.other'), ids };
      }
    },
    [t],
  );
}

/**
 * Words an inject's trigger for the editor's lists: the inject it waits on by its subject (its id
 * when it has none or is not in the pack), the decision by its question's inject. The ids stay at
 * hand as secondary text.
 */
export function useTriggerText(injects: readonly DraftInject[]): (inject: DraftInject) => TriggerText | null {
  const words = useTriggerWords();
  return useCallback(
    (inject: DraftInject) => {
      const trigger = inject.trigger;
      if (!trigger) return null;
      if (trigger.type === 'decision-outcome') {
        const asking = injects.find((i) => i.decision?.id && i.decision.id === trigger.decision);
        return words({
          type: trigger.type,
          ref: trigger.decision,
          title: asking?.subject || trigger.decision || '?',
        });
      }
      const other = injects.find((i) => i.id === trigger.inject);
      return words({
        type: trigger.type,
        ref: trigger.inject ?? trigger.decision,
        title: other?.subject || trigger.inject || '?',
      });
    },
    [injects, words],
  );
}
