import { Badge, Box, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { TableScroll } from '../../../components/table-scroll';
import type { ScoreItem, TeamScore } from '../../../lib/api-types';
import { type EvaluatorNames, ScoreSourceText } from './score-source';
import { useTranslation } from 'react-i18next';

export interface PackLabels {
  subject: (injectId: string) => string;
  action: (injectId: string, actionId: string) => string;
}

function ItemLabel({ item, labels }: { item: ScoreItem; labels: PackLabels }) {
  const { t } = useTranslation(['evaluate', 'control']);
  if (item.kind === 'action' && item.expectedActionId)
    return <span translate="no">{labels.action(item.injectId, item.expectedActionId)}</span>;
  return <>{t(`kind.${item.kind}`)}</>;
}

function Points({ item }: { item: ScoreItem }) {
  return (
    <>
      {item.points > 0 && item.kind === 'adjustment' ? '+' : ''}
      {item.points}
      {item.max > 0 ? ` / ${item.max}` : ''}
    </>
  );
}

/**
 * On a phone: the same lines stacked, one inject after another, each line its item and points on
 * one row and its source under them, so nothing scrolls sideways or is cut.
 */
function StackedBreakdown({
  byInject,
  labels,
  names,
}: {
  byInject: Map<string, ScoreItem[]>;
  labels: PackLabels;
  names: EvaluatorNames;
}) {
  const { t } = useTranslation(['evaluate', 'control']);
  return (
    <Stack gap="xs" data-testid="breakdown-stacked">
      {[...byInject.entries()].map(([injectId, items]) => (
        <Box key={injectId} component="section" aria-label={labels.subject(injectId)} data-inject-id={injectId}>
          <Text size="sm" fw={600} translate="no">
            {labels.subject(injectId)}
          </Text>
          <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {items.map((item, n) => (
              <Box
                component="li"
                key={n}
                py={4}
                style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
                data-inject-id={injectId}
                data-kind={item.kind}
                data-action-id={item.expectedActionId ?? undefined}
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                  <Text size="sm" style={{ minWidth: 0 }}>
                    <ItemLabel item={item} labels={labels} />
                  </Text>
                  <Text
                    size="sm"
                    ff="monospace"
                    style={{ whiteSpace: 'nowrap' }}
                    aria-label={t('control:scores.col.points')}
                    data-points
                  >
                    <Points item={item} />
                  </Text>
                </Group>
                <ScoreSourceText source={item.source} names={names} teamWording={item.teamWording} />
              </Box>
            ))}
          </Box>
        </Box>
      ))}
    </Stack>
  );
}

/** One team's score, point by point: every line names its rule or its evaluator. */
export function TeamBreakdown({
  score,
  labels,
  names,
}: {
  score: TeamScore;
  labels: PackLabels;
  names: EvaluatorNames;
}) {
  const { t } = useTranslation(['evaluate', 'control']);
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;
  const byInject = new Map<string, ScoreItem[]>();
  for (const item of score.items) byInject.set(item.injectId, [...(byInject.get(item.injectId) ?? []), item]);
  return (
    <Card
      withBorder
      padding="sm"
      component="section"
      aria-label={t('breakdown.aria', { team: score.teamName })}
      data-testid="team-breakdown"
      data-team-id={score.teamId}
    >
      <Group justify="space-between" mb="xs">
        <Title order={3} fz="h5" translate="no">
          {score.teamName}
        </Title>
        <Badge size="lg" variant="light" data-testid="team-total">
          {t('breakdown.total', { total: score.total, max: score.max })}
        </Badge>
      </Group>
      {score.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('control:scores.nothing')}
        </Text>
      ) : narrow ? (
        <StackedBreakdown byInject={byInject} labels={labels} names={names} />
      ) : (
        <TableScroll minWidth={560} label={t('breakdown.scroll', { team: score.teamName })}>
          <Table striped withTableBorder fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('control:timeline.col.inject')}</Table.Th>
                <Table.Th scope="col">{t('control:scores.col.item')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('control:scores.col.points')}
                </Table.Th>
                <Table.Th scope="col">{t('control:scores.col.source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...byInject.entries()].flatMap(([injectId, items]) =>
                items.map((item, n) => (
                  <Table.Tr
                    key={`${injectId}-${n}`}
                    data-inject-id={injectId}
                    data-kind={item.kind}
                    data-action-id={item.expectedActionId ?? undefined}
                  >
                    <Table.Td translate="no">{n === 0 ? labels.subject(injectId) : ''}</Table.Td>
                    <Table.Td>
                      <ItemLabel item={item} labels={labels} />
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" data-points>
                      <Points item={item} />
                    </Table.Td>
                    <Table.Td>
                      <ScoreSourceText source={item.source} names={names} teamWording={item.teamWording} />
                    </Table.Td>
                  </Table.Tr>
                )),
              )}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Card>
  );
}

export function ScoreBreakdown({
  scores,
  labels,
  names,
}: {
  scores: TeamScore[];
  labels: PackLabels;
  names: EvaluatorNames;
}) {
  return (
    <Stack gap="sm" data-testid="score-breakdown">
      {scores.map((s) => (
        <TeamBreakdown key={s.teamId} score={s} labels={labels} names={names} />
      ))}
    </Stack>
  );
}
