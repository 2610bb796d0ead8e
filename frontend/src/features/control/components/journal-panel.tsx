import { Alert, Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { PanelError } from '../../../components/page-states';
import { errorMessage } from '../../../lib/api-client';
import { formatScenarioTime, formatWallTime } from '../../../lib/clock';
import { useAddJournalEntry } from '../api/add-journal-entry';
import { useEvents } from '../api/get-events';
import { useTranslation } from 'react-i18next';

const isJournal = (type: string) => type.includes('journal') || type.includes('note');
const textOf = (payload: Record<string, unknown>) =>
  typeof payload.text === 'string' ? payload.text : JSON.stringify(payload);

/** Facilitator notes; each becomes an entry of the exercise event log that the AAR reads. */
export function JournalPanel({ exerciseId, canWrite }: { exerciseId: string; canWrite: boolean }) {
  const { t } = useTranslation('control');
  const events = useEvents(exerciseId);
  const [text, setText] = useState('');
  const add = useAddJournalEntry(exerciseId, { onSuccess: () => setText('') });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(text.trim());
  };
  const entries = (events.data ?? []).filter((e) => isJournal(e.type)).reverse();
  return (
    <Stack gap="sm">
      {canWrite && (
        <form onSubmit={submit} aria-label={t('journal.entry')}>
          <Stack gap="xs">
            <Textarea
              label={t('journal.entry')}
              description={t('journal.description')}
              autosize
              minRows={2}
              maxRows={8}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              maxLength={10000}
            />
            {add.isError && (
              <Alert color="red" role="alert">
                {errorMessage(add.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={add.isPending} disabled={!text.trim()}>
                {t('journal.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {events.isError ? (
        <PanelError error={events.error} what={t('room.tab.journal')} />
      ) : (
        <Stack gap={6} data-testid="journal">
          {entries.map((e) => (
            <Card key={e.id} padding="xs" withBorder>
              <Text size="xs" c="dimmed" ff="monospace">
                {e.scenarioMs !== null ? formatScenarioTime(e.scenarioMs) : ''} · {formatWallTime(e.atMs)} ·{' '}
                <span translate="no">{e.actor}</span>
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} translate="no">
                {textOf(e.payload)}
              </Text>
            </Card>
          ))}
          {events.isSuccess && entries.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('journal.none')}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
