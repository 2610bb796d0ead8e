import { useTranslation } from 'react-i18next';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The header of a staff seat (control room, evaluator console): exercise name with the seat's
 * badge, a warning when live updates were refused, the pack line, and the seat's actions. On a
 * phone the name keeps one line and the pack line gives way, so the seat's screen stays its own.
 */
export function SeatHeader({
  title,
  seat,
  refused,
  subtitle,
  children,
}: {
  title: string;
  seat: string;
  refused: string | null;
  subtitle: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      component="header"
      px="md"
      py="xs"
      radius={0}
      withBorder
      style={{ borderLeft: 0, borderRight: 0, borderTop: 0 }}
    >
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Stack gap={0} className="ttx-seat-heading">
          <Group gap="xs" wrap="nowrap">
            <Title order={1} fz="h4" translate="no" className="ttx-seat-title" title={title}>
              {title}
            </Title>
            <Badge variant="outline" size="sm">
              {seat}
            </Badge>
            {refused !== null && (
              <Badge color="red" size="sm" title={refused || undefined}>
                {t('liveUpdatesRefused')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" visibleFrom="sm">
            {subtitle}
          </Text>
        </Stack>
        <Group gap="md" wrap="wrap" className="ttx-seat-actions">
          {children}
        </Group>
      </Group>
    </Paper>
  );
}
