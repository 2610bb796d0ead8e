import { Accordion, Badge, Group, Progress, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { PanelError } from '../../../components/page-states';
import type { PublicUser, ScoreItem, TeamScore } from '../../../lib/api-types';
import { formatWallTime } from '../../../lib/clock';
import { useEvents } from '../api/get-events';
import { useScores } from '../api/get-scores';
import { scoreVisibilityFromLog, useSetScoreVisibility } from '../api/set-score-visibility';
import { useTimeline } from '../api/get-timeline';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useScoreRuleText } from '../../../lib/score-rule';
import { TeamWording } from '../../../components/team-wording';

function VisibilitySwitches({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation('control');
  const events = useEvents(exerciseId);
  const set = useSetScoreVisibility(exerciseId);
  const current = scoreVisibilityFromLog(events.data);
  return (
    <Stack gap="xs" role="group" aria-label={t('scores.whatTeamsSee')}>
      <Switch
        label={t('scores.scoresVisible')}
        checked={current.scoresVisible}
        disabled={!events.isSuccess}
        onChange={(e) => set.mutate({ scoresVisible: e.currentTarget.checked })}
        data-testid="scores-visible-switch"
      />
      <Switch
        label={t('scores.leaderboardVisible')}
        checked={current.leaderboard}
        disabled={!events.isSuccess}
        onChange={(e) => set.mutate({ leaderboard: e.currentTarget.checked })}
        data-testid="leaderboard-switch"
      />
    </Stack>
  );
}

function source(
  item: ScoreItem,
  viewer: PublicUser | undefined,
  t: TFunction<'control'>,
  ruleText: ReturnType<typeof useScoreRuleText>,
): string {
  if ('rule' in item.source) return t('scores.rule', { rule: ruleText(item.source) });
  const who =
    viewer && item.source.evaluator === `user:${viewer.id}`
      ? t('scores.you', { name: viewer.displayName })
      : t('scores.evaluator', { id: item.source.evaluator.replace(/^user:/, '').slice(0, 8) });
  return t('scores.by', { who, time: formatWallTime(item.source.at), reason: item.source.reason });
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
  const { t } = useTranslation('control');
  const ruleText = useScoreRuleText();
  if (score.items.length === 0)
    return (
      <Text size="xs" c="dimmed">
        {t('scores.nothing')}
      </Text>
    );
  return (
    <Table fz="xs" verticalSpacing={2} withTableBorder aria-label={t('scores.breakdownAria', { team: score.teamName })}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('timeline.col.inject')}</Table.Th>
          <Table.Th scope="col">{t('scores.col.item')}</Table.Th>
          <Table.Th scope="col">{t('scores.col.points')}</Table.Th>
          <Table.Th scope="col">{t('scores.col.source')}</Table.Th>
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
            <Table.Td translate="no">{subject(i.injectId)}</Table.Td>
            {i.kind === 'action' ? (
              <Table.Td translate="no">{i.expectedActionId}</Table.Td>
            ) : (
              <Table.Td>{t(`scores.kind.${i.kind}`, { defaultValue: i.kind })}</Table.Td>
            )}
            <Table.Td ff="monospace" data-points>
              {i.points}
              {i.max > 0 ? `/${i.max}` : ''}
            </Table.Td>
            <Table.Td>
              {source(i, viewer, t, ruleText)}
              <TeamWording wording={i.teamWording} />
            </Table.Td>
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
  const { t } = useTranslation('control');
  const scores = useScores(exerciseId);
  const timeline = useTimeline(exerciseId);
  const subjects = new Map((timeline.data ?? []).map((e) => [e.injectId, e.subject]));
  const subject = (id: string) => subjects.get(id) ?? id;
  if (scores.isError) return <PanelError error={scores.error} what={t('room.tab.scores')} />;
  const ranked = [...(scores.data ?? [])].sort((a, b) => b.total - a.total);
  return (
    <Stack gap="sm" data-testid="scores-panel">
      {canSetVisibility && <VisibilitySwitches exerciseId={exerciseId} />}
      <Accordion multiple variant="separated" chevronPosition="left" aria-label={t('scores.leaderboard')}>
        {ranked.map((s, n) => (
          <Accordion.Item key={s.teamId} value={s.teamId} data-testid="leaderboard-row" data-team-id={s.teamId}>
            <Accordion.Control>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={600} translate="no">
                  {n + 1}. {s.teamName}
                </Text>
                <Badge variant="light" data-testid="team-total">
                  {s.total} / {s.max}
                  <VisuallyHidden> {t('scores.points')}</VisuallyHidden>
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
