import { Badge, List, Stack, Table, Text, Title } from '@mantine/core';
import { TableScroll } from '../../../components/table-scroll';
import { formatScenarioTime, formatWallTime } from '../../../lib/clock';
import { formatDateTime } from '../api/report-dates';
import type { AfterActionReport, TeamMetrics } from '../api/report-types';
import { describeTimelineEntry, participantsLabel, pointsOf, RATING_LABELS, threatActorsLabel, timelineNames, TIMING_NOTE } from '../api/report-types';

const RATING_COLOUR = { P: 'green', S: 'lime', M: 'orange', U: 'red' } as const;
const minutes = (ms: number | null) => (ms === null ? '—' : ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 60_000).toFixed(1)} min`);
/** A team's median, or why there is none: its only answers came while the exercise was paused. */
const median = (ms: number | null, m: TeamMetrics) => (ms === null && m.whilePaused > 0 ? 'during a pause only' : minutes(ms));

export function Overview({ report }: { report: AfterActionReport }) {
  const o = report.overview;
  return (
    <Stack gap="sm">
      <Text>{o.summary}</Text>
      <List size="sm" spacing={2}>
        <List.Item>Scenario: {o.pack.title} (pack {o.pack.id} {o.pack.version})</List.Item>
        <List.Item>Classification: {o.scope.classification}</List.Item>
        <List.Item>
          Started {formatDateTime(o.startedAt)}, ended {formatDateTime(o.endedAt)}; clock reached {formatScenarioTime(o.scenarioElapsedMs)} of {o.scope.plannedDuration}
        </List.Item>
        {o.scope.audience && <List.Item>Audience: {o.scope.audience}</List.Item>}
        <List.Item>Threat actors: {threatActorsLabel(o) || '—'}</List.Item>
        <List.Item>Core capabilities: {o.coreCapabilities.join('; ') || '—'}</List.Item>
      </List>
      <Table aria-label="Participating teams">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Team</Table.Th>
            <Table.Th>Description</Table.Th>
            <Table.Th>Participants</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {o.teams.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>{t.name}</Table.Td>
              <Table.Td>{t.description}</Table.Td>
              <Table.Td c={t.participants === 0 ? 'dimmed' : undefined}>{participantsLabel(t)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function ObjectiveRatingsTable({ report }: { report: AfterActionReport }) {
  const names = new Map(report.overview.teams.map((t) => [t.id, t.name]));
  return (
    <TableScroll minWidth={700} label="Objectives by team (scrolls sideways)">
      <Table aria-label="Objectives by team" withColumnBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Objective (core capability)</Table.Th>
            {report.overview.teams.map((t) => (
              <Table.Th key={t.id}>{t.name}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.objectives.map((o) => (
            <Table.Tr key={o.objectiveId}>
              <Table.Td>
                {o.text} <Text span c="dimmed" size="xs">({o.coreCapability})</Text>
              </Table.Td>
              {report.overview.teams.map((t) => {
                const r = o.teams.find((x) => x.teamId === t.id);
                return (
                  <Table.Td key={t.id} aria-label={`${names.get(t.id) ?? ''}: ${r?.rating ? RATING_LABELS[r.rating] : 'not rated'}`}>
                    {r?.rating ? <Badge color={RATING_COLOUR[r.rating]} title={RATING_LABELS[r.rating]}>{r.rating}</Badge> : <Text c="dimmed" size="xs">not rated</Text>}
                    {r?.observations && <Text size="xs">{r.observations}</Text>}
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
  return (
    <Stack gap={4}>
      <TableScroll minWidth={800} label="Team performance (scrolls sideways)">
        <Table aria-label="Team performance" striped>
          <Table.Thead>
            <Table.Tr>
              {['Team', 'Injects', 'Acknowledged', 'Responded', 'Median time to acknowledge', 'Median time to first response', 'On time', 'Late', 'Missed', 'Score'].map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.metrics.map((m) => {
              const s = score.get(m.teamId);
              return (
                <Table.Tr key={m.teamId}>
                  <Table.Td>{names.get(m.teamId)}</Table.Td>
                  <Table.Td>{m.injectsDelivered}</Table.Td>
                  <Table.Td>{m.acknowledged}</Table.Td>
                  <Table.Td>{m.responded}</Table.Td>
                  <Table.Td>{median(m.medianAckMs, m)}</Table.Td>
                  <Table.Td>{median(m.medianFirstResponseMs, m)}</Table.Td>
                  <Table.Td>{m.onTime}</Table.Td>
                  <Table.Td c={m.late ? 'orange' : undefined}>{m.late}</Table.Td>
                  <Table.Td c={m.missed ? 'red' : undefined}>{m.missed}</Table.Td>
                  <Table.Td>{s ? pointsOf(s.total, s.max) : '—'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <Text size="xs" c="dimmed">
        {TIMING_NOTE}
      </Text>
    </Stack>
  );
}

export function DecisionLog({ report }: { report: AfterActionReport }) {
  const names = new Map(report.overview.teams.map((t) => [t.id, t.name]));
  if (report.decisions.length === 0) return <Text c="dimmed">No decisions were put to the teams.</Text>;
  return (
    <Stack gap="md">
      {report.decisions.map((d) => (
        <Stack key={`${d.decisionId}-${d.memberTeamIds.join()}`} gap={4}>
          <Title order={3} fz="h5">
            {d.question}
          </Title>
          <Text size="sm">
            {d.mode} · {d.status}
            {d.outcome ? ` · outcome: ${d.outcomeLabel ?? d.outcome}${d.forced ? ' (forced by exercise control)' : ''}` : ''} · deadline {d.deadlineScenarioMs === null ? '—' : formatScenarioTime(d.deadlineScenarioMs)}
          </Text>
          <Table aria-label={`Votes on ${d.question}`}>
            <Table.Tbody>
              {d.memberTeamIds.map((t) => {
                const v = d.votes.find((x) => x.teamId === t);
                return (
                  <Table.Tr key={t}>
                    <Table.Td>{names.get(t) ?? t}</Table.Td>
                    <Table.Td>
                      {v ? v.choiceLabel : <Text c="dimmed" span>no vote</Text>}
                      {v?.reason ? (
                        <Text size="xs" c="dimmed" data-block-reason>
                          Reason stated: {v.reason}
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
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" data-testid="timeline-order">
        Oldest first, in the order the events happened{report.timeline.length > limit ? ` (the first ${limit} of ${report.timeline.length} entries; every entry is in the exports)` : ''}.
      </Text>
      <TableScroll minWidth={700} label="Timeline (scrolls sideways)">
        <Table aria-label="Timeline, oldest first" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={48}>#</Table.Th>
              <Table.Th>Exercise time</Table.Th>
              <Table.Th>Wall time</Table.Th>
              <Table.Th>Event</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((e, n) => (
              <Table.Tr key={e.eventId}>
                <Table.Td c="dimmed">{n + 1}</Table.Td>
                <Table.Td ff="monospace">{e.scenarioMs === null ? '—' : formatScenarioTime(e.scenarioMs)}</Table.Td>
                <Table.Td>{formatWallTime(e.at)}</Table.Td>
                <Table.Td>{describeTimelineEntry(e, names)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}

export function HotwashSummaryView({ report }: { report: AfterActionReport }) {
  const h = report.hotwash;
  if (!h) return null;
  const names = new Map(report.overview.teams.map((t) => [t.id, t.name]));
  return (
    <Stack gap="sm">
      <Text>{h.submissions} player(s) answered the hotwash survey.</Text>
      <Table aria-label="Hotwash ratings">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Question</Table.Th>
            <Table.Th>Mean (1–5)</Table.Th>
            <Table.Th>Answers 1 / 2 / 3 / 4 / 5</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {h.ratings.map((r) => (
            <Table.Tr key={r.questionId}>
              <Table.Td>{h.questions.find((q) => q.id === r.questionId)?.text}</Table.Td>
              <Table.Td>{r.mean ?? '—'}</Table.Td>
              <Table.Td>{r.distribution.join(' / ')}</Table.Td>
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
              <Text fw={600}>{q.text}</Text>
              <List size="sm">
                {cs.map((c, i) => (
                  <List.Item key={i}>
                    <Text span c="dimmed">{names.get(c.teamId)}:</Text> {c.text}
                  </List.Item>
                ))}
              </List>
            </Stack>
          );
        })}
    </Stack>
  );
}
