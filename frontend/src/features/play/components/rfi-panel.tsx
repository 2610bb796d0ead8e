import { Alert, Badge, Button, Card, Group, NativeSelect, Stack, Text, Textarea, TextInput, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { ApiError, errorMessage } from '../../../lib/api-client';
import type { RfiThread } from '../../../lib/api-types';
import { formatScenarioTime, formatWallTime } from '../../../lib/clock';
import { useCreateThread } from '../api/create-thread';
import { useParties } from '../api/get-parties';
import { useThreads } from '../api/get-threads';
import { usePostThreadMessage } from '../api/post-thread-message';
import { useConsoleClosed } from '../hooks/use-console-closed';

const CONTROL = '__control__';
const partyName = (t: RfiThread) => t.party?.name ?? 'Exercise control';

function NewThreadForm({ onCreated }: { onCreated: (id: string) => void }) {
  const parties = useParties();
  const [to, setTo] = useState<string>(CONTROL);
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const create = useCreateThread({
    onSuccess: (t) => {
      setSubject('');
      setText('');
      onCreated(t.id);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ ...(to === CONTROL ? {} : { partyId: to }), subject: subject.trim(), text: text.trim() });
  };
  const options = [{ value: CONTROL, label: 'Exercise control (request for information)' }, ...(parties.data ?? []).map((p) => ({ value: p.id, label: p.organisation ? `${p.name} (${p.organisation})` : p.name }))];
  return (
    <form onSubmit={submit} aria-label="New request">
      <Stack gap="xs">
        <NativeSelect label="To" data={options} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <TextInput label="Subject" required maxLength={200} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} />
        <Textarea label="Message" required autosize minRows={2} maxRows={8} maxLength={5000} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        {create.isError && (
          <Alert color="red" role="alert">
            {errorMessage(create.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending} disabled={!subject.trim() || !text.trim()}>
            Send
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ThreadView({ thread }: { thread: RfiThread }) {
  const [text, setText] = useState('');
  const post = usePostThreadMessage({ onSuccess: () => setText('') });
  const closed = useConsoleClosed();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    post.mutate({ threadId: thread.id, text: text.trim() });
  };
  return (
    <Stack gap="xs" data-thread-id={thread.id}>
      <Text fw={600}>
        {thread.subject} <Badge variant="light">{partyName(thread)}</Badge>
      </Text>
      <Stack gap={6} role="log" aria-label={`Messages with ${partyName(thread)}`}>
        {thread.messages.map((m) => (
          <Card key={m.id} padding="xs" withBorder style={{ alignSelf: m.from === 'team' ? 'flex-end' : 'flex-start', maxWidth: '90%' }} bg={m.from === 'team' ? 'var(--mantine-color-default-hover)' : undefined}>
            <Text size="xs" c="dimmed">
              {m.from === 'team' ? m.authorName : partyName(thread)} · {m.scenarioMs !== null ? `${formatScenarioTime(m.scenarioMs)} · ` : ''}
              {formatWallTime(m.at)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {m.text}
            </Text>
          </Card>
        ))}
      </Stack>
      {!closed && (
      <form onSubmit={submit} aria-label="Reply">
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <Textarea label="Reply" autosize minRows={1} maxRows={6} style={{ flex: 1 }} value={text} onChange={(e) => setText(e.currentTarget.value)} maxLength={5000} />
          <Button type="submit" loading={post.isPending} disabled={!text.trim()}>
            Send
          </Button>
        </Group>
        {post.isError && (
          <Text c="red" size="sm" role="alert">
            {errorMessage(post.error)}
          </Text>
        )}
      </form>
      )}
    </Stack>
  );
}

/** Requests for information to exercise control, and role-play with the parties the scenario names. */
export function RfiPanel() {
  const threads = useThreads();
  const [selected, setSelected] = useState<string | null>(null);
  const [composing, compose] = useDisclosure(false);
  const closed = useConsoleClosed();
  if (threads.isError && threads.error instanceof ApiError && threads.error.status === 404)
    return (
      <Alert color="gray" title="Requests unavailable">
        The server does not offer requests for information yet.
      </Alert>
    );
  const list = threads.data ?? [];
  const current = list.find((t) => t.id === selected);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {closed ? 'The exercise has ended: requests are closed.' : 'Ask exercise control, or write to an outside party.'}
        </Text>
        {!closed && (
          <Button size="compact-sm" variant={composing ? 'default' : 'filled'} onClick={compose.toggle} aria-expanded={composing}>
            {composing ? 'Close' : 'New request'}
          </Button>
        )}
      </Group>
      {composing && !closed && (
        <NewThreadForm
          onCreated={(id) => {
            setSelected(id);
            compose.close();
          }}
        />
      )}
      <Stack gap={4} role="list" aria-label="Conversations">
        {list.map((t) => {
          const last = t.messages[t.messages.length - 1];
          const waiting = last?.from === 'team';
          return (
            <UnstyledButton key={t.id} role="listitem" onClick={() => setSelected(t.id)} aria-current={t.id === selected} className="ttx-list-button" p="xs">
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} truncate>
                    {t.subject}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {partyName(t)} · {t.messages.length} message{t.messages.length === 1 ? '' : 's'}
                  </Text>
                </Stack>
                <Badge size="xs" color={waiting ? 'gray' : 'teal'} variant="light">
                  {waiting ? 'awaiting reply' : 'answered'}
                </Badge>
              </Group>
            </UnstyledButton>
          );
        })}
        {threads.isSuccess && list.length === 0 && !composing && (
          <Text size="sm" c="dimmed">
            No requests yet.
          </Text>
        )}
      </Stack>
      {current && <ThreadView thread={current} />}
    </Stack>
  );
}
