import { Badge, Button, Card, Group, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { PanelError } from '../../../components/page-states';
import { errorMessage } from '../../../lib/api-client';
import type { ControlThread } from '../../../lib/api-types';
import { formatScenarioTime, formatWallTime } from '../../../lib/clock';
import { useExerciseThreads } from '../api/get-exercise-threads';
import { useReplyThread } from '../api/reply-thread';

const asParty = (t: ControlThread) => t.party?.name ?? 'Exercise control';
const awaiting = (t: ControlThread) => t.messages[t.messages.length - 1]?.from === 'team';

function ThreadDetail({
  exerciseId,
  thread,
  canReply,
}: {
  exerciseId: string;
  thread: ControlThread;
  canReply: boolean;
}) {
  const [text, setText] = useState('');
  const reply = useReplyThread(exerciseId, { onSuccess: () => setText('') });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reply.mutate({ threadId: thread.id, text: text.trim() });
  };
  return (
    <Stack gap="xs" data-thread-id={thread.id}>
      <Text fw={600} size="sm">
        {thread.teamName} → {asParty(thread)}: {thread.subject}
      </Text>
      {thread.messages.map((m) => (
        <Card
          key={m.id}
          padding="xs"
          withBorder
          bg={m.from === 'control' ? 'var(--mantine-color-default-hover)' : undefined}
        >
          <Text size="xs" c="dimmed">
            {m.from === 'team' ? `${m.authorName} (${thread.teamName})` : `${asParty(thread)} (${m.authorName})`} ·{' '}
            {m.scenarioMs !== null ? `${formatScenarioTime(m.scenarioMs)} · ` : ''}
            {formatWallTime(m.at)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {m.text}
          </Text>
        </Card>
      ))}
      {canReply && (
        <form onSubmit={submit} aria-label={`Reply as ${asParty(thread)}`}>
          <Stack gap={4}>
            <Textarea
              label={`Reply in character as ${asParty(thread)}`}
              autosize
              minRows={2}
              maxRows={8}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              maxLength={5000}
            />
            {reply.isError && (
              <Text c="red" size="sm" role="alert">
                {errorMessage(reply.error)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={reply.isPending} disabled={!text.trim()}>
                Send as {asParty(thread)}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

/** Requests for information and role-play messages from all teams; unanswered first. */
export function RfiQueue({ exerciseId, canReply }: { exerciseId: string; canReply: boolean }) {
  const threads = useExerciseThreads(exerciseId);
  const [selected, setSelected] = useState<string | null>(null);
  if (threads.isError) return <PanelError error={threads.error} what="Request queue" />;
  const list = [...(threads.data ?? [])].sort((a, b) => Number(awaiting(b)) - Number(awaiting(a)));
  const current = list.find((t) => t.id === selected);
  return (
    <Stack gap="sm" data-testid="rfi-queue">
      {/* a list of buttons: each row keeps its button role (a listitem role would hide it) */}
      <Stack gap={4} component="ul" aria-label="Requests" m={0} p={0} style={{ listStyle: 'none' }}>
        {list.map((t) => (
          <li key={t.id}>
            <UnstyledButton
              className="ttx-list-button"
              p="xs"
              w="100%"
              onClick={() => setSelected(t.id)}
              aria-current={t.id === selected}
            >
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} truncate>
                    {t.subject}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t.teamName} → {asParty(t)}
                  </Text>
                </Stack>
                <Badge size="xs" color={awaiting(t) ? 'orange' : 'teal'} variant="light">
                  {awaiting(t) ? 'awaiting reply' : 'answered'}
                </Badge>
              </Group>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
      {threads.isSuccess && list.length === 0 && (
        <Text size="sm" c="dimmed">
          No requests yet.
        </Text>
      )}
      {current && <ThreadDetail exerciseId={exerciseId} thread={current} canReply={canReply} />}
    </Stack>
  );
}
