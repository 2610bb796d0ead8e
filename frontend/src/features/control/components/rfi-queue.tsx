import { Badge, Button, Card, Group, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { PanelError } from '../../../components/page-states';
import { errorMessage } from '../../../lib/api-client';
import type { ControlThread } from '../../../lib/api-types';
import { formatScenarioTime, formatWallTime } from '../../../lib/clock';
import { useExerciseThreads } from '../api/get-exercise-threads';
import { useReplyThread } from '../api/reply-thread';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

const asParty = (th: ControlThread, t: TFunction<'control'>) => th.party?.name ?? t('rfi.exerciseControl');
const awaiting = (th: ControlThread) => th.messages[th.messages.length - 1]?.from === 'team';

function ThreadDetail({
  exerciseId,
  thread,
  canReply,
}: {
  exerciseId: string;
  thread: ControlThread;
  canReply: boolean;
}) {
  const { t } = useTranslation('control');
  const [text, setText] = useState('');
  const reply = useReplyThread(exerciseId, { onSuccess: () => setText('') });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reply.mutate({ threadId: thread.id, text: text.trim() });
  };
  return (
    <Stack gap="xs" data-thread-id={thread.id}>
      <Text fw={600} size="sm" translate="no">
        {thread.teamName} → {asParty(thread, t)}: {thread.subject}
      </Text>
      {thread.messages.map((m) => (
        <Card
          key={m.id}
          padding="xs"
          withBorder
          bg={m.from === 'control' ? 'var(--mantine-color-default-hover)' : undefined}
        >
          <Text size="xs" c="dimmed">
            <span translate="no">
              {m.from === 'team' ? `${m.authorName} (${thread.teamName})` : `${asParty(thread, t)} (${m.authorName})`}
            </span>{' '}
            · {m.scenarioMs !== null ? `${formatScenarioTime(m.scenarioMs)} · ` : ''}
            {formatWallTime(m.at)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} translate="no">
            {m.text}
          </Text>
        </Card>
      ))}
      {canReply && (
        <form onSubmit={submit} aria-label={t('rfi.replyAs', { party: asParty(thread, t) })}>
          <Stack gap={4}>
            <Textarea
              label={t('rfi.replyInCharacter', { party: asParty(thread, t) })}
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
                {t('rfi.sendAs', { party: asParty(thread, t) })}
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
  const { t } = useTranslation('control');
  const threads = useExerciseThreads(exerciseId);
  const [selected, setSelected] = useState<string | null>(null);
  if (threads.isError) return <PanelError error={threads.error} what={t('rfi.queue')} />;
  const list = [...(threads.data ?? [])].sort((a, b) => Number(awaiting(b)) - Number(awaiting(a)));
  const current = list.find((th) => th.id === selected);
  return (
    <Stack gap="sm" data-testid="rfi-queue">
      {/* a list of buttons: each row keeps its button role (a listitem role would hide it) */}
      <Stack gap={4} component="ul" aria-label={t('room.tab.rfi')} m={0} p={0} style={{ listStyle: 'none' }}>
        {list.map((th) => (
          <li key={th.id}>
            <UnstyledButton
              className="ttx-list-button"
              p="xs"
              w="100%"
              onClick={() => setSelected(th.id)}
              aria-current={th.id === selected}
            >
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} truncate translate="no">
                    {th.subject}
                  </Text>
                  <Text size="xs" c="dimmed" translate="no">
                    {th.teamName} → {asParty(th, t)}
                  </Text>
                </Stack>
                <Badge size="xs" color={awaiting(th) ? 'orange' : 'teal'} variant="light">
                  {awaiting(th) ? t('rfi.awaiting') : t('rfi.answered')}
                </Badge>
              </Group>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
      {threads.isSuccess && list.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('rfi.none')}
        </Text>
      )}
      {current && <ThreadDetail exerciseId={exerciseId} thread={current} canReply={canReply} />}
    </Stack>
  );
}
