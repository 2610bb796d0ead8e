import { Badge, type BadgeProps } from '@mantine/core';

/**
 * A team's name on a badge, as the pack writes it: not in capitals (Mantine's badge default), which
 * made "Strategic communications / public affairs (Ally B delegation)" hard to read and cut it. The
 * name wraps between words, so it is read whole on a phone too (no ellipsis); the title repeats it.
 */
export function TeamBadge({ name, size = 'sm', ...rest }: { name: string } & Omit<BadgeProps, 'children' | 'tt'>) {
  return (
    <Badge
      variant="light"
      size={size}
      {...rest}
      className="ttx-team-badge"
      title={name}
      translate="no"
      data-testid="team-badge"
    >
      {name}
    </Badge>
  );
}
