import { Alert, Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { PanelError } from '../../../components/page-states';
import { errorMessage } from '../../../lib/api-client';
import { formatScenarioTime, formatWallTime } from '../../../lib/clock';
import { useAddJournalEntry } from '../api/add-journal-entry';
import { useEvents } from '../api/get-events';

const isJournal = (type: string) => type.includes('journal') || type.includes('note');
const textOf = (payload: Record<string, unknown>) =>
  typeof payload.text === 'string' ? payload.text : JSON.stringify(payload);

/** Facilitator notes; each becomes an entry of the exercise event log that the AAR reads. */
export function JournalPanel({ exerciseId, canWrite }: { exerciseId: string; canWrite: boolean }) {
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
        <form onSubmit={submit} aria-label="Journal entry">
          <Stack gap="xs">
            <Textarea
              label="Journal entry"
              description="Observations, decisions, deviations from the plan."
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
                Add to journal
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {events.isError ? (
        <PanelError error={events.error} what="Journal" />
      ) : (
        <Stack gap={6} data-testid="journal">
          {entries.map((e) => (
            <Card key={e.id} padding="xs" withBorder>
              <Text size="xs" c="dimmed" ff="monospace">
                {e.scenarioMs !== null ? formatScenarioTime(e.scenarioMs) : ''} · {formatWallTime(e.atMs)} · {e.actor}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {textOf(e.payload)}
              </Text>
            </Card>
          ))}
          {events.isSuccess && entries.length === 0 && (
            <Text size="sm" c="dimmed">
              No journal entries yet.
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
