import { useTranslation } from 'react-i18next';
import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The card a decision is shown in: the question, whether one team or a consensus of teams
 * decides, then what the caller puts inside (the live vote for players, the options for authors).
 */
export function DecisionFrame({
  question,
  mode,
  attributes,
  children,
}: {
  question: string;
  mode: 'team' | 'consensus';
  attributes?: Record<`data-${string}`, string>;
  children: ReactNode;
}) {
  const { t } = useTranslation('common');
  return (
    <Card withBorder padding="sm" component="section" aria-label={t('decision.label', { question })} {...attributes}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600} translate="no">
            {question}
          </Text>
          <Badge variant="outline" size="sm">
            {mode === 'consensus' ? t('decision.consensus') : t('decision.team')}
          </Badge>
        </Group>
        {children}
      </Stack>
    </Card>
  );
}
