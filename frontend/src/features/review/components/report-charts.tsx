import { Card, Stack, Text, Title } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { AfterActionReport, TimelineKind } from '../api/report-types';
import { describeTimelineEntry, timelineNames } from '../api/report-types';

const PALETTE = ['#1c7ed6', '#e8590c', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#c2255c', '#5c940d', '#6741d9', '#868e96'];
const colour = (i: number) => PALETTE[i % PALETTE.length] ?? '#868e96';
/** Charts stay legible with this many teams; the tables carry every team. */
const MAX_TEAMS = 10;

function ChartCard({ title, description, children, height = 300 }: { title: string; description: string; children: React.ReactElement; height?: number }) {
  return (
    <Card withBorder component="figure" m={0} aria-label={title}>
      <Stack gap={4}>
        <Title order={3} fz="h5">
          {title}
        </Title>
        <Text size="xs" c="dimmed" component="figcaption">
          {description}
        </Text>
        <div style={{ width: '100%', height }}>
          <ResponsiveContainer>{children}</ResponsiveContainer>
        </div>
      </Stack>
    </Card>
  );
}

const BUCKETS = [
  { label: '≤ 1 min', max: 60_000 },
  { label: '1–2 min', max: 120_000 },
  { label: '2–5 min', max: 300_000 },
  { label: '5–10 min', max: 600_000 },
  { label: '10–15 min', max: 900_000 },
  { label: '15–30 min', max: 1_800_000 },
  { label: '> 30 min', max: Infinity },
];

/** How long each team took to the first response, as a histogram per team. */
export function ResponseTimeChart({ report }: { report: AfterActionReport }) {
  const names = new Map(report.overview.teams.map((t) => [t.id, t.name]));
  const teams = report.metrics.slice(0, MAX_TEAMS);
  const data = BUCKETS.map((b, i) => {
    const row: Record<string, string | number> = { bucket: b.label };
    for (const m of teams) row[m.teamId] = m.perInject.filter((x) => x.firstResponseMs !== null && x.firstResponseMs <= b.max && x.firstResponseMs > (BUCKETS[i - 1]?.max ?? -1)).length;
    return row;
  });
  return (
    <ChartCard title="Response-time distribution" description={`Injects per team by time from delivery to the first response (exercise clock)${report.metrics.length > MAX_TEAMS ? `; first ${MAX_TEAMS} teams` : ''}.`}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="bucket" />
        <YAxis allowDecimals={false} label={{ value: 'injects', angle: -90, position: 'insideLeft' }} />
        <Tooltip />
        <Legend />
        {teams.map((m, i) => (
          <Bar key={m.teamId} dataKey={m.teamId} name={names.get(m.teamId) ?? m.teamId} fill={colour(i)} />
        ))}
      </BarChart>
    </ChartCard>
  );
}

/** Share of the available points each team earned, per objective. */
export function ScoreByObjectiveChart({ report }: { report: AfterActionReport }) {
  if (report.scores.teams.length === 0) return null;
  const names = new Map(report.overview.teams.map((t) => [t.id, t.name]));
  const teams = report.scores.teams.slice(0, MAX_TEAMS);
  const data = report.scores.byObjective.map((b) => {
    const row: Record<string, string | number> = { objective: report.overview.objectives.find((o) => o.id === b.objectiveId)?.coreCapability ?? b.objectiveId };
    for (const t of b.teams) if (teams.some((x) => x.teamId === t.teamId)) row[t.teamId] = t.max ? Math.round((t.points / t.max) * 100) : 0;
    return row;
  });
  return (
    <ChartCard title="Score by objective" description="Percentage of the objective's available points each team earned.">
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="objective" />
        <YAxis domain={[0, 100]} unit="%" />
        <Tooltip />
        <Legend />
        {teams.map((t, i) => (
          <Bar key={t.teamId} dataKey={t.teamId} name={names.get(t.teamId) ?? t.teamId} fill={colour(i)} />
        ))}
      </BarChart>
    </ChartCard>
  );
}

const LANE_KINDS: TimelineKind[] = ['inject', 'acknowledgement', 'response', 'vote', 'decision', 'rfi', 'facilitator', 'journal', 'evaluation'];

/** The exercise as swimlanes: one lane per team plus exercise control, one mark per log entry. */
export function TimelineSwimlane({ report }: { report: AfterActionReport }) {
  const teams = report.overview.teams.slice(0, MAX_TEAMS * 2);
  const lanes = ['Exercise control', ...teams.map((t) => t.name)];
  const laneOf = new Map(teams.map((t, i) => [t.id, i + 1]));
  const names = timelineNames(report);
  const series = LANE_KINDS.map((kind) => ({
    kind,
    points: report.timeline
      .filter((e) => e.kind === kind && e.scenarioMs !== null)
      .flatMap((e) => {
        const ys = e.teamIds.length === 0 || kind === 'facilitator' || kind === 'journal' ? [0] : e.teamIds.flatMap((t) => (laneOf.has(t) ? [laneOf.get(t) ?? 0] : []));
        return ys.map((y) => ({ x: Math.round(((e.scenarioMs ?? 0) / 60_000) * 10) / 10, y, entry: e }));
      })
      .slice(0, 5000)
      .map(({ x, y, entry }) => ({ x, y, summary: describeTimelineEntry(entry, names) })),
  }));
  return (
    <ChartCard title="Timeline swimlanes" description="Each mark is an entry of the exercise event log, placed on the exercise clock (minutes)." height={Math.max(220, lanes.length * 34 + 80)}>
      <ScatterChart margin={{ left: 40 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="x" name="T+ minutes" unit=" min" />
        <YAxis type="number" dataKey="y" domain={[-0.5, lanes.length - 0.5]} ticks={lanes.map((_, i) => i)} tickFormatter={(i: number) => lanes[i] ?? ''} width={150} reversed interval={0} />
        <ZAxis range={[36, 36]} />
        <Tooltip cursor={{ strokeDasharray: '3 3' }} formatter={(v) => String(v)} />
        <Legend />
        {series.map((s, i) => (
          <Scatter key={s.kind} name={s.kind} data={s.points} fill={colour(i)} isAnimationActive={false} />
        ))}
      </ScatterChart>
    </ChartCard>
  );
}

/** Techniques × teams: colour is the share of points earned (or of injects answered when unscored). */
export function CoverageMatrix({ report }: { report: AfterActionReport }) {
  const teams = report.overview.teams.slice(0, MAX_TEAMS * 2);
  const rows = report.coverage;
  if (rows.length === 0) return <Text c="dimmed">No ATT&CK or DISARM techniques were tagged on the injects played.</Text>;
  const data = rows.flatMap((c, y) =>
    teams.flatMap((t, x) => {
      const cell = c.teams.find((v) => v.teamId === t.id);
      if (!cell) return [];
      const share = cell.max > 0 ? cell.points / cell.max : cell.delivered > 0 ? cell.responded / cell.delivered : 0;
      return [{ x, y, share: Math.round(share * 100), label: `${c.framework === 'attack' ? 'ATT&CK' : 'DISARM'} ${c.techniqueId} · ${t.name}: ${Math.round(share * 100)}%` }];
    }),
  );
  const fill = (share: number) => (share >= 80 ? '#2f9e44' : share >= 50 ? '#f08c00' : share > 0 ? '#e8590c' : '#c92a2a');
  return (
    <ChartCard title="ATT&CK / DISARM coverage" description="Techniques played (rows) by team (columns); green ≥ 80 %, amber ≥ 50 %, red below, of points earned (or injects answered when unscored)." height={Math.max(220, rows.length * 30 + 120)}>
      <ScatterChart margin={{ left: 30, bottom: 60 }}>
        <XAxis type="number" dataKey="x" domain={[-0.5, teams.length - 0.5]} ticks={teams.map((_, i) => i)} tickFormatter={(i: number) => teams[i]?.name ?? ''} interval={0} angle={-30} textAnchor="end" />
        <YAxis type="number" dataKey="y" domain={[-0.5, rows.length - 0.5]} ticks={rows.map((_, i) => i)} tickFormatter={(i: number) => `${rows[i]?.techniqueId ?? ''}${rows[i]?.framework === 'disarm' ? ' (DISARM)' : ''}`} width={130} reversed interval={0} />
        <ZAxis range={[260, 260]} />
        <Tooltip formatter={(_v, _n, item) => (item.payload as { label: string }).label} />
        <Scatter data={data} shape="square" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={`${d.x}-${d.y}`} fill={fill(d.share)} />
          ))}
        </Scatter>
      </ScatterChart>
    </ChartCard>
  );
}
