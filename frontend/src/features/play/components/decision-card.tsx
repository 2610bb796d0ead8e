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

const SPECIAL: Record<string, string> = { blocked: 'Blocked', 'timed-out': 'Timed out (no decision)', abstain: 'Abstain', block: 'Block (object)' };
const label = (d: { options: { id: string; label: string }[] }, id: string) => d.options.find((o) => o.id === id)?.label ?? SPECIAL[id] ?? id;

function TimeLeft({ clock, deadlineScenarioMs }: { clock: LocalClock; deadlineScenarioMs: number }) {
  const now = useNow(1000);
  const left = deadlineScenarioMs - scenarioNowMs(clock, now);
  return (
    <Text size="xs" c={left < 60_000 ? 'orange' : 'dimmed'} data-testid="vote-deadline">
      Vote by {formatScenarioTime(deadlineScenarioMs)} · {left > 0 ? `${formatDuration(left)} of exercise time left` : 'deadline reached'}
    </Text>
  );
}

/** The reason the team stated with its block (only its own team ever sees it). */
function StatedReason({ reason }: { reason: string | null | undefined }) {
  if (!reason) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="my-block-reason" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      Reason stated: {reason}
    </Text>
  );
}

function OpenVote({ decision, clock }: { decision: PlayerDecision; clock: LocalClock }) {
  const vote = useCastVote();
  const [choice, setChoice] = useState<string>(decision.myVote?.choice ?? '');
  const [reason, setReason] = useState<string>(decision.myVote?.reason ?? '');
  const choices = [...decision.options, ...(decision.mode === 'consensus' ? [{ id: 'abstain', label: SPECIAL.abstain ?? 'Abstain' }, { id: 'block', label: SPECIAL.block ?? 'Block' }] : [])];
  const blocking = choice === 'block';
  // a block states its reason (the server refuses one without); a new reason is a change too
  const changed = choice !== '' && (choice !== decision.myVote?.choice || (blocking && reason.trim() !== (decision.myVote?.reason ?? '')));
  const ready = changed && (!blocking || reason.trim().length > 0);
  return (
    <form
      aria-label={`Vote: ${decision.question}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) vote.mutate({ decisionId: decision.decisionId, choice, ...(blocking ? { reason: reason.trim() } : {}) });
      }}
    >
      <Stack gap="xs">
        <Radio.Group label="Your team's vote" value={choice} onChange={setChoice}>
          <Stack gap={6} mt={6}>
            {choices.map((o) => (
              <Radio key={o.id} value={o.id} label={o.label} className="ttx-play-choice" />
            ))}
          </Stack>
        </Radio.Group>
        {blocking && (
          <Textarea
            label="Reason for blocking"
            description={`Required. Exercise control and your own team read it; other teams see only that the decision was blocked. ${reason.length}/${MAX_BLOCK_REASON}`}
            placeholder="What your delegation cannot accept, and what would lift the block"
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
          <Alert color="red" role="alert" title="Vote not saved">
            {errorMessage(vote.error)}
          </Alert>
        )}
        <Group justify="space-between" gap="xs">
          <Text size="sm" data-testid="my-vote" aria-live="polite" style={{ flex: '1 1 14rem' }}>
            {decision.myVote ? (
              <>
                Your team voted <b>{label(decision, decision.myVote.choice)}</b>
                {decision.myVote.participantName ? ` (${decision.myVote.participantName}, ${formatWallTime(decision.myVote.at)})` : ''}. You can change it until the decision closes.
                <StatedReason reason={decision.myVote.reason} />
              </>
            ) : (
              'Your team has not voted yet.'
            )}
          </Text>
          <Button type="submit" size="sm" disabled={!ready} loading={vote.isPending} className="ttx-play-thumb" data-testid="cast-vote">
            {decision.myVote ? 'Change vote' : 'Cast vote'}
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
  const decisions = useDecisions();
  const decision = decisions.data?.find((d) => d.decisionId === view.id);
  const closed = useConsoleClosed();
  return (
    <DecisionFrame question={view.question} mode={view.mode} attributes={{ 'data-testid': 'decision-card', 'data-decision-id': view.id, 'data-status': decision?.status ?? 'unknown', 'data-outcome': decision?.outcome ?? '' }}>
      {view.mode === 'consensus' && (
        <Text size="xs" c="dimmed">
          {decision ? `${decision.members} member teams vote. ` : ''}It passes only if every member agrees; any member may block it.
        </Text>
      )}
      {decisions.isError && <Text size="sm" c="red">Could not load the decision: {errorMessage(decisions.error)}</Text>}
      {decision && decision.status === 'open' && closed && (
        <Text size="sm" data-testid="vote-closed">
          The exercise has ended: voting is closed.{' '}
          {decision.myVote ? (
            <>
              Your team voted <b>{label(decision, decision.myVote.choice)}</b>.
            </>
          ) : (
            'Your team did not vote.'
          )}
        </Text>
      )}
      {decision && decision.status === 'open' && !closed && <OpenVote key={decision.myVote?.choice ?? ''} decision={decision} clock={clock} />}
      {decision && decision.status === 'closed' && (
        <Stack gap={4}>
          <Group gap="xs">
            <Text size="sm">Outcome:</Text>
            <Badge color={decision.outcome === 'blocked' ? 'red' : decision.outcome === 'timed-out' ? 'orange' : 'teal'} data-testid="decision-outcome">
              {label(decision, decision.outcome ?? '')}
            </Badge>
          </Group>
          <Text size="sm" data-testid="my-vote">
            {decision.myVote ? (
              <>
                Your team voted <b>{label(decision, decision.myVote.choice)}</b>.
              </>
            ) : (
              'Your team did not vote.'
            )}
          </Text>
          <StatedReason reason={decision.myVote?.reason} />
        </Stack>
      )}
      {decisions.isSuccess && !decision && (
        <Text size="sm" c="dimmed">
          Your team does not vote on this decision.
        </Text>
      )}
    </DecisionFrame>
  );
}
