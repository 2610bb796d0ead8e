import { Card, Group, List, Stack, Text } from '@mantine/core';
import { Markdown } from '../../../components/markdown';
import { PanelError } from '../../../components/page-states';
import type { TimelineEntry } from '../../../lib/api-types';
import { formatScenarioTime, formatWallTime } from '../../../lib/clock';
import { useExerciseResponses } from '../api/get-exercise-responses';
import { useTimeline } from '../api/get-timeline';
import { useTranslation } from 'react-i18next';
import { TeamBadge } from '../../../components/team-badge';

const toMs = (v: number | string) => (typeof v === 'number' ? v : Date.parse(v));

/** Every team's responses as they are logged, the most recently changed first (a page of them in a large drill). */
export function ResponseFeed({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation('control');
  const responses = useExerciseResponses(exerciseId);
  const timeline = useTimeline(exerciseId);
  const subjects = new Map((timeline.data ?? []).map((e: TimelineEntry) => [e.injectId, e.subject]));
  if (responses.isError) return <PanelError error={responses.error} what={t('feed.title')} />;
  const list = [...(responses.data?.items ?? [])].sort((a, b) => toMs(b.updatedAt) - toMs(a.updatedAt));
  const total = responses.data?.total ?? 0;
  if (responses.isSuccess && list.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('feed.none')}
      </Text>
    );
  return (
    <Stack gap="xs" role="log" aria-label={t('feed.title')} aria-live="polite" data-testid="response-feed">
      {total > list.length && (
        <Text size="xs" c="dimmed" data-testid="response-feed-total">
          {t('feed.partial', { n: list.length, total })}
        </Text>
      )}
      {list.map((r) => (
        <Card key={r.id} withBorder padding="xs" data-response-id={r.id} data-team-id={r.teamId}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Group gap={6}>
              <TeamBadge name={r.teamName} />
              <Text size="xs" fw={600} translate="no">
                {r.authorName}
              </Text>
            </Group>
            <Text
              size="xs"
              c="dimmed"
              style={{ whiteSpace: 'nowrap' }}
              title={t('decisions.localTime', { time: formatWallTime(r.updatedAt) })}
            >
              <Text span ff="monospace" size="xs">
                {r.scenarioMs !== undefined ? formatScenarioTime(r.scenarioMs) : formatWallTime(r.updatedAt)}
              </Text>
              {r.revisions.length > 0 ? ` · ${t('feed.edited', { n: r.revisions.length })}` : ''}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {t('feed.re')} <span translate="no">{subjects.get(r.injectId) ?? r.injectId}</span>
          </Text>
          {r.optionIds.length > 0 && (
            <List size="xs" mt={4}>
              {r.optionIds.map((o, i) => (
                <List.Item key={o} data-option-id={o} translate="no">
                  ✓ {r.optionLabels?.[i] ?? o}
                </List.Item>
              ))}
            </List>
          )}
          {r.vote && (
            <Text size="xs" mt={4} data-vote={r.vote.choice}>
              {t('feed.vote')}{' '}
              {r.vote.choice === 'abstain' || r.vote.choice === 'block' ? (
                // the two positions every member has are interface words, in the reader's language
                <Text span size="xs" fw={700} c={r.vote.choice === 'block' ? 'red.8' : undefined}>
                  {t(`decisions.special.${r.vote.choice}`)}
                </Text>
              ) : (
                <Text span size="xs" fw={700} translate="no">
                  {r.voteLabel ?? r.vote.choice}
                </Text>
              )}
            </Text>
          )}
          {r.text && (
            <div translate="no">
              <Markdown>{r.text}</Markdown>
            </div>
          )}
        </Card>
      ))}
    </Stack>
  );
}
