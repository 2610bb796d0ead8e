import {
  Alert,
  Button,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { toast } from '../../../lib/toast';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { CHANNELS, type Channel, type ExerciseTeam } from '../../../lib/api-types';
import { useCreateAdhocInject } from '../api/create-adhoc-inject';

const OFFSET = /^T?\+?(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/;
function parseOffset(v: string): number | null {
  const m = OFFSET.exec(v.trim());
  if (!m) return null;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** Write a new inject during the drill and deliver it to chosen teams now or at an exercise time. */
export function AdhocInjectForm({ exerciseId, teams }: { exerciseId: string; teams: ExerciseTeam[] }) {
  const [channel, setChannel] = useState<Channel>('email');
  const [fromName, setFromName] = useState('');
  const [fromAddress, setFromAddress] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [to, setTo] = useState<string[]>([]);
  const [when, setWhen] = useState<'now' | 'at'>('now');
  const [at, setAt] = useState('');
  const create = useCreateAdhocInject(exerciseId, {
    onSuccess: (r) => {
      toast({
        color: 'teal',
        title: when === 'now' ? 'Inject delivered' : 'Inject scheduled',
        message: `${subject} (${r.injectId})`,
      });
      setSubject('');
      setBody('');
    },
  });
  const atMs = when === 'at' ? parseOffset(at) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      channel,
      from: { name: fromName.trim(), ...(fromAddress.trim() ? { address: fromAddress.trim() } : {}) },
      subject: subject.trim(),
      body,
      to,
      ...(atMs !== null ? { at: atMs } : {}),
    });
  };
  const invalidAt = when === 'at' && atMs === null;
  return (
    <form onSubmit={submit} aria-label="Ad-hoc inject" data-testid="adhoc-form">
      <Stack gap="xs">
        <Select
          label="Channel"
          data={CHANNELS.map((c) => ({ value: c, label: c }))}
          value={channel}
          onChange={(v) => v && setChannel(v)}
          allowDeselect={false}
        />
        <Group grow>
          <TextInput
            label="From (name)"
            required
            value={fromName}
            onChange={(e) => setFromName(e.currentTarget.value)}
            maxLength={200}
          />
          <TextInput
            label="Address / handle (optional)"
            value={fromAddress}
            onChange={(e) => setFromAddress(e.currentTarget.value)}
            maxLength={200}
          />
        </Group>
        <TextInput
          label="Subject"
          required
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          maxLength={300}
        />
        <Textarea
          label="Body (markdown)"
          required
          autosize
          minRows={3}
          maxRows={10}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        <Checkbox.Group label="Deliver to" value={to} onChange={setTo} required>
          <Group gap="sm" mt={4}>
            {teams.map((t) => (
              <Checkbox key={t.id} value={t.id} label={t.name} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group align="flex-end">
          <SegmentedControl
            aria-label="When"
            value={when}
            onChange={(v) => setWhen(v)}
            data={[
              { value: 'now', label: 'Now' },
              { value: 'at', label: 'At exercise time' },
            ]}
          />
          {when === 'at' && (
            <TextInput
              label="Exercise time (T+hh:mm[:ss])"
              placeholder="T+00:45"
              value={at}
              onChange={(e) => setAt(e.currentTarget.value)}
              error={at && invalidAt ? 'Use T+hh:mm or T+hh:mm:ss' : undefined}
            />
          )}
        </Group>
        {create.isError && (
          <Alert color="red" role="alert" title="Not sent">
            {errorMessage(create.error)}
          </Alert>
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Players see it like any other inject; it is written to the event log.
          </Text>
          <Button
            type="submit"
            loading={create.isPending}
            disabled={!fromName.trim() || !subject.trim() || !body.trim() || to.length === 0 || invalidAt}
          >
            {when === 'now' ? 'Send now' : 'Schedule'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
