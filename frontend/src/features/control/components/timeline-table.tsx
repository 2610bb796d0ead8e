import { Badge, Button, Group, Modal, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { IconBolt, IconPlayerSkipForward } from '@tabler/icons-react';
import { Fragment, useLayoutEffect, useRef, useState } from 'react';
import { PanelError } from '../../../components/page-states';
import type { ExerciseTeam, TimelineEntry } from '../../../lib/api-types';
import { formatScenarioTime, formatWallTime, type LocalClock, scenarioNowMs, wallTimeAt } from '../../../lib/clock';
import { useNow } from '../../../lib/use-now';
import { useFireInject } from '../api/fire-inject';
import { useTimeline } from '../api/get-timeline';
import { useSkipInject } from '../api/skip-inject';
import '../control.css';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatNumber } from '../../../i18n/format';

type RowState = 'waiting' | 'pending' | 'delivered' | 'skipped' | 'not-needed';
const STATUS_COLOR: Record<RowState, string> = {
  waiting: 'gray',
  pending: 'blue',
  delivered: 'teal',
  skipped: 'gray',
  'not-needed': 'gray',
};

const lateBy = (ms: number, t: TFunction<'control'>) =>
  ms < 60_000
    ? t('timeline.lateSeconds', { s: formatNumber(ms / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })
    : t('timeline.lateMinutes', {
        m: Math.floor(ms / 60_000),
        s: String(Math.round((ms % 60_000) / 1000)).padStart(2, '0'),
      });

/** A contingency suppressed for every team is "delivered" to nobody: say so instead of "0/1". */
const rowState = (e: TimelineEntry): RowState =>
  e.status === 'delivered' && e.deliveredTeams === 0 && e.to.length > 0 ? 'not-needed' : e.status;

function wallLabel(e: TimelineEntry, clock: LocalClock): string {
  if (e.status === 'delivered') return formatWallTime(e.deliveredAt);
  if (e.dueAt !== null) return formatWallTime(e.dueAt);
  if (e.status === 'pending' && e.dueScenarioMs !== null) return formatWallTime(wallTimeAt(clock, e.dueScenarioMs));
  return '—';
}

type Confirm = { kind: 'fire' | 'skip'; entry: TimelineEntry } | null;

function ConfirmAction({
  confirm,
  clock,
  teamNames,
  onCancel,
  onConfirm,
  busy,
}: {
  confirm: Confirm;
  clock: LocalClock;
  teamNames: string;
  onCancel: () => void;
  onConfirm: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation(['control', 'common']);
  const e = confirm?.entry;
  const fire = confirm?.kind === 'fire';
  return (
    <Modal
      opened={confirm !== null}
      onClose={onCancel}
      title={fire ? t('timeline.fireTitle') : t('timeline.skipTitle')}
      size="md"
    >
      {e && (
        <Stack gap="sm" data-testid="timeline-confirm">
          <Text size="sm" fw={700} translate="no">
            “{e.subject}”
          </Text>
          <Text size="sm">
            {fire
              ? e.dueScenarioMs !== null
                ? t('timeline.fireBodyPlanned', {
                    teams: teamNames,
                    now: formatScenarioTime(scenarioNowMs(clock)),
                    planned: formatScenarioTime(e.dueScenarioMs),
                  })
                : t('timeline.fireBody', { teams: teamNames, now: formatScenarioTime(scenarioNowMs(clock)) })
              : e.dueScenarioMs !== null
                ? t('timeline.skipBodyPlanned', { planned: formatScenarioTime(e.dueScenarioMs) })
                : t('timeline.skipBody')}
          </Text>
          {clock.status === 'paused' && (
            <Text size="sm" c="var(--mantine-color-orange-light-color)" fw={600}>
              {fire ? t('timeline.pausedFire') : t('timeline.paused')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel} data-autofocus>
              {t('common:cancel')}
            </Button>
            <Button
              color={fire ? 'blue' : 'red'}
              onClick={onConfirm}
              loading={busy}
              leftSection={fire ? <IconBolt size={14} /> : <IconPlayerSkipForward size={14} />}
            >
              {fire ? t('timeline.fireNow') : t('timeline.skipForGood')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/**
 * Every inject of the drill in clock order, with what happened to it and a "now" line the view
 * follows (unless told not to); fire-now and skip, each confirmed by name, for those who steer.
 */
/** When a triggered inject goes out, in a facilitator's words (the pack's trigger types are ids). */
const TRIGGERS = ['after-inject', 'decision-outcome', 'response-option', 'contingency'];

export function TimelineTable({
  exerciseId,
  teams,
  clock,
  steer,
}: {
  exerciseId: string;
  teams: ExerciseTeam[];
  clock: LocalClock;
  steer: boolean;
}) {
  const { t } = useTranslation(['control', 'common']);
  const timeline = useTimeline(exerciseId);
  const fire = useFireInject(exerciseId);
  const skip = useSkipInject(exerciseId);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [follow, setFollow] = useState(true);
  const tableRef = useRef<HTMLTableElement>(null);
  const live = clock.status === 'running' || clock.status === 'paused';
  const now = useNow(1000, live);
  const nowMs = scenarioNowMs(clock, now);
  const teamName = (id: string) => teams.find((x) => x.id === id)?.name ?? id;
  const list = timeline.data ?? [];
  // the "now" line sits before the first inject planned after now (triggered ones come last)
  const nowIndex = live
    ? (() => {
        const i = list.findIndex((e) => e.dueScenarioMs === null || e.dueScenarioMs > nowMs);
        return i === -1 ? list.length : i;
      })()
    : -1;
  useLayoutEffect(() => {
    if (!follow || nowIndex < 0) return;
    const table = tableRef.current;
    const pane = table?.parentElement;
    const line = table?.querySelector<HTMLElement>('[data-testid="now-line"]');
    if (!pane || !line) return;
    // keep "now" a third of the way down: what just happened above, what comes next below
    const offset = line.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    pane.scrollTop += offset - pane.clientHeight / 3;
  }, [nowIndex, follow, list.length]);
  if (timeline.isError) return <PanelError error={timeline.error} what={t('room.timeline')} />;
  const nowRow = (
    <Table.Tr
      data-testid="now-line"
      aria-label={t('timeline.nowAria', { time: formatScenarioTime(nowMs) })}
      className="ttx-now-line"
    >
      <Table.Td colSpan={steer ? 6 : 5} p={0}>
        <Group gap={6} wrap="nowrap" px="xs" py={2}>
          <Text size="xs" fw={700} ff="monospace" className="ttx-now-label">
            {t('timeline.now', { time: formatScenarioTime(nowMs) })}
          </Text>
          <div className="ttx-now-rule" aria-hidden />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap={4}>
      <Group justify="flex-end">
        <Switch
          size="xs"
          label={t('timeline.followNow')}
          checked={follow}
          onChange={(e) => setFollow(e.currentTarget.checked)}
          disabled={!live}
          data-testid="follow-now"
        />
      </Group>
      {/* a scrolling region takes focus so that keyboard users can scroll it (WCAG 2.1.1) */}
      <div
        style={{ overflow: 'auto', maxHeight: 'calc(50vh - 60px)', minHeight: 0 }}
        data-testid="timeline-pane"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        role="region"
        aria-label={t('timeline.regionAria')}
      >
        <Table
          ref={tableRef}
          stickyHeader
          striped
          highlightOnHover
          fz="sm"
          aria-label={t('timeline.tableAria')}
          data-testid="timeline"
          className="ttx-timeline"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('timeline.col.planned')}</Table.Th>
              <Table.Th>{t('timeline.col.wall')}</Table.Th>
              <Table.Th>{t('timeline.col.inject')}</Table.Th>
              <Table.Th>{t('timeline.col.to')}</Table.Th>
              <Table.Th>{t('timeline.col.status')}</Table.Th>
              {steer && <Table.Th>{t('timeline.col.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((e, i) => {
              const open = e.status === 'pending' || e.status === 'waiting';
              const state = rowState(e);
              const sent =
                e.status === 'delivered' && e.deliveredScenarioMs != null && state !== 'not-needed'
                  ? e.deliveredScenarioMs
                  : null;
              return (
                <Fragment key={e.injectId}>
                  {i === nowIndex && nowRow}
                  <Table.Tr data-inject-id={e.injectId} data-status={e.status} data-state={state}>
                    <Table.Td ff="monospace" className="ttx-tl-planned">
                      {e.dueScenarioMs === null
                        ? e.trigger
                          ? TRIGGERS.includes(e.trigger)
                            ? t(`timeline.trigger.${e.trigger as 'contingency'}`)
                            : e.trigger
                          : '—'
                        : formatScenarioTime(e.dueScenarioMs)}
                      {sent !== null && (
                        <Text size="xs" c="dimmed" ff="monospace" data-testid="sent-at">
                          {t('timeline.sent', { time: formatScenarioTime(sent) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ff="monospace" className="ttx-tl-wall">
                      <Text size="xs" c="dimmed" ff="monospace">
                        {wallLabel(e, clock)}
                      </Text>
                    </Table.Td>
                    <Table.Td className="ttx-tl-inject">
                      <Text
                        size="sm"
                        lineClamp={2}
                        td={e.status === 'skipped' ? 'line-through' : undefined}
                        translate="no"
                      >
                        {e.subject}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {e.channel ? t(`common:channel.${e.channel}`) : t('timeline.inject')} ·{' '}
                        <span translate="no">{e.injectId}</span>
                      </Text>
                    </Table.Td>
                    <Table.Td className="ttx-tl-to" data-testid="timeline-to">
                      {/* a phone shows each inject as a card without the table's header: say what the names are */}
                      <Text span size="xs" c="dimmed" className="ttx-tl-to-label">
                        {t('timeline.col.to')}:{' '}
                      </Text>
                      {teams.length > 1 && e.to.length === teams.length ? (
                        <Text span size="xs">
                          {t('timeline.allTeams')}
                        </Text>
                      ) : (
                        <Text span size="xs" translate="no">
                          {e.to.map(teamName).join(', ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td className="ttx-tl-status">
                      <Group gap={4}>
                        <Tooltip label={t(`timeline.hint.${state}`)} multiline w={260}>
                          <Badge
                            size="sm"
                            variant="light"
                            color={STATUS_COLOR[state]}
                            className="ttx-badge-full"
                            data-testid="inject-status"
                          >
                            {t(`timeline.status.${state}`)}
                          </Badge>
                        </Tooltip>
                        {state === 'delivered' && e.deliveredTeams < e.to.length && (
                          <Text size="xs" c="dimmed" title={t('timeline.partialTitle')}>
                            {t('timeline.partial', { n: e.deliveredTeams, of: e.to.length })}
                          </Text>
                        )}
                        {e.late && (
                          <Tooltip label={t('timeline.lateHint')}>
                            <Badge
                              size="sm"
                              color="red.9"
                              variant="filled"
                              className="ttx-badge-full"
                              data-testid="inject-late"
                            >
                              {e.latenessMs != null
                                ? t('timeline.lateBy', { by: lateBy(e.latenessMs, t) })
                                : t('timeline.late')}
                            </Badge>
                          </Tooltip>
                        )}
                      </Group>
                    </Table.Td>
                    {steer && (
                      <Table.Td className="ttx-tl-actions">
                        {open && (
                          <Group gap={4} wrap="nowrap">
                            <Tooltip label={live ? t('timeline.fireHint') : t('timeline.startFirst')}>
                              <Button
                                size="compact-xs"
                                variant="light"
                                leftSection={<IconBolt size={12} />}
                                disabled={!live}
                                onClick={() => setConfirm({ kind: 'fire', entry: e })}
                                aria-label={t('timeline.fireAria', { subject: e.subject })}
                              >
                                {t('timeline.fire')}
                              </Button>
                            </Tooltip>
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="gray"
                              leftSection={<IconPlayerSkipForward size={12} />}
                              disabled={clock.status === 'ended'}
                              onClick={() => setConfirm({ kind: 'skip', entry: e })}
                              aria-label={t('timeline.skipAria', { subject: e.subject })}
                            >
                              {t('timeline.skip')}
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                </Fragment>
              );
            })}
            {nowIndex === list.length && list.length > 0 && nowRow}
          </Table.Tbody>
        </Table>
      </div>
      <ConfirmAction
        confirm={confirm}
        clock={clock}
        teamNames={confirm ? confirm.entry.to.map(teamName).join(', ') || t('timeline.itsTeams') : ''}
        busy={fire.isPending || skip.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          if (!confirm) return;
          const done = { onSettled: () => setConfirm(null) };
          if (confirm.kind === 'fire') fire.mutate(confirm.entry.injectId, done);
          else skip.mutate(confirm.entry.injectId, done);
        }}
      />
    </Stack>
  );
}
