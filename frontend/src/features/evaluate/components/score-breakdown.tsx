import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { TableScroll } from '../../../components/table-scroll';
import type { ScoreItem, TeamScore } from '../../../lib/api-types';
import { type EvaluatorNames, ScoreSourceText } from './score-source';

export interface PackLabels {
  subject: (injectId: string) => string;
  action: (injectId: string, actionId: string) => string;
}

const KIND_LABEL: Record<ScoreItem['kind'], string> = {
  action: 'expected action',
  timeliness: 'timeliness',
  adjustment: 'adjustment',
};

function itemLabel(item: ScoreItem, labels: PackLabels): string {
  if (item.kind === 'action' && item.expectedActionId) return labels.action(item.injectId, item.expectedActionId);
  return KIND_LABEL[item.kind];
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
  const byInject = new Map<string, ScoreItem[]>();
  for (const item of score.items) byInject.set(item.injectId, [...(byInject.get(item.injectId) ?? []), item]);
  return (
    <Card
      withBorder
      padding="sm"
      component="section"
      aria-label={`Score breakdown: ${score.teamName}`}
      data-testid="team-breakdown"
      data-team-id={score.teamId}
    >
      <Group justify="space-between" mb="xs">
        <Title order={3} fz="h5">
          {score.teamName}
        </Title>
        <Badge size="lg" variant="light" data-testid="team-total">
          {score.total} / {score.max} pts
        </Badge>
      </Group>
      {score.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing scored yet.
        </Text>
      ) : (
        <TableScroll minWidth={560} label={`Score breakdown: ${score.teamName} (scrolls sideways)`}>
          <Table striped withTableBorder fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Inject</Table.Th>
                <Table.Th scope="col">Item</Table.Th>
                <Table.Th scope="col" ta="right">
                  Points
                </Table.Th>
                <Table.Th scope="col">Source</Table.Th>
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
                    <Table.Td>{n === 0 ? labels.subject(injectId) : ''}</Table.Td>
                    <Table.Td>{itemLabel(item, labels)}</Table.Td>
                    <Table.Td ta="right" ff="monospace" data-points>
                      {item.points > 0 && item.kind === 'adjustment' ? '+' : ''}
                      {item.points}
                      {item.max > 0 ? ` / ${item.max}` : ''}
                    </Table.Td>
                    <Table.Td>
                      <ScoreSourceText source={item.source} names={names} />
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
