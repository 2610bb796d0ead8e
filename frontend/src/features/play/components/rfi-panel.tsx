import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { ApiError, formErrors } from '../../../lib/api-client';
import type { RfiThread } from '../../../lib/api-types';
import { formatScenarioTime, formatWallTime } from '../../../lib/clock';
import { useCreateThread } from '../api/create-thread';
import { useParties } from '../api/get-parties';
import { useThreads } from '../api/get-threads';
import { usePostThreadMessage } from '../api/post-thread-message';
import { useConsoleClosed } from '../hooks/use-console-closed';

const CONTROL = '__control__';
const partyName = (thread: RfiThread, t: TFunction<['play', 'common']>) => thread.party?.name ?? t('rfi.control');

function NewThreadForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation(['play', 'common']);
  const parties = useParties();
  const [to, setTo] = useState<string>(CONTROL);
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const create = useCreateThread({
    onSuccess: (thread) => {
      setSubject('');
      setText('');
      onCreated(thread.id);
    },
  });
  // a refused request says what is wrong under the field it is about; the alert keeps the rest
  const problems = formErrors(create.error, ['partyId', 'subject', 'text'], { 'thread.unknown-party': 'partyId' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ ...(to === CONTROL ? {} : { partyId: to }), subject: subject.trim(), text: text.trim() });
  };
  const options = [
    { value: CONTROL, label: t('rfi.controlOption') },
    ...(parties.data ?? []).map((p) => ({
      value: p.id,
      label: p.organisation ? `${p.name} (${p.organisation})` : p.name,
    })),
  ];
  return (
    <form onSubmit={submit} aria-label={t('rfi.newForm')}>
      <Stack gap="xs">
        <NativeSelect
          label={t('rfi.to')}
          data={options}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={problems.byField.partyId}
        />
        <TextInput
          label={t('rfi.subject')}
          required
          maxLength={200}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          error={problems.byField.subject}
        />
        <Textarea
          label={t('rfi.message')}
          required
          autosize
          minRows={2}
          maxRows={8}
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={problems.byField.text}
        />
        {problems.rest !== undefined && (
          <Alert color="red" role="alert">
            {problems.rest}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending} disabled={!subject.trim() || !text.trim()}>
            {t('common:send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ThreadView({ thread }: { thread: RfiThread }) {
  const { t } = useTranslation(['play', 'common']);
  const [text, setText] = useState('');
  const post = usePostThreadMessage({ onSuccess: () => setText('') });
  const problems = formErrors(post.error, ['text']);
  const closed = useConsoleClosed();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    post.mutate({ threadId: thread.id, text: text.trim() });
  };
  return (
    <Stack gap="xs" data-thread-id={thread.id}>
      <Text fw={600}>
        <span translate="no">{thread.subject}</span>{' '}
        <Badge variant="light" translate={thread.party ? 'no' : undefined}>
          {partyName(thread, t)}
        </Badge>
      </Text>
      <Stack gap={6} role="log" aria-label={t('rfi.with', { name: partyName(thread, t) })}>
        {thread.messages.map((m) => (
          <Card
            key={m.id}
            padding="xs"
            withBorder
            style={{ alignSelf: m.from === 'team' ? 'flex-end' : 'flex-start', maxWidth: '90%' }}
            bg={m.from === 'team' ? 'var(--mantine-color-default-hover)' : undefined}
          >
            <Text size="xs" c="dimmed">
              <span translate={m.from === 'team' || thread.party ? 'no' : undefined}>
                {m.from === 'team' ? m.authorName : partyName(thread, t)}
              </span>{' '}
              · {m.scenarioMs !== null ? `${formatScenarioTime(m.scenarioMs)} · ` : ''}
              {formatWallTime(m.at)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} translate="no">
              {m.text}
            </Text>
          </Card>
        ))}
      </Stack>
      {!closed && (
        <form onSubmit={submit} aria-label={t('rfi.reply')}>
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <Textarea
              label={t('rfi.reply')}
              autosize
              minRows={1}
              maxRows={6}
              style={{ flex: 1 }}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              maxLength={5000}
              error={problems.byField.text}
            />
            <Button type="submit" loading={post.isPending} disabled={!text.trim()}>
              {t('common:send')}
            </Button>
          </Group>
          {problems.rest !== undefined && (
            <Text c="red" size="sm" role="alert">
              {problems.rest}
            </Text>
          )}
        </form>
      )}
    </Stack>
  );
}

/** Requests for information to exercise control, and role-play with the parties the scenario names. */
export function RfiPanel() {
  const { t } = useTranslation(['play', 'common']);
  const threads = useThreads();
  const [selected, setSelected] = useState<string | null>(null);
  const [composing, compose] = useDisclosure(false);
  const closed = useConsoleClosed();
  if (threads.isError && threads.error instanceof ApiError && threads.error.status === 404)
    return (
      <Alert color="gray" title={t('rfi.unavailable')}>
        {t('rfi.notOffered')}
      </Alert>
    );
  const list = threads.data ?? [];
  const current = list.find((t) => t.id === selected);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {closed ? t('rfi.closed') : t('rfi.intro')}
        </Text>
        {!closed && (
          <Button
            size="compact-sm"
            variant={composing ? 'default' : 'filled'}
            onClick={compose.toggle}
            aria-expanded={composing}
          >
            {composing ? t('rfi.close') : t('rfi.new')}
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
      <Stack gap={4} role="list" aria-label={t('rfi.conversations')}>
        {list.map((thread) => {
          const last = thread.messages[thread.messages.length - 1];
          const waiting = last?.from === 'team';
          return (
            <UnstyledButton
              key={thread.id}
              role="listitem"
              onClick={() => setSelected(thread.id)}
              aria-current={thread.id === selected}
              className="ttx-list-button"
              p="xs"
            >
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} truncate translate="no">
                    {thread.subject}
                  </Text>
                  <Text size="xs" c="dimmed">
                    <span translate={thread.party ? 'no' : undefined}>{partyName(thread, t)}</span> ·{' '}
                    {t('rfi.count', { count: thread.messages.length })}
                  </Text>
                </Stack>
                <Badge size="xs" color={waiting ? 'gray' : 'teal'} variant="light">
                  {waiting ? t('rfi.awaiting') : t('rfi.answered')}
                </Badge>
              </Group>
            </UnstyledButton>
          );
        })}
        {threads.isSuccess && list.length === 0 && !composing && (
          <Text size="sm" c="dimmed">
            {t('rfi.none')}
          </Text>
        )}
      </Stack>
      {current && <ThreadView thread={current} />}
    </Stack>
  );
}
