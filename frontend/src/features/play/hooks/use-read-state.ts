import { useCallback, useState } from 'react';

const keyOf = (participantId: string) => `ttx:read:${participantId}`;

function load(participantId: string): Set<string> {
  try {
    const raw = window.localStorage.getItem(keyOf(participantId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Which injects this participant has opened; kept in this browser only (per participant). */
export function useReadState(participantId: string) {
  const [read, setRead] = useState(() => load(participantId));
  const markRead = useCallback(
    (injectId: string) =>
      setRead((prev) => {
        if (prev.has(injectId)) return prev;
        const next = new Set(prev).add(injectId);
        try {
          window.localStorage.setItem(keyOf(participantId), JSON.stringify([...next]));
        } catch {
          /* private mode or full storage: unread state stays for this tab only */
        }
        return next;
      }),
    [participantId],
  );
  return { isRead: (injectId: string) => read.has(injectId), markRead };
}
