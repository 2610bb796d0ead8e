import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { TableScroll } from '../../../components/table-scroll';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import type { AfterActionReport, TimelineKind } from '../api/report-types';
import { describeTimelineEntry, timelineNames } from '../lib/timeline-text';
import { fanOut } from './swimlane-layout';

/**
 * Okabe–Ito, the colour-blind-safe qualitative palette (black replaced by grey, which stays visible
 * on the dark theme), plus one dark violet for a ninth series: no two series look alike.
 */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999', '#6A3D9A'];
const colour = (i: number) => PALETTE[i % PALETTE.length] ?? '#999999';
/** Charts stay legible with this many teams (one colour each); the tables carry every team. */
const MAX_TEAMS = 8;
/** Legend labels in the text colour: a light series colour (yellow) would be unreadable as text. */
const legendText = (value: ReactNode) => (
  <span style={{ color: 'var(--mantine-color-text)' }} translate="no">
    {value}
  </span>
);

/** `translate="no"` on an SVG element (React's SVG types leave the attribute out): the scenario's words, not the interface's. */
const NO_TRANSLATE = { translate: 'no' } as object;

/** An axis label broken into lines of at most `max` characters, at word boundaries. */
/** Width in Latin characters: Hangul and other East Asian characters take about two. */
const visualLength = (s: string) =>
  s.length + (s.match(/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7a3\uff00-\uffef]/g)?.length ?? 0);

