import { useEffect, useRef } from 'react';
import type { ControlThread } from '../../../lib/api-types';
import { toast } from '../../../lib/toast';
import { useExerciseThreads } from '../api/get-exercise-threads';
import { useTranslation } from 'react-i18next';

/** A thread waits for control when its last message came from a team. */
export const awaitingReply = (t: ControlThread) => t.messages[t.messages.length - 1]?.from === 'team';

/**
 * Requests for information must not wait unseen while the facilitator looks at another tab: the
 * count of requests awaiting a reply (for the tab's badge), and a toast for each new team message
 * that arrives while the Requests tab is not open. Messages present at the first load are not new.
 */
export function useRfiAttention(exerciseId: string, enabled: boolean, requestsOpen: boolean): number {
  const { t } = useTranslation('control');
  const threads = useExerciseThreads(exerciseId, enabled);
  const seen = useRef<Set<string> | null>(null);
  const open = useRef(requestsOpen);
  useEffect(() => {
    open.current = requestsOpen;
  }, [requestsOpen]);
  useEffect(() => {
    if (!threads.data) return;
    const teamMessages = threads.data.flatMap((th) =>
      th.messages.filter((m) => m.from === 'team').map((m) => ({ thread: th, message: m })),
    );
    if (seen.current === null) {
      seen.current = new Set(teamMessages.map((x) => x.message.id));
      return;
    }
    for (const { thread, message } of teamMessages) {
      if (seen.current.has(message.id)) continue;
      seen.current.add(message.id);
      if (!open.current)
        toast({
          id: `rfi-${message.id}`,
          title: t('rfi.toastTitle', { team: thread.teamName }),
          message: t('rfi.toastBody', {
            subject: thread.subject,
            party: thread.party?.name ?? t('rfi.exerciseControl'),
          }),
          color: 'orange',
          autoCloseMs: 10_000,
        });
    }
  }, [threads.data, t]);
  return (threads.data ?? []).filter(awaitingReply).length;
}
