import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { PlayerInjectView, PlayerScores, ScoreItem } from '../../../lib/api-types';
import { formatWallTime } from '../../../lib/clock';

function why(item: ScoreItem): string {
  if ('rule' in item.source) return item.source.rule;
  return `evaluator, ${formatWallTime(item.source.at)}: “${item.source.reason}”`;
}

const KIND: Record<ScoreItem['kind'], string> = { action: 'expected action', timeliness: 'timeliness', adjustment: 'adjustment' };

/** What the instructor lets the team see: its own breakdown after the exercise, and the leaderboard. */
export function TeamScores({ scores, injects, teamName }: { scores: PlayerScores; injects: PlayerInjectView[]; teamName: string }) {
  const subject = (id: string) => injects.find((i) => i.id === id)?.subject ?? id;
  return (
    <Stack gap="md" data-testid="team-scores">
      {scores.own && (
        <Stack gap="xs" component="section" aria-labelledby="own-score-title">
          <Group justify="space-between">
            <Title order={2} fz="h5" id="own-score-title">
              Your team's score
            </Title>
            <Badge size="lg" variant="light" data-testid="own-total">
              {scores.own.total} / {scores.own.max}
            </Badge>
          </Group>
          <Table fz="xs" verticalSpacing={2} withTableBorder aria-label="Your team's score breakdown">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Message</Table.Th>
                <Table.Th scope="col">Points</Table.Th>
                <Table.Th scope="col">Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {scores.own.items.map((i, n) => (
                <Table.Tr key={n} data-inject-id={i.injectId} data-kind={i.kind}>
                  <Table.Td>
                    {subject(i.injectId)}
                    <Text size="xs" c="dimmed">
                      {KIND[i.kind]}
                    </Text>
                  </Table.Td>
                  <Table.Td ff="monospace">
                    {i.points}
                    {i.max > 0 ? `/${i.max}` : ''}
                  </Table.Td>
                  <Table.Td>{why(i)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      {scores.leaderboard && (
        <Stack gap="xs" component="section" aria-labelledby="leaderboard-title">
          <Title order={2} fz="h5" id="leaderboard-title">
            Leaderboard
          </Title>
          <Table fz="sm" verticalSpacing={2} withTableBorder data-testid="player-leaderboard">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">Team</Table.Th>
                <Table.Th scope="col">Points</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {scores.leaderboard.map((r, n) => (
                <Table.Tr key={r.teamName} fw={r.teamName === teamName ? 700 : undefined} aria-current={r.teamName === teamName ? 'true' : undefined}>
                  <Table.Td>{n + 1}</Table.Td>
                  <Table.Td>{r.teamName}</Table.Td>
                  <Table.Td ff="monospace">
                    {r.total} / {r.max}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
