import { useSyncExternalStore } from 'react';
import type { ImageMap } from '../api/author-types';

/**
 * Unsaved pack edits kept in this browser's localStorage, so switching packs, following a link or
 * closing the tab loses nothing: the editor restores a kept draft when its pack is opened again.
 * A stored pack's draft is keyed `pack:<packId>`; a pack not saved yet (new, cloned, imported)
 * `new:<when it was started>`.
 */
export interface KeptDraft {
  key: string;
  yaml: string;
  images: ImageMap;
  /** the text the draft started from: the stored version, or the new pack's first text */
  base: string;
  title: string;
  /** the stored pack it edits; null for a pack not saved yet */
  packId: string | null;
  savedAt: number;
}

const PREFIX = 'ttx.author.draft.';
// drafts thrown away while their editor is still open: it must not keep them again as it closes
const droppedOnClose = new Set<string>();
const listeners = new Set<() => void>();
let snapshot: readonly KeptDraft[] | null = null;

function changed(): void {
  snapshot = null;
  for (const l of listeners) l();
}

function isDraft(v: unknown): v is KeptDraft {
  if (!v || typeof v !== 'object') return false;
  const d = v as Partial<KeptDraft>;
  return (
    typeof d.key === 'string' &&
    typeof d.yaml === 'string' &&
    typeof d.base === 'string' &&
    typeof d.savedAt === 'number'
  );
}

export function loadDraft(key: string): KeptDraft | null {
  try {
    const v: unknown = JSON.parse(window.localStorage.getItem(PREFIX + key) ?? 'null');
    return isDraft(v) ? { ...v, images: v.images ?? {}, title: v.title ?? '', packId: v.packId ?? null } : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the draft; false when the browser refuses (storage full or disabled), so the editor can say so.
 * A draft thrown away while its editor closes stays thrown away: a save the editor had timed for a
 * moment after the last keystroke may fire after the discard and before the editor is gone.
 */
export function keepDraft(d: KeptDraft): boolean {
  if (droppedOnClose.has(d.key)) return true;
  try {
    window.localStorage.setItem(PREFIX + d.key, JSON.stringify(d));
    changed();
    return true;
  } catch {
    return false;
  }
}

/** True (once) when the draft was discarded to close its editor; the editor then keeps nothing. */
export function takeDroppedOnClose(key: string): boolean {
  return droppedOnClose.delete(key);
}

export function discardDraft(key: string, opts: { editorClosing?: boolean } = {}): void {
  if (opts.editorClosing) droppedOnClose.add(key);
  try {
    if (window.localStorage.getItem(PREFIX + key) === null) return;
    window.localStorage.removeItem(PREFIX + key);
  } catch {
    return;
  }
  changed();
}

function readAll(): readonly KeptDraft[] {
  const out: KeptDraft[] = [];
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const k = window.localStorage.key(i);
      if (!k?.startsWith(PREFIX)) continue;
      const d = loadDraft(k.slice(PREFIX.length));
      if (d) out.push(d);
    }
  } catch {
    return out;
  }
  return out.sort((a, b) => b.savedAt - a.savedAt);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  // another tab of the editor keeps or discards drafts too
  const onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key.startsWith(PREFIX)) changed();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener('storage', onStorage);
  };
}

/** Every kept draft, newest first; re-renders when one is kept or discarded. */
export function useKeptDrafts(): readonly KeptDraft[] {
  return useSyncExternalStore(subscribe, () => (snapshot ??= readAll()));
}

export const packDraftKey = (packId: string) => `pack:${packId}`;
