import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ImageMap } from '../api/author-types';
import { discardDraft, keepDraft, takeDroppedOnClose } from './draft-store';

export function sameImages(a: ImageMap, b: ImageMap): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

interface Options {
  draftKey: string;
  dirty: boolean;
  text: string;
  images: ImageMap;
  base: string;
  title: string;
  packId: string | null;
  onDirtyChange?: (dirty: boolean) => void;
}

/**
 * Keeps the editor's unsaved text in localStorage while it differs from what is stored (a moment
 * after each change, and at once when the editor closes or the page goes away), drops it when it
 * no longer differs, and asks the browser to confirm leaving the page while there are changes.
 */
export function useKeptDraft({ draftKey, dirty, text, images, base, title, packId, onDirtyChange }: Options) {
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const latest = useRef({ dirty, text, images, base, title, packId });
  // set when the text went to the server or was thrown away: nothing is left to keep, even if the
  // editor closes before it renders again
  const settled = useRef(false);
  useEffect(() => {
    latest.current = { dirty, text, images, base, title, packId };
  });

  useEffect(() => {
    takeDroppedOnClose(draftKey);
    const flush = () => {
      const l = latest.current;
      if (settled.current || !l.dirty) return;
      keepDraft({
        key: draftKey,
        yaml: l.text,
        images: l.images,
        base: l.base,
        title: l.title,
        packId: l.packId,
        savedAt: Date.now(),
      });
    };
    const beforeUnload = (e: BeforeUnloadEvent) => {
      flush();
      if (!latest.current.dirty || settled.current) return;
      // the browser asks "leave the page?"; the draft is kept either way
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('pagehide', flush);
      // the editor closes (another pack, another page): keep what is not saved, unless it was just thrown away
      if (!takeDroppedOnClose(draftKey)) flush();
    };
  }, [draftKey]);

  // before the browser paints: a click that follows an edit already finds the page knowing about it
  useLayoutEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  useEffect(() => {
    if (!dirty) {
      discardDraft(draftKey);
      return;
    }
    settled.current = false;
    const t = setTimeout(() => {
      const l = latest.current;
      if (l.dirty && !settled.current)
        keepDraft({
          key: draftKey,
          yaml: l.text,
          images: l.images,
          base: l.base,
          title: l.title,
          packId: l.packId,
          savedAt: Date.now(),
        });
    }, 300);
    return () => clearTimeout(t);
  }, [draftKey, dirty, text, images]);

  useEffect(() => () => onDirtyChange?.(false), [onDirtyChange]);

  return {
    confirmingDiscard,
    setConfirmingDiscard,
    discardDraftNow: () => {
      setConfirmingDiscard(false);
      settled.current = true;
      discardDraft(draftKey);
    },
    markSaved: () => {
      settled.current = true;
      discardDraft(draftKey);
    },
  };
}
