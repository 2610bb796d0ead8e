import { useTranslation } from 'react-i18next';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The header of a staff seat (control room, evaluator console): exercise name with the seat's
 * badge, a warning when live updates were refused, the pack line, and the seat's actions.
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
        <Stack gap={0}>
          <Group gap="xs">
            <Title order={1} fz="h4" translate="no">
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
          <Text size="xs" c="dimmed">
            {subtitle}
          </Text>
        </Stack>
        <Group gap="md" wrap="wrap">
          {children}
        </Group>
      </Group>
    </Paper>
  );
}
