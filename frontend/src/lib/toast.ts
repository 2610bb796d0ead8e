/**
 * A tiny notification store (the Notifications package and its transition/floating layers cost
 * more bundle than a player's console can afford).
 */
export interface Toast {
  id: string;
  title: string;
  message?: string;
  color?: string;
}

let toasts: Toast[] = [];
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());
let seq = 0;

export function toast(t: Omit<Toast, 'id'> & { id?: string; autoCloseMs?: number }): void {
  const id = t.id ?? `t${++seq}`;
  toasts = [...toasts.filter((x) => x.id !== id), { id, title: t.title, message: t.message, color: t.color }].slice(-4);
  emit();
  window.setTimeout(() => dismissToast(id), t.autoCloseMs ?? 6000);
}

export function dismissToast(id: string): void {
  const next = toasts.filter((x) => x.id !== id);
  if (next.length === toasts.length) return;
  toasts = next;
  emit();
}

export const getToasts = () => toasts;
export function subscribeToasts(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
