import { useSyncExternalStore } from 'react';

/**
 * Presentation mode: a staff console shown on a projector asks the API for views without player
 * names (`X-Anonymous-View: on`). Kept for this browser tab only (sessionStorage), so a facilitator's
 * own laptop is not left anonymised after the briefing.
 */
const KEY = 'ttx.presentation-mode';
const listeners = new Set<() => void>();

export function presentationMode(): boolean {
  try {
    return window.sessionStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

export function setPresentationMode(on: boolean): void {
  try {
    if (on) window.sessionStorage.setItem(KEY, 'on');
    else window.sessionStorage.removeItem(KEY);
  } catch {
    /* storage refused: the switch simply does not stick */
  }
  for (const l of listeners) l();
}

/** The header every API request carries while presentation mode is on. */
export const presentationHeaders = (): Record<string, string> =>
  presentationMode() ? { 'x-anonymous-view': 'on' } : {};

export function usePresentationMode(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    presentationMode,
    () => false,
  );
}
