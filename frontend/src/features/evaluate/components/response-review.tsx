import { IconCheck, IconX } from '@tabler/icons-react';
import {
  Badge,
  Button,
  Card,
  Group,
  Kbd,
  List,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useRef, useState } from 'react';
import { Markdown } from '../../../components/markdown';
import type { EvaluationQueueItem, ExpectedAction, ScoreItem, TeamScore } from '../../../lib/api-types';
import { formatScenarioTime, formatWallTime } from '../../../lib/clock';
import { useAdjustScore } from '../api/adjust-score';
import { useRecordEvaluation } from '../api/record-evaluation';
import { useShortcuts } from '../hooks/use-shortcuts';
import { type EvaluatorNames, ScoreSourceText } from './score-source';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { TeamBadge } from '../../../components/team-badge';

type Item = EvaluationQueueItem & { inject: NonNullable<EvaluationQueueItem['inject']> };

const pts = (n: number) => String(Math.round(n * 10) / 10);

/** A pack's "hh:mm" as words both sides read the same way ("20 min", "1 h 30 min"). */
export function durationWords(hhmm: string, t: TFunction<'evaluate'>): string {
  const m = /^(\d+):(\d{2})$/.exec(hhmm.trim());
  if (!m) return hhmm;
  const total = Number(m[1]) * 60 + Number(m[2]);
  const h = Math.floor(total / 60);
  const min = total % 60;
  return h === 0 ? t('duration.min', { min }) : min === 0 ? t('duration.h', { h }) : t('duration.hMin', { h, min });
}

/** What the marks say now: met or not met (by a rule or an evaluator), or not assessed yet. */
type Mark = 'met' | 'not-met' | 'none';
function markOf(current: ScoreItem | undefined): Mark {
  if (!current || current.max <= 0) return 'none';
  if (current.points >= current.max) return 'met';
  return 'evaluator' in current.source ? 'not-met' : 'none';
}

function ActionRow(props: {
  action: ExpectedAction;
  index: number;
  focused: boolean;
  current: ScoreItem | undefined;
  names: EvaluatorNames;
  optionLabel: (id: string) => string;
  reason: string;
  error: string | null;
  pending: boolean;
  reasonRef: (el: HTMLTextAreaElement | null) => void;
  onFocus: () => void;
  onReason: (v: string) => void;
  onMark: (met: boolean) => boolean;
}) {
  const { t } = useTranslation(['evaluate', 'control']);
  const { action, current } = props;
  const mark = markOf(current);
  const met = mark === 'met';
  return (
    <Card
      withBorder
      padding="xs"
      data-testid="expected-action"
      data-action-id={action.id}
      data-focused={props.focused}
      aria-current={props.focused ? 'true' : undefined}
      onFocusCapture={props.onFocus}
      style={
        props.focused
          ? { borderColor: 'var(--mantine-color-blue-filled)', boxShadow: '0 0 0 1px var(--mantine-color-blue-filled)' }
          : undefined
      }
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              <Kbd size="xs" mr={6} aria-hidden translate="no">
                {props.index + 1}
              </Kbd>
              <span translate="no">{action.text}</span>
            </Text>
            <Text size="xs" c="dimmed">
              {t('action.points', { n: action.points })}
              {action.options.length > 0 ? (
                <>
                  {' · '}
                  {t('action.countsWhen')}{' '}
                  <span translate="no">{action.options.map(props.optionLabel).join(' / ')}</span>
                </>
              ) : (
                ` · ${t('action.needsEvaluator')}`
              )}
            </Text>
          </Stack>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            <Badge
              color={mark === 'met' ? 'teal' : mark === 'not-met' ? 'red' : 'gray'}
              variant={mark === 'none' ? 'outline' : 'light'}
              data-testid="action-mark"
              data-mark={mark}
            >
              {t(`mark.${mark}`)}
            </Badge>
            {current && (
              <Badge color={met ? 'teal' : 'gray'} variant="light" data-testid="action-points">
                {pts(current.points)} / {pts(current.max)}
              </Badge>
            )}
          </Group>
        </Group>
        {current && <ScoreSourceText source={current.source} names={props.names} />}
        <Textarea
          ref={props.reasonRef}
          label={t('action.reason')}
          description={t('action.reasonHint')}
          autosize
          minRows={1}
          maxRows={5}
          maxLength={2000}
          value={props.reason}
          onChange={(e) => props.onReason(e.currentTarget.value)}
          error={props.error}
          onKeyDown={(e) => {
            // Ctrl/⌘+Enter: met; with Shift: not met. Once marked, focus leaves the field, so the
            // next shortcut keys select and mark instead of being typed into this reason
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              if (props.onMark(!e.shiftKey)) e.currentTarget.blur();
            }
          }}
        />
        <Group gap="xs">
          <Button
            size="xs"
            color="teal"
            variant={mark === 'met' ? 'filled' : 'outline'}
            leftSection={mark === 'met' ? <IconCheck size={14} aria-hidden /> : undefined}
            loading={props.pending}
            onClick={() => props.onMark(true)}
            aria-pressed={mark === 'met'}
            aria-label={t('action.metAria', { text: action.text })}
          >
            {t('mark.met')}
          </Button>
          <Kbd size="xs" aria-hidden title={t('shortcut')} translate="no">
            m
          </Kbd>
          <Button
            size="xs"
            color="red"
            variant={mark === 'not-met' ? 'filled' : 'outline'}
            leftSection={mark === 'not-met' ? <IconX size={14} aria-hidden /> : undefined}
            loading={props.pending}
            onClick={() => props.onMark(false)}
            aria-pressed={mark === 'not-met'}
            aria-label={t('action.notMetAria', { text: action.text })}
          >
            {t('mark.not-met')}
          </Button>
          <Kbd size="xs" aria-hidden title={t('shortcut')} translate="no">
            n
          </Kbd>
        </Group>
      </Stack>
    </Card>
  );
}

