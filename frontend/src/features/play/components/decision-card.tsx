import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { Alert, Badge, Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { DecisionFrame } from '../../../components/inject-view/decision-frame';
import { errorMessage } from '../../../lib/api-client';
import { type DecisionView, MAX_BLOCK_REASON, type PlayerDecision } from '../../../lib/api-types';
import { formatDuration, formatScenarioTime, formatWallTime, type LocalClock, scenarioNowMs } from '../../../lib/clock';
import { useNow } from '../../../lib/use-now';
import { useCastVote } from '../api/cast-vote';
import { useDecisions } from '../api/get-decisions';
import { useConsoleClosed } from '../hooks/use-console-closed';

const SPECIAL = {
  blocked: 'decision.blocked',
  'timed-out': 'decision.timedOut',
  abstain: 'decision.abstain',
  block: 'decision.block',
} as const;
const special = (t: TFunction<['play', 'common']>, id: string): string | undefined =>
  id in SPECIAL ? t(SPECIAL[id as keyof typeof SPECIAL]) : undefined;
const label = (t: TFunction<['play', 'common']>, d: { options: { id: string; label: string }[] }, id: string) =>
  d.options.find((o) => o.id === id)?.label ?? special(t, id) ?? id;

function TimeLeft({ clock, deadlineScenarioMs }: { clock: LocalClock; deadlineScenarioMs: number }) {
  const { t } = useTranslation(['play', 'common']);
  const now = useNow(1000);
  const left = deadlineScenarioMs - scenarioNowMs(clock, now);
  return (
    <Text size="xs" c={left < 60_000 ? 'orange' : 'dimmed'} data-testid="vote-deadline">
      {t('decision.voteBy', { time: formatScenarioTime(deadlineScenarioMs) })}
      {left > 0 ? t('decision.timeLeft', { time: formatDuration(left) }) : t('decision.deadlineReached')}
    </Text>
  );
}

/** The reason the team stated with its block (only its own team ever sees it). */
function StatedReason({ reason }: { reason: string | null | undefined }) {
  const { t } = useTranslation(['play', 'common']);
  if (!reason) return null;
  return (
    <Text
      size="sm"
      c="dimmed"
      data-testid="my-block-reason"
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
    >
      {t('decision.reasonStated', { reason })}
    </Text>
  );
}

function OpenVote({ decision, clock }: { decision: PlayerDecision; clock: LocalClock }) {
  const { t } = useTranslation(['play', 'common']);
  const vote = useCastVote();
  const [choice, setChoice] = useState<string>(decision.myVote?.choice ?? '');
  const [reason, setReason] = useState<string>(decision.myVote?.reason ?? '');
  const choices = [
    ...decision.options,
    ...(decision.mode === 'consensus'
      ? [
          { id: 'abstain', label: t('decision.abstain') },
          { id: 'block', label: t('decision.block') },
        ]
      : []),
  ];
  const blocking = choice === 'block';
  // a block states its reason (the server refuses one without); a new reason is a change too
  const changed =
    choice !== '' &&
    (choice !== decision.myVote?.choice || (blocking && reason.trim() !== (decision.myVote?.reason ?? '')));
  const ready = changed && (!blocking || reason.trim().length > 0);
  return (
    <form
      aria-label={t('decision.voteForm', { question: decision.question })}
      onSubmit={(e) => {
        e.preventDefault();
        if (ready)
          vote.mutate({ decisionId: decision.decisionId, choice, ...(blocking ? { reason: reason.trim() } : {}) });
      }}
    >
      <Stack gap="xs">
        <Radio.Group label={t('decision.yourVote')} value={choice} onChange={setChoice}>
          <Stack gap={6} mt={6}>
            {choices.map((o) => (
              <Radio
                key={o.id}
                value={o.id}
                label={o.id === 'abstain' || o.id === 'block' ? o.label : <span translate="no">{o.label}</span>}
                className="ttx-play-choice"
              />
            ))}
          </Stack>
        </Radio.Group>
        {blocking && (
          <Textarea
            label={t('decision.blockReason')}
            description={t('decision.blockReasonHint', { length: reason.length, max: MAX_BLOCK_REASON })}
            placeholder={t('decision.blockReasonPlaceholder')}
            required
            autosize
            minRows={2}
            maxRows={6}
            maxLength={MAX_BLOCK_REASON}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="block-reason"
          />
        )}
        <TimeLeft clock={clock} deadlineScenarioMs={decision.deadlineScenarioMs} />
        {vote.isError && (
          <Alert color="red" role="alert" title={t('decision.voteNotSaved')}>
            {errorMessage(vote.error)}
          </Alert>
        )}
        <Group justify="space-between" gap="xs">
          <Text size="sm" data-testid="my-vote" aria-live="polite" style={{ flex: '1 1 14rem' }}>
            {decision.myVote ? (
              <>
                {decision.myVote.participantName ? (
                  <Trans
                    t={t}
                    i18nKey="decision.youVotedBy"
                    values={{
                      choice: label(t, decision, decision.myVote.choice),
                      name: decision.myVote.participantName,
                      time: formatWallTime(decision.myVote.at),
                    }}
                    components={{ b: <b /> }}
                  />
                ) : (
                  <Trans
                    t={t}
                    i18nKey="decision.youVotedOpen"
                    values={{ choice: label(t, decision, decision.myVote.choice) }}
                    components={{ b: <b /> }}
                  />
                )}
                <StatedReason reason={decision.myVote.reason} />
              </>
            ) : (
              t('decision.notVoted')
            )}
          </Text>
          <Button
            type="submit"
            size="sm"
            disabled={!ready}
            loading={vote.isPending}
            className="ttx-play-thumb"
            data-testid="cast-vote"
          >
            {decision.myVote ? t('decision.change') : t('decision.cast')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The decision an inject asks for: the team's own vote (changeable while open) and, once closed,
 * the outcome. Other teams' votes are never shown (the server does not send them).
 */
export function DecisionCard({ view, clock }: { view: DecisionView; clock: LocalClock }) {
  const { t } = useTranslation(['play', 'common']);
  const decisions = useDecisions();
  const decision = decisions.data?.find((d) => d.decisionId === view.id);
  const closed = useConsoleClosed();
  return (
    <DecisionFrame
      question={view.question}
      mode={view.mode}
      attributes={{
        'data-testid': 'decision-card',
        'data-decision-id': view.id,
        'data-status': decision?.status ?? (decisions.isSuccess ? 'not-voting' : 'unknown'),
        'data-outcome': decision?.outcome ?? '',
      }}
    >
      {view.mode === 'consensus' && (
        <Text size="xs" c="dimmed">
          {decision ? t('decision.members', { count: decision.members }) : ''}
          {t('decision.consensusRule')}
        </Text>
      )}
      {decisions.isError && (
        <Text size="sm" c="red">
          {t('decision.couldNotLoad', { error: errorMessage(decisions.error) })}
        </Text>
      )}
      {decision && decision.status === 'open' && closed && (
        <Text size="sm" data-testid="vote-closed">
          {t('decision.votingClosed')}{' '}
          {decision.myVote ? (
            <Trans
              t={t}
              i18nKey="decision.youVoted"
              values={{ choice: label(t, decision, decision.myVote.choice) }}
              components={{ b: <b /> }}
            />
          ) : (
            t('decision.didNotVote')
          )}
        </Text>
      )}
      {decision && decision.status === 'open' && !closed && (
        <OpenVote key={decision.myVote?.choice ?? ''} decision={decision} clock={clock} />
      )}
      {decision && decision.status === 'closed' && (
        <Stack gap={4}>
          <Group gap="xs">
            <Text size="sm">{t('decision.outcome')}</Text>
            <Badge
              color={decision.outcome === 'blocked' ? 'red' : decision.outcome === 'timed-out' ? 'orange' : 'teal'}
              data-testid="decision-outcome"
            >
              {label(t, decision, decision.outcome ?? '')}
            </Badge>
          </Group>
          <Text size="sm" data-testid="my-vote">
            {decision.myVote ? (
              <Trans
                t={t}
                i18nKey="decision.youVoted"
                values={{ choice: label(t, decision, decision.myVote.choice) }}
                components={{ b: <b /> }}
              />
            ) : (
              t('decision.didNotVote')
            )}
          </Text>
          <StatedReason reason={decision.myVote?.reason} />
        </Stack>
      )}
      {decisions.isSuccess && !decision && (
        <Text size="sm" c="dimmed">
          {t('decision.notYours')}
        </Text>
      )}
    </DecisionFrame>
  );
}
