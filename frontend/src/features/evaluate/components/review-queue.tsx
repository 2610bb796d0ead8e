import { Badge, Center, Grid, Group, SegmentedControl, Stack, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { PanelError } from '../../../components/page-states';
import type { EvaluationQueueItem, ExerciseTeam, TeamScore } from '../../../lib/api-types';
import { formatScenarioTime, formatWallTime } from '../../../lib/clock';
import { useEvaluationQueue } from '../api/get-evaluation-queue';
import { useShortcuts } from '../hooks/use-shortcuts';
import { ResponseReview } from './response-review';
import type { EvaluatorNames } from './score-source';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../i18n/format';
import { TeamBadge } from '../../../components/team-badge';

type Reviewable = EvaluationQueueItem & { inject: NonNullable<EvaluationQueueItem['inject']> };
const reviewable = (i: EvaluationQueueItem): i is Reviewable => i.inject !== null;

/**
 * Responses awaiting review, per team, with the selected one open beside the list. The response
 * being reviewed stays open after it leaves the queue, until the evaluator moves on (j/k).
 */
export function ReviewQueue({
  exerciseId,
  teams,
  scores,
  names,
}: {
  exerciseId: string;
  teams: ExerciseTeam[];
  scores: TeamScore[];
  names: EvaluatorNames;
}) {
  const { t } = useTranslation(['evaluate', 'control']);
  const [team, setTeam] = useState('all');
  // a phone: team names stack in one column instead of running off the screen
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;
  const queue = useEvaluationQueue(exerciseId, team === 'all' ? undefined : team);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [pinned, setPinned] = useState<{ item: Reviewable; index: number } | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const waiting = useMemo(
    () => (queue.data?.items ?? []).filter(reviewable).filter((i) => team === 'all' || i.response.teamId === team),
    [queue.data, team],
  );
  const list = useMemo(() => {
    if (!pinned || waiting.some((i) => i.response.id === pinned.item.response.id)) return waiting;
    if (team !== 'all' && pinned.item.response.teamId !== team) return waiting;
    const at = Math.min(pinned.index, waiting.length);
    return [...waiting.slice(0, at), pinned.item, ...waiting.slice(at)];
  }, [waiting, pinned, team]);
  const index = list.findIndex((i) => i.response.id === selectedId);
  const selected = index >= 0 ? list[index] : undefined;
  const waitingIds = useMemo(() => new Set(waiting.map((i) => i.response.id)), [waiting]);

  // keep the open response (and its place) in hand while the queue changes under it
  useEffect(() => {
    if (selected && waitingIds.has(selected.response.id)) setPinned({ item: selected, index });
  }, [selected, index, waitingIds]);
  // open the first response when nothing is open
  useEffect(() => {
    if (!selected && list[0]) setSelectedId(list[0].response.id);
  }, [selected, list]);

  const select = (i: number) => {
    const next = list[Math.max(0, Math.min(list.length - 1, i))];
    if (!next) return;
    setSelectedId(next.response.id);
    listRef.current
      ?.querySelector<HTMLElement>(`[data-response-id="${next.response.id}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  };
  useShortcuts({ j: () => select(index + 1), k: () => select(index - 1) });

  const counts = queue.data?.byTeam ?? {};
  const shown = queue.data?.items.length ?? 0;
  const ofTeam = team === 'all' ? (queue.data?.total ?? 0) : (counts[team] ?? 0);

  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label={t('queue.team')}
        orientation={narrow ? 'vertical' : 'horizontal'}
        fullWidth
        size="xs"
        // a pack's team names are long ("Strategic communications / public affairs (Ally B
        // delegation)"): each wraps inside its segment instead of running off the screen or being cut
        classNames={{ label: 'ttx-segment-wrap' }}
        value={team}
        onChange={setTeam}
        data={[
          { value: 'all', label: t('queue.allTeams', { n: queue.data?.total ?? 0 }) },
          ...teams.map((x) => ({
            value: x.id,
            label: (
              <span>
                <span translate="no">{x.name}</span> ({formatNumber(counts[x.id] ?? 0)})
              </span>
            ),
          })),
        ]}
      />
      {ofTeam > shown && (
        <Text size="xs" c="dimmed" data-testid="queue-page">
          {t('queue.page', { shown, total: ofTeam })}
        </Text>
      )}
      {queue.isError && <PanelError error={queue.error} what={t('tab.review')} />}
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 4 }}>
          {list.length === 0 ? (
            <Center h={120}>
              <Text size="sm" c="dimmed" data-testid="queue-empty">
                {queue.isPending ? t('control:grid.loading') : t('queue.empty')}
              </Text>
            </Center>
          ) : (
            <Stack
              component="ul"
              gap={4}
              ref={listRef}
              aria-label={t('queue.aria')}
              data-testid="review-queue"
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
            >
              {list.map((i) => {
                const current = i.response.id === selectedId;
                return (
                  <li
                    key={i.response.id}
                    data-response-id={i.response.id}
                    data-team-id={i.response.teamId}
                    data-inject-id={i.response.injectId}
                  >
                    <UnstyledButton
                      onClick={() => setSelectedId(i.response.id)}
                      aria-current={current ? 'true' : undefined}
                      w="100%"
                      p="xs"
                      style={{
                        borderRadius: 4,
                        border: '1px solid var(--mantine-color-default-border)',
                        background: current ? 'var(--mantine-color-blue-light)' : undefined,
                      }}
                    >
                      <Group justify="space-between" gap={4} wrap="nowrap">
                        <TeamBadge name={i.response.teamName} />
                        <Text
                          size="xs"
                          c="dimmed"
                          ff="monospace"
                          style={{ flexShrink: 0 }}
                          title={t('control:decisions.localTime', { time: formatWallTime(i.response.updatedAt) })}
                        >
                          {i.response.scenarioMs !== undefined
                            ? formatScenarioTime(i.response.scenarioMs)
                            : formatWallTime(i.response.updatedAt)}
                        </Text>
                      </Group>
                      <Text size="sm" fw={600} lineClamp={1} translate="no">
                        {i.inject.subject}
                      </Text>
                      <Group gap={4}>
                        <Text size="xs" c="dimmed" translate="no">
                          {i.response.authorName}
                        </Text>
                        {!waitingIds.has(i.response.id) && (
                          <Badge size="xs" color="teal" variant="light">
                            {t('queue.reviewed')}
                          </Badge>
                        )}
                      </Group>
                    </UnstyledButton>
                  </li>
                );
              })}
            </Stack>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {selected && (
            <ResponseReview
              key={selected.response.id}
              exerciseId={exerciseId}
              item={selected}
              score={scores.find((s) => s.teamId === selected.response.teamId)}
              names={names}
              reviewed={!waitingIds.has(selected.response.id)}
            />
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