function AdjustForm({
  exerciseId,
  item,
  inputRef,
}: {
  exerciseId: string;
  item: Item;
  inputRef: (el: HTMLInputElement | null) => void;
}) {
  const { t } = useTranslation(['evaluate', 'control']);
  const adjust = useAdjustScore(exerciseId);
  const [points, setPoints] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(points);
    if (points === '' || !Number.isFinite(n) || n === 0) return setError(t('adjust.nonZero'));
    if (!reason.trim()) return setError(t('adjust.sayWhy'));
    setError(null);
    adjust.mutate(
      { teamId: item.response.teamId, injectId: item.inject.id, points: n, reason: reason.trim() },
      {
        onSuccess: () => {
          setPoints('');
          setReason('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label={t('adjust.aria')}>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <NumberInput
          ref={inputRef}
          label={t('adjust.points')}
          w={140}
          min={-1000}
          max={1000}
          step={1}
          value={points}
          onChange={setPoints}
        />
        <TextInput
          label={t('adjust.reason')}
          style={{ flex: 1, minWidth: 200 }}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={2000}
        />
        <Button type="submit" size="sm" variant="default" loading={adjust.isPending}>
          {t('adjust.apply')}
        </Button>
      </Group>
      {error && (
        <Text size="xs" c="red" role="alert" mt={4}>
          {error}
        </Text>
      )}
    </form>
  );
}

/**
 * One response under review: what the team wrote and chose, and the inject's expected actions to
 * mark met or not met (each with a reason), plus free adjustments.
 */
export function ResponseReview({
  exerciseId,
  item,
  score,
  names,
  reviewed,
}: {
  exerciseId: string;
  item: Item;
  score: TeamScore | undefined;
  names: EvaluatorNames;
  reviewed: boolean;
}) {
  const { t } = useTranslation(['evaluate', 'control']);
  const evaluate = useRecordEvaluation(exerciseId);
  const actions = item.inject.expectedActions;
  const [focused, setFocused] = useState(0);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const reasonEls = useRef(new Map<string, HTMLTextAreaElement>());
  const adjustEl = useRef<HTMLInputElement | null>(null);
  const optionLabel = (id: string) => item.inject.responseOptions.find((o) => o.id === id)?.label ?? id;
  const items = (score?.items ?? []).filter((i) => i.injectId === item.inject.id);
  const cellPoints = items.reduce((n, i) => n + i.points, 0);
  const cellMax = items.reduce((n, i) => n + i.max, 0);

  /** true when the mark was sent (a reason was given) */
  const mark = (index: number, met: boolean): boolean => {
    const action = actions[index];
    if (!action) return false;
    const reason = (reasons[action.id] ?? '').trim();
    if (!reason) {
      setErrors((e) => ({ ...e, [action.id]: t('action.sayWhy') }));
      reasonEls.current.get(action.id)?.focus();
      return false;
    }
    setErrors((e) => ({ ...e, [action.id]: null }));
    evaluate.mutate(
      { teamId: item.response.teamId, injectId: item.inject.id, expectedActionId: action.id, met, reason },
      { onSuccess: () => setReasons((r) => ({ ...r, [action.id]: '' })) },
    );
    return true;
  };

  useShortcuts({
    m: () => void mark(focused, true),
    n: () => void mark(focused, false),
    ']': () => setFocused((f) => Math.min(actions.length - 1, f + 1)),
    '[': () => setFocused((f) => Math.max(0, f - 1)),
    r: () => {
      const a = actions[focused];
      if (a) reasonEls.current.get(a.id)?.focus();
    },
    a: () => adjustEl.current?.focus(),
    ...Object.fromEntries(actions.slice(0, 9).map((_, i) => [String(i + 1), () => setFocused(i)])),
  });

  return (
    <Stack
      gap="sm"
      component="article"
      aria-labelledby="review-title"
      data-testid="response-review"
      data-response-id={item.response.id}
      data-team-id={item.response.teamId}
      data-inject-id={item.inject.id}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Title order={2} fz="h4" id="review-title" translate="no">
            {item.inject.subject}
          </Title>
          <Text size="sm" c="dimmed">
            <TeamBadge name={item.response.teamName} mr={6} />
            <span translate="no">{item.response.authorName}</span> ·{' '}
            {item.response.scenarioMs !== undefined
              ? `${formatScenarioTime(item.response.scenarioMs)} ${t('control:decisions.local', { time: formatWallTime(item.response.updatedAt) })}`
              : formatWallTime(item.response.updatedAt)}
            {item.inject.respondWithin
              ? ` · ${t('respondWithin', { time: durationWords(item.inject.respondWithin, t) })}`
              : ''}
          </Text>
        </Stack>
        <Stack gap={2} align="flex-end">
          <Badge size="lg" variant="outline" className="ttx-badge-full" data-testid="cell-points">
            {t('cellPoints', { points: pts(cellPoints), max: pts(cellMax) })}
          </Badge>
          {reviewed && (
            <Badge color="teal" variant="light" size="sm">
              {t('queue.reviewed')}
            </Badge>
          )}
        </Stack>
      </Group>
      <Card withBorder padding="sm" component="section" aria-label={t('teamResponse')}>
        {item.response.optionIds.length > 0 ? (
          <>
            <Text size="xs" fw={600} c="dimmed">
              {t('ticked')}
            </Text>
            <List size="sm" mb="xs" data-testid="chosen-options">
              {item.response.optionIds.map((o) => (
                <List.Item key={o} translate="no">
                  ✓ {optionLabel(o)}
                </List.Item>
              ))}
            </List>
          </>
        ) : (
          <Text size="xs" c="dimmed" mb="xs">
            {t('noneTicked')}
          </Text>
        )}
        {item.response.text ? (
          <div translate="no">
            <Markdown>{item.response.text}</Markdown>
          </div>
        ) : (
          <Text size="sm" c="dimmed">
            {t('noNotes')}
          </Text>
        )}
      </Card>
      <Title order={3} fz="h5">
        {t('expected')}
      </Title>
      {actions.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('noExpected')}
        </Text>
      )}
      {actions.map((a, i) => (
        <ActionRow
          key={a.id}
          action={a}
          index={i}
          focused={i === focused}
          current={items.find((x) => x.kind === 'action' && x.expectedActionId === a.id)}
          names={names}
          optionLabel={optionLabel}
          reason={reasons[a.id] ?? ''}
          error={errors[a.id] ?? null}
          pending={evaluate.isPending && evaluate.variables.expectedActionId === a.id}
          reasonRef={(el) => {
            if (el) reasonEls.current.set(a.id, el);
            else reasonEls.current.delete(a.id);
          }}
          onFocus={() => setFocused(i)}
          onReason={(v) => setReasons((r) => ({ ...r, [a.id]: v }))}
          onMark={(met) => mark(i, met)}
        />
      ))}
      {items.some((x) => x.kind !== 'action') && (
        <Stack gap={4} aria-label={t('otherPoints')}>
          {items
            .filter((x) => x.kind !== 'action')
            .map((x, n) => (
              <Group key={n} gap="xs" wrap="nowrap" align="baseline">
                <Badge size="sm" variant="outline">
                  {t(`kind.${x.kind}`)} {x.points}
                  {x.max > 0 ? ` / ${x.max}` : ''}
                </Badge>
                <ScoreSourceText source={x.source} names={names} />
              </Group>
            ))}
        </Stack>
      )}
      <AdjustForm
        key={item.response.id}
        exerciseId={exerciseId}
        item={item}
        inputRef={(el) => (adjustEl.current = el)}
      />
    </Stack>
  );
}
