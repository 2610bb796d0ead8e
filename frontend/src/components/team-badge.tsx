import { Badge, type BadgeProps } from '@mantine/core';

/**
 * A team's name on a badge, as the pack writes it: not in capitals (Mantine's badge default), which
 * made "Strategic communications / public affairs (Ally B delegation)" hard to read and cut it.
 * `clip`: one line ending in an ellipsis, the full name in the tooltip (a compact list); otherwise
 * the name wraps between words.
 */
export function TeamBadge({
  name,
  clip = false,
  size = 'sm',
  ...rest
}: { name: string; clip?: boolean } & Omit<BadgeProps, 'children' | 'tt'>) {
  return (
    <Badge
      variant="light"
      size={size}
      {...rest}
      className="ttx-team-badge"
      data-clip={clip || undefined}
      title={name}
      translate="no"
      data-testid="team-badge"
    >
      {name}
    </Badge>
  );
}
