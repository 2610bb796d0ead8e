import { Badge, Card, Group, List, Stack, Text } from '@mantine/core';
import { Markdown } from '../../../components/markdown';
import { PanelError } from '../../../components/page-states';
import type { TimelineEntry } from '../../../lib/api-types';
import { formatScenarioTime, formatWallTime } from '../../../lib/clock';
import { useExerciseResponses } from '../api/get-exercise-responses';
import { useTimeline } from '../api/get-timeline';

const toMs = (v: number | string) => (typeof v === 'number' ? v : Date.parse(v));

/** Every team's responses as they are logged, the most recently changed first (a page of them in a large drill). */
export function ResponseFeed({ exerciseId }: { exerciseId: string }) {
  const responses = useExerciseResponses(exerciseId);
  const timeline = useTimeline(exerciseId);
  const subjects = new Map((timeline.data ?? []).map((e: TimelineEntry) => [e.injectId, e.subject]));
  if (responses.isError) return <PanelError error={responses.error} what="Response feed" />;
  const list = [...(responses.data?.items ?? [])].sort((a, b) => toMs(b.updatedAt) - toMs(a.updatedAt));
  const total = responses.data?.total ?? 0;
  if (responses.isSuccess && list.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No responses logged yet.
      </Text>
    );
  return (
    <Stack gap="xs" role="log" aria-label="Response feed" aria-live="polite" data-testid="response-feed">
      {total > list.length && (
        <Text size="xs" c="dimmed" data-testid="response-feed-total">
          The {list.length} most recent of {total} responses. Every response is in the after-action report and its
          responses CSV.
        </Text>
      )}
      {list.map((r) => (
        <Card key={r.id} withBorder padding="xs" data-response-id={r.id} data-team-id={r.teamId}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Group gap={6}>
              <Badge size="sm" variant="light">
                {r.teamName}
              </Badge>
              <Text size="xs" fw={600}>
                {r.authorName}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} title={`${formatWallTime(r.updatedAt)} local`}>
              <Text span ff="monospace" size="xs">
                {r.scenarioMs !== undefined ? formatScenarioTime(r.scenarioMs) : formatWallTime(r.updatedAt)}
              </Text>
              {r.revisions.length > 0 ? ` · edited ×${r.revisions.length}` : ''}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" lineClamp={1}>
            Re: {subjects.get(r.injectId) ?? r.injectId}
          </Text>
          {r.optionIds.length > 0 && (
            <List size="xs" mt={4}>
              {r.optionIds.map((o, i) => (
                <List.Item key={o} data-option-id={o}>
                  ✓ {r.optionLabels?.[i] ?? o}
                </List.Item>
              ))}
            </List>
          )}
          {r.vote && (
            <Text size="xs" mt={4} data-vote={r.vote.choice}>
              Vote:{' '}
              <Text span size="xs" fw={700} c={r.vote.choice === 'block' ? 'red.8' : undefined}>
                {r.voteLabel ?? r.vote.choice}
              </Text>
            </Text>
          )}
          {r.text && <Markdown>{r.text}</Markdown>}
        </Card>
      ))}
    </Stack>
  );
}
