import type { ReactNode } from 'react';

/**
 * Native scrolling region (Mantine's ScrollArea pulls in the floating-ui package, too heavy for
 * the player's bundle; native scrolling also works with the keyboard and screen readers).
 */
export function ScrollPane({
  children,
  maxHeight,
  height,
  flex,
  label,
}: {
  children: ReactNode;
  maxHeight?: string | number;
  height?: string | number;
  flex?: number;
  label?: string;
}) {
  return (
    <div
      style={{ overflow: 'auto', maxHeight, height, flex, minHeight: 0 }}
      tabIndex={label ? 0 : undefined}
      aria-label={label}
      role={label ? 'region' : undefined}
    >
      {children}
    </div>
  );
}