function wrapLabel(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && visualLength(`${last} ${word}`) <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** At most `n` lines; the last one says with an ellipsis that the name goes on (the tick's title holds it whole). */
function firstLines(lines: string[], n: number): string[] {
  if (lines.length <= n) return lines;
  return [...lines.slice(0, n - 1), `${lines[n - 1] ?? ''}…`];
}

/** A category tick drawn as wrapped lines, right-aligned to the axis, so no label is dropped or cut. */
function WrappedTick({ x = 0, y = 0, payload }: { x?: number; y?: number; payload?: { value?: string | number } }) {
  const lines = wrapLabel(String(payload?.value ?? ''), 22);
  // the scenario's words (an objective's core capability), not the interface's
  return (
    <text x={x} y={y} textAnchor="end" fontSize={12} fill="currentColor" {...NO_TRANSLATE}>
      {lines.map((l, i) => (
        <tspan key={i} x={x - 4} dy={i === 0 ? `${0.35 - (lines.length - 1) * 0.6}em` : '1.2em'}>
          {l}
        </tspan>
      ))}
    </text>
  );
}

/** A swimlane's name: exercise control (the interface's words) or a team (the scenario's). */
function LaneTick({
  x = 0,
  y = 0,
  payload,
  lanes,
}: {
  x?: number;
  y?: number;
  payload?: { value?: string | number };
  lanes: string[];
}) {
  const i = Number(payload?.value ?? 0);
  const name = lanes[i] ?? '';
  // a team's name wrapped on up to three lines inside the axis, never cut at the chart's left edge
  const lines = firstLines(wrapLabel(name, LANE_LABEL_CHARS), 3);
  return (
    <text x={x} y={y} textAnchor="end" fontSize={11} fill="currentColor" {...(i > 0 ? NO_TRANSLATE : {})}>
      <title>{name}</title>
      {lines.map((l, n) => (
        <tspan key={n} x={x - 4} dy={n === 0 ? `${0.35 - (lines.length - 1) * 0.6}em` : '1.2em'}>
          {l}
        </tspan>
      ))}
    </text>
  );
}

/** Characters per line of a lane's name, for a 150 px axis at 11 px. */
const LANE_LABEL_CHARS = 24;

function ChartCard({
  title,
  description,
  children,
  height = 300,
}: {
  title: string;
  description: string;
  children: React.ReactElement;
  height?: number;
}) {
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
  { label: 'report.bucket.1', max: 60_000 },
  { label: 'report.bucket.2', max: 120_000 },
  { label: 'report.bucket.5', max: 300_000 },
  { label: 'report.bucket.10', max: 600_000 },
  { label: 'report.bucket.15', max: 900_000 },
  { label: 'report.bucket.30', max: 1_800_000 },
  { label: 'report.bucket.more', max: Infinity },
] as const;

/** How long each team took to the first response, as a histogram per team. */
export function ResponseTimeChart({ report }: { report: AfterActionReport }) {
  const names = new Map(report.overview.teams.map((t) => [t.id, t.name]));
  const teams = report.metrics.slice(0, MAX_TEAMS);
  const { t } = useTranslation('review');
  const data = BUCKETS.map((b, i) => {
    const row: Record<string, string | number> = { bucket: t(b.label) };
    // an answer logged during a pause has no reaction time of its own (the clock stood still): left out
    for (const m of teams)
      row[m.teamId] = m.perInject.filter(
        (x) =>
          x.firstResponseMs !== null &&
          !x.firstResponseWhilePaused &&
          x.firstResponseMs <= b.max &&
          x.firstResponseMs > (BUCKETS[i - 1]?.max ?? -1),
      ).length;
    return row;
  });
  return (
    <ChartCard
      title={t('report.responseChart')}
      description={
        report.metrics.length > MAX_TEAMS
          ? t('report.responseChartHintCut', { n: MAX_TEAMS })
          : t('report.responseChartHint')
      }
    >
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="bucket" />
        <YAxis allowDecimals={false} label={{ value: t('report.injectsAxis'), angle: -90, position: 'insideLeft' }} />
        <Tooltip />
        <Legend formatter={legendText} />
        {teams.map((m, i) => (
          <Bar key={m.teamId} dataKey={m.teamId} name={names.get(m.teamId) ?? m.teamId} fill={colour(i)} />
        ))}
      </BarChart>
    </ChartCard>
  );
}

/** Share of the available points each team earned, per objective: horizontal bars, so every objective's label shows in full. */
export function ScoreByObjectiveChart({ report }: { report: AfterActionReport }) {
  const { t: tr } = useTranslation('aar');
  if (report.scores.teams.length === 0) return null;
  const names = new Map(report.overview.teams.map((t) => [t.id, t.name]));
  const teams = report.scores.teams.slice(0, MAX_TEAMS);
  const data = report.scores.byObjective.map((b) => {
    const row: Record<string, string | number> = {
      objective: report.overview.objectives.find((o) => o.id === b.objectiveId)?.coreCapability ?? b.objectiveId,
    };
    for (const t of b.teams)
      if (teams.some((x) => x.teamId === t.teamId)) row[t.teamId] = t.max ? Math.round((t.points / t.max) * 100) : 0;
    return row;
  });
  const height = data.length * Math.max(44, teams.length * 9 + 14) + 90;
  return (
    <ChartCard
      title={tr('charts.scoreByObjective')}
      description={
        report.scores.teams.length > MAX_TEAMS ? tr('charts.scoreHintCut', { n: MAX_TEAMS }) : tr('charts.scoreHint')
      }
      height={height}
    >
      <BarChart data={data} layout="vertical" margin={{ left: 4, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 100]} unit="%" />
        <YAxis type="category" dataKey="objective" width={150} interval={0} tick={<WrappedTick />} />
        <Tooltip formatter={(v) => `${String(v)}%`} />
        <Legend formatter={legendText} />
        {teams.map((t, i) => (
          <Bar key={t.teamId} dataKey={t.teamId} name={names.get(t.teamId) ?? t.teamId} fill={colour(i)} />
        ))}
      </BarChart>
    </ChartCard>
  );
}

const LANE_KINDS = [
  'inject',
  'acknowledgement',
  'response',
  'vote',
  'decision',
  'rfi',
  'facilitator',
  'journal',
  'evaluation',
] as const satisfies readonly TimelineKind[];

interface LanePoint {
  x: number;
  y: number;
  lane: number;
  kind: (typeof LANE_KINDS)[number];
  summary: string;
}

/** The exercise as swimlanes: one lane per team plus exercise control, one mark per log entry. */
export function TimelineSwimlane({ report }: { report: AfterActionReport }) {
  const { t: tr } = useTranslation('aar');
  const { t: tReview } = useTranslation('review');
  const teams = report.overview.teams.slice(0, MAX_TEAMS * 2);
  const lanes = [tr('charts.control'), ...teams.map((t) => t.name)];
  const laneOf = new Map(teams.map((t, i) => [t.id, i + 1]));
  const names = timelineNames(report);
  const points: LanePoint[] = fanOut(
    LANE_KINDS.flatMap((kind) =>
      report.timeline
        .filter((e) => e.kind === kind && e.scenarioMs !== null)
        .flatMap((e) => {
          const ys =
            e.teamIds.length === 0 || kind === 'facilitator' || kind === 'journal'
              ? [0]
              : e.teamIds.flatMap((t) => (laneOf.has(t) ? [laneOf.get(t) ?? 0] : []));
          return ys.map((y) => ({ x: Math.round(((e.scenarioMs ?? 0) / 60_000) * 10) / 10, y, kind, entry: e }));
        })
        .slice(0, 5000),
    ),
  ).map(({ x, y, lane, kind, entry }) => ({ x, y, lane, kind, summary: describeTimelineEntry(entry, names, tReview) }));
  const series = LANE_KINDS.map((kind) => ({ kind, points: points.filter((p) => p.kind === kind) }));
  // room for a lane name on three lines when any needs more than one
  const laneHeight = lanes.some((l) => wrapLabel(l, LANE_LABEL_CHARS).length > 1) ? 46 : 34;
  return (
    <ChartCard
      title={tr('charts.swimlanes')}
      description={tr('charts.swimlanesHint')}
      height={Math.max(220, lanes.length * laneHeight + 80)}
    >
      <ScatterChart margin={{ left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="x" name={tr('charts.minutesAxis')} unit={tr('charts.minUnit')} />
        <YAxis
          type="number"
          dataKey="y"
          domain={[-0.5, lanes.length - 0.5]}
          ticks={lanes.map((_, i) => i)}
          tick={<LaneTick lanes={lanes} />}
          width={150}
          reversed
          interval={0}
        />
        <ZAxis range={[36, 36]} />
        <Tooltip
          cursor={{ strokeDasharray: '3 3' }}
          content={({ active, payload }) => {
            const p = (payload as readonly { payload?: LanePoint }[] | undefined)?.[0]?.payload;
            if (!active || !p) return null;
            return (
              <Card withBorder padding="xs" shadow="sm" maw={320}>
                <Text size="xs" fw={700}>
                  {tr('charts.tooltip', { x: p.x, lane: lanes[p.lane] ?? '' })}
                </Text>
                <Text size="xs">{p.summary}</Text>
              </Card>
            );
          }}
        />
        <Legend formatter={legendText} />
        {series.map((s, i) => (
          <Scatter
            key={s.kind}
            name={tr(`charts.kind.${s.kind}`)}
            data={s.points}
            fill={colour(i)}
            isAnimationActive={false}
          />
        ))}
      </ScatterChart>
    </ChartCard>
  );
}

/** Shades of one blue (colour-blind safe), darker for a larger share; the share is also written in each cell. */
function shareStyle(share: number, answered: boolean): { bg: string | undefined; fg: string | undefined } {
  if (share >= 80) return { bg: '#0072B2', fg: '#ffffff' };
  if (share >= 50) return { bg: '#56B4E9', fg: '#000000' };
  if (share > 0 || answered) return { bg: '#cfe8f7', fg: '#000000' };
  return { bg: undefined, fg: undefined };
}

/** Techniques × teams as a table: each technique named beside its id, each team's share of points (or of injects answered when unscored). */
export function CoverageMatrix({ report }: { report: AfterActionReport }) {
  const { t: tr } = useTranslation('aar');
  const teams = report.overview.teams;
  const rows = report.coverage;
  const names = timelineNames(report);
  if (rows.length === 0) return <Text c="dimmed">{tr('coverage.none')}</Text>;
  return (
    <Card withBorder component="figure" m={0} aria-label={tr('coverage.title')}>
      <Stack gap={4}>
        <Title order={3} fz="h5">
          {tr('coverage.title')}
        </Title>
        <Text size="xs" c="dimmed" component="figcaption">
          {tr('coverage.hint')}
        </Text>
        <TableScroll minWidth={260 + teams.length * 120} label={tr('coverage.scroll')}>
          <Table aria-label={tr('coverage.label')} withColumnBorders verticalSpacing={4} layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={260}>{tr('coverage.technique')}</Table.Th>
                {teams.map((t) => (
                  <Table.Th key={t.id} style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }} translate="no">
                    {t.name}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={`${c.framework}:${c.techniqueId}`}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <Badge
                        size="xs"
                        variant="light"
                        color={c.framework === 'attack' ? 'blue' : 'grape'}
                        style={{ flexShrink: 0 }}
                        translate="no"
                      >
                        {c.framework === 'attack' ? 'ATT&CK' : 'DISARM'}
                      </Badge>
                      <Text size="sm">
                        {/* ATT&CK and DISARM name their techniques in English only */}
                        <span translate="no">{c.name ? `${c.techniqueId} ${c.name}` : c.techniqueId}</span>
                        {c.assumed ? ` ${tr('coverage.assumed')}` : ''}
                      </Text>
                    </Group>
                    <Text size="xs" c="dimmed" translate="no">
                      {c.injectIds.map((i) => names.inject(i)).join('; ')}
                    </Text>
                  </Table.Td>
                  {teams.map((t) => {
                    const cell = c.teams.find((v) => v.teamId === t.id);
                    if (!cell)
                      return (
                        <Table.Td key={t.id} c="dimmed" ta="center">
                          —
                        </Table.Td>
                      );
                    const share = Math.round(
                      (cell.max > 0
                        ? cell.points / cell.max
                        : cell.delivered > 0
                          ? cell.responded / cell.delivered
                          : 0) * 100,
                    );
                    const st = shareStyle(share, cell.responded > 0);
                    return (
                      <Table.Td
                        key={t.id}
                        ta="center"
                        style={{ background: st.bg, color: st.fg }}
                        aria-label={tr('coverage.cellLabel', {
                          team: t.name,
                          share,
                          responded: cell.responded,
                          delivered: cell.delivered,
                        })}
                      >
                        <Text size="sm" fw={600} inherit>
                          {share}%
                        </Text>
                        <Text size="xs" inherit>
                          {tr('coverage.answered', { responded: cell.responded, delivered: cell.delivered })}
                        </Text>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </Stack>
    </Card>
  );
}
