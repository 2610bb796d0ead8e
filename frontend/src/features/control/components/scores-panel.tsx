import { Accordion, Badge, Group, Progress, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { PanelError } from '../../../components/page-states';
import type { PublicUser, ScoreItem, TeamScore } from '../../../lib/api-types';
import { formatWallTime } from '../../../lib/clock';
import { useEvents } from '../api/get-events';
import { useScores } from '../api/get-scores';
import { scoreVisibilityFromLog, useSetScoreVisibility } from '../api/set-score-visibility';
import { useTimeline } from '../api/get-timeline';

function VisibilitySwitches({ exerciseId }: { exerciseId: string }) {
  const events = useEvents(exerciseId);
  const set = useSetScoreVisibility(exerciseId);
  const current = scoreVisibilityFromLog(events.data);
  return (
    <Stack gap="xs" role="group" aria-label="What teams may see">
      <Switch
        label="Teams may see their own score breakdown after the exercise"
        checked={current.scoresVisible}
        disabled={!events.isSuccess}
        onChange={(e) => set.mutate({ scoresVisible: e.currentTarget.checked })}
        data-testid="scores-visible-switch"
      />
      <Switch
        label="Show the leaderboard to teams"
        checked={current.leaderboard}
        disabled={!events.isSuccess}
        onChange={(e) => set.mutate({ leaderboard: e.currentTarget.checked })}
        data-testid="leaderboard-switch"
      />
    </Stack>
  );
}

function source(item: ScoreItem, viewer: PublicUser | undefined): string {
  if ('rule' in item.source) return `rule: ${item.source.rule}`;
  const who =
    viewer && item.source.evaluator === `user:${viewer.id}`
      ? `${viewer.displayName} (you)`
      : `evaluator ${item.source.evaluator.replace(/^user:/, '').slice(0, 8)}`;
  return `${who} at ${formatWallTime(item.source.at)}: “${item.source.reason}”`;
}

function Breakdown({
  score,
  subject,
  viewer,
}: {
  score: TeamScore;
  subject: (id: string) => string;
  viewer: PublicUser | undefined;
}) {
  if (score.items.length === 0)
    return (
      <Text size="xs" c="dimmed">
        Nothing scored yet.
      </Text>
    );
  return (
    <Table fz="xs" verticalSpacing={2} withTableBorder aria-label={`Score breakdown: ${score.teamName}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Inject</Table.Th>
          <Table.Th scope="col">Item</Table.Th>
          <Table.Th scope="col">Points</Table.Th>
          <Table.Th scope="col">Source</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {score.items.map((i, n) => (
          <Table.Tr
            key={n}
            data-inject-id={i.injectId}
            data-kind={i.kind}
            data-action-id={i.expectedActionId ?? undefined}
          >
            <Table.Td>{subject(i.injectId)}</Table.Td>
            <Table.Td>{i.kind === 'action' ? i.expectedActionId : i.kind}</Table.Td>
            <Table.Td ff="monospace" data-points>
              {i.points}
              {i.max > 0 ? `/${i.max}` : ''}
            </Table.Td>
            <Table.Td>{source(i, viewer)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Live scores: a leaderboard whose rows open into the point-by-point breakdown. */
export function ScoresPanel({
  exerciseId,
  canSetVisibility,
  viewer,
}: {
  exerciseId: string;
  canSetVisibility: boolean;
  viewer: PublicUser | undefined;
}) {
  const scores = useScores(exerciseId);
  const timeline = useTimeline(exerciseId);
  const subjects = new Map((timeline.data ?? []).map((e) => [e.injectId, e.subject]));
  const subject = (id: string) => subjects.get(id) ?? id;
  if (scores.isError) return <PanelError error={scores.error} what="Scores" />;
  const ranked = [...(scores.data ?? [])].sort((a, b) => b.total - a.total);
  return (
    <Stack gap="sm" data-testid="scores-panel">
      {canSetVisibility && <VisibilitySwitches exerciseId={exerciseId} />}
      <Accordion multiple variant="separated" chevronPosition="left" aria-label="Leaderboard">
        {ranked.map((s, n) => (
          <Accordion.Item key={s.teamId} value={s.teamId} data-testid="leaderboard-row" data-team-id={s.teamId}>
            <Accordion.Control>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={600}>
                  {n + 1}. {s.teamName}
                </Text>
                <Badge variant="light" data-testid="team-total">
                  {s.total} / {s.max}
                  <VisuallyHidden> points</VisuallyHidden>
                </Badge>
              </Group>
              <Progress value={s.max > 0 ? (100 * s.total) / s.max : 0} size="xs" mt={4} aria-hidden />
            </Accordion.Control>
            <Accordion.Panel>
              <Breakdown score={s} subject={subject} viewer={viewer} />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  );
}
