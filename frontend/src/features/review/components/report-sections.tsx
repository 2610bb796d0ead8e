import { Badge, List, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../../components/table-scroll';
import { formatScenarioTime, formatWallTime } from '../../../lib/clock';
import { formatNumber, useFormat } from '../../../i18n/format';
import type { AfterActionReport, TeamMetrics } from '../api/report-types';
import { roundPoints, threatActorsLabel } from '../api/report-types';
import { describeTimelineEntry, timelineNames } from '../lib/timeline-text';

const RATING_COLOUR = { P: 'green', S: 'lime', M: 'orange', U: 'red' } as const;
const minutes = (t: TFunction<'review'>, ms: number | null) =>
  ms === null
    ? '—'
    : ms < 60_000
      ? t('report.seconds', { n: formatNumber(Math.round(ms / 1000)) })
      : t('report.minutes', { n: formatNumber(ms / 60_000, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
/** A team's median, or why there is none: its only answers came while the exercise was paused. */
const median = (t: TFunction<'review'>, ms: number | null, m: TeamMetrics) =>
  ms === null && m.whilePaused > 0 ? t('report.pauseOnly') : minutes(t, ms);

export function Overview({ report }: { report: AfterActionReport }) {
  const o = report.overview;
  const { t } = useTranslation('aar');
  const f = useFormat();
  return (
    <Stack gap="sm">
      <Text translate="no">{o.summary}</Text>
      <List size="sm" spacing={2}>
        <List.Item>{t('overview.scenario', { title: o.pack.title, id: o.pack.id, version: o.pack.version })}</List.Item>
        <List.Item>{t('overview.classification', { value: o.scope.classification })}</List.Item>
        <List.Item>
          {t('overview.dates', {
            started: f.timestamp(o.startedAt),
            ended: f.timestamp(o.endedAt),
            reached: formatScenarioTime(o.scenarioElapsedMs),
            planned: o.scope.plannedDuration,
          })}
        </List.Item>
        {o.scope.audience && <List.Item>{t('overview.audience', { value: o.scope.audience })}</List.Item>}
        <List.Item>{t('overview.threatActors', { value: threatActorsLabel(o) || '—' })}</List.Item>
        <List.Item>{t('overview.coreCapabilities', { value: o.coreCapabilities.join('; ') || '—' })}</List.Item>
      </List>
      <Table aria-label={t('overview.teams')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('overview.team')}</Table.Th>
            <Table.Th>{t('overview.description')}</Table.Th>
            <Table.Th>{t('overview.participants')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {o.teams.map((team) => (
            <Table.Tr key={team.id}>
              <Table.Td translate="no">{team.name}</Table.Td>
              <Table.Td translate="no">{team.description}</Table.Td>
              {team.participantNames.length ? (
                <Table.Td translate="no">{team.participantNames.join(', ')}</Table.Td>
              ) : (
                <Table.Td c={team.participants === 0 ? 'dimmed' : undefined}>
                  {team.participants === 0
                    ? t('overview.noPlayers')
                    : t('overview.players', { count: team.participants })}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function ObjectiveRatingsTable({ report }: { report: AfterActionReport }) {
  const { t } = useTranslation('review');
  const names = new Map(report.overview.teams.map((t) => [t.id, t.name]));
  return (
    <TableScroll minWidth={700} label={t('report.objectivesScroll')}>
      <Table aria-label={t('report.objectives')} withColumnBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('report.objective')}</Table.Th>
            {report.overview.teams.map((team) => (
              <Table.Th key={team.id} translate="no">
                {team.name}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.objectives.map((o) => (
            <Table.Tr key={o.objectiveId}>
              <Table.Td translate="no">
                {o.text}{' '}
                <Text span c="dimmed" size="xs">
                  ({o.coreCapability})
                </Text>
              </Table.Td>
              {report.overview.teams.map((team) => {
                const r = o.teams.find((x) => x.teamId === team.id);
                return (
                  <Table.Td
                    key={team.id}
                    aria-label={`${names.get(team.id) ?? ''}: ${r?.rating ? t(`report.rating.${r.rating}`) : t('report.notRated')}`}
                  >
                    {r?.rating ? (
                      <Badge color={RATING_COLOUR[r.rating]} title={t(`report.rating.${r.rating}`)} translate="no">
                        {r.rating}
                      </Badge>
                    ) : (
                      <Text c="dimmed" size="xs">
                        {t('report.notRated')}
                      </Text>
                    )}
                    {r?.observations && (
                      <Text size="xs" translate="no">
                        {r.observations}
                      </Text>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

export function MetricsTable({ report }: { report: AfterActionReport }) {
  const names = new Map(report.overview.teams.map((t) => [t.id, t.name]));
  const score = new Map(report.scores.teams.map((s) => [s.teamId, s]));
  const { t } = useTranslation('review');
  return (
    <Stack gap={4}>
      <TableScroll minWidth={800} label={t('report.metricsScroll')}>
        <Table aria-label={t('report.metrics')} striped>
          <Table.Thead>
            <Table.Tr>
              {(
                [
                  'team',
                  'injects',
                  'acknowledged',
                  'responded',
                  'medianAck',
                  'medianResponse',
                  'onTime',
                  'late',
                  'missed',
                  'score',
                ] as const
              ).map((h) => (
                <Table.Th key={h}>{t(`report.col.${h}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.metrics.map((m) => {
              const s = score.get(m.teamId);
              return (
                <Table.Tr key={m.teamId}>
                  <Table.Td translate="no">{names.get(m.teamId)}</Table.Td>
                  <Table.Td>{m.injectsDelivered}</Table.Td>
                  <Table.Td>{m.acknowledged}</Table.Td>
                  <Table.Td>{m.responded}</Table.Td>
                  <Table.Td>{median(t, m.medianAckMs, m)}</Table.Td>
                  <Table.Td>{median(t, m.medianFirstResponseMs, m)}</Table.Td>
                  <Table.Td>{m.onTime}</Table.Td>
                  <Table.Td c={m.late ? 'orange' : undefined}>{m.late}</Table.Td>
                  <Table.Td c={m.missed ? 'red' : undefined}>{m.missed}</Table.Td>
                  <Table.Td>
                    {s
                      ? t('report.points', {
                          points: formatNumber(roundPoints(s.total)),
                          max: formatNumber(roundPoints(s.max)),
                        })
                      : '—'}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <Text size="xs" c="dimmed">
        {t('report.timingNote')}
      </Text>
    </Stack>
  );
}

export function DecisionLog({ report }: { report: AfterActionReport }) {
  const names = new Map(report.overview.teams.map((t) => [t.id, t.name]));
  const { t } = useTranslation('review');
  if (report.decisions.length === 0) return <Text c="dimmed">{t('report.noDecisions')}</Text>;
  return (
    <Stack gap="md">
      {report.decisions.map((d) => (
        <Stack key={`${d.decisionId}-${d.memberTeamIds.join()}`} gap={4}>
          <Title order={3} fz="h5" translate="no">
            {d.question}
          </Title>
          <Text size="sm">
            {t(`report.mode.${d.mode}`)} · {t(`report.status.${d.status}`)}
            {d.outcome ? t('report.outcome', { outcome: d.outcomeLabel ?? d.outcome }) : ''}
            {d.outcome && d.forced ? t('report.forced') : ''}
            {t('report.deadline', {
              time: d.deadlineScenarioMs === null ? '—' : formatScenarioTime(d.deadlineScenarioMs),
            })}
          </Text>
          <Table aria-label={t('report.votesOn', { question: d.question })}>
            <Table.Tbody>
              {d.memberTeamIds.map((teamId) => {
                const v = d.votes.find((x) => x.teamId === teamId);
                return (
                  <Table.Tr key={teamId}>
                    <Table.Td translate="no">{names.get(teamId) ?? teamId}</Table.Td>
                    <Table.Td>
                      {v ? (
                        <span translate={v.choice === 'abstain' || v.choice === 'block' ? undefined : 'no'}>
                          {v.choiceLabel}
                        </span>
                      ) : (
                        <Text c="dimmed" span>
                          {t('report.noVote')}
                        </Text>
                      )}
                      {v?.reason ? (
                        <Text size="xs" c="dimmed" data-block-reason>
                          {t('report.reasonStated', { reason: v.reason })}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{v?.scenarioMs != null ? formatScenarioTime(v.scenarioMs) : ''}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
    </Stack>
  );
}

export function TimelineTable({ report, limit = 500 }: { report: AfterActionReport; limit?: number }) {
  // a report reads as a story: oldest first, in the order the event log recorded it
  const rows = report.timeline.slice(0, limit);
  const names = timelineNames(report);
  const { t } = useTranslation('review');
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" data-testid="timeline-order">
        {report.timeline.length > limit
          ? t('report.timelineOrderCut', { limit, total: report.timeline.length })
          : t('report.timelineOrder')}
      </Text>
      <TableScroll minWidth={700} label={t('report.timelineScroll')}>
        <Table aria-label={t('report.timeline')} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={48}>#</Table.Th>
              <Table.Th>{t('report.exerciseTime')}</Table.Th>
              <Table.Th>{t('report.wallTime')}</Table.Th>
              <Table.Th>{t('report.event')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((e, n) => (
              <Table.Tr key={e.eventId}>
                <Table.Td c="dimmed">{n + 1}</Table.Td>
                <Table.Td ff="monospace">{e.scenarioMs === null ? '—' : formatScenarioTime(e.scenarioMs)}</Table.Td>
                <Table.Td>{formatWallTime(e.at)}</Table.Td>
                <Table.Td>{describeTimelineEntry(e, names, t)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}

export function HotwashSummaryView({ report }: { report: AfterActionReport }) {
  const { t } = useTranslation('aar');
  const { t: tr } = useTranslation('review');
  const h = report.hotwash;
  if (!h) return null;
  // the survey's fixed questions in the reader's language (the report data holds the source's)
  const question = (id: string) =>
    tr(`hotwash.questions.${id}`, { defaultValue: h.questions.find((q) => q.id === id)?.text ?? id });
  const names = new Map(report.overview.teams.map((t) => [t.id, t.name]));
  return (
    <Stack gap="sm">
      <Text>{t('hotwash.answered', { count: h.submissions })}</Text>
      <Table aria-label={t('hotwash.ratings')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('hotwash.question')}</Table.Th>
            <Table.Th>{t('hotwash.mean')}</Table.Th>
            <Table.Th>{t('hotwash.answers')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {h.ratings.map((r) => (
            <Table.Tr key={r.questionId}>
              <Table.Td>{question(r.questionId)}</Table.Td>
              <Table.Td>{r.mean === null ? '—' : formatNumber(r.mean)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.distribution.join(' / ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {h.questions
        .filter((q) => q.kind === 'text')
        .map((q) => {
          const cs = h.comments.filter((c) => c.questionId === q.id);
          return cs.length === 0 ? null : (
            <Stack key={q.id} gap={2}>
              <Text fw={600}>{question(q.id)}</Text>
              <List size="sm">
                {cs.map((c, i) => (
                  <List.Item key={i} translate="no">
                    <Text span c="dimmed">
                      {names.get(c.teamId)}:
                    </Text>{' '}
                    {c.text}
                  </List.Item>
                ))}
              </List>
            </Stack>
          );
        })}
    </Stack>
  );
}
