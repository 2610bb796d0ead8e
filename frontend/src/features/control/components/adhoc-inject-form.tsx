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
import { useTranslation } from 'react-i18next';

const OFFSET = /^T?\+?(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/;
function parseOffset(v: string): number | null {
  const m = OFFSET.exec(v.trim());
  if (!m) return null;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** Write a new inject during the drill and deliver it to chosen teams now or at an exercise time. */
export function AdhocInjectForm({ exerciseId, teams }: { exerciseId: string; teams: ExerciseTeam[] }) {
  const { t } = useTranslation(['control', 'common']);
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
        title: when === 'now' ? t('adhoc.delivered') : t('adhoc.scheduled'),
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
    <form onSubmit={submit} aria-label={t('room.tab.adhoc')} data-testid="adhoc-form">
      <Stack gap="xs">
        <Select
          label={t('adhoc.channel')}
          data={CHANNELS.map((c) => ({ value: c, label: t(`common:channel.${c}`) }))}
          value={channel}
          onChange={(v) => v && setChannel(v)}
          allowDeselect={false}
        />
        <Group grow>
          <TextInput
            label={t('adhoc.from')}
            required
            value={fromName}
            onChange={(e) => setFromName(e.currentTarget.value)}
            maxLength={200}
          />
          <TextInput
            label={t('adhoc.address')}
            value={fromAddress}
            onChange={(e) => setFromAddress(e.currentTarget.value)}
            maxLength={200}
          />
        </Group>
        <TextInput
          label={t('adhoc.subject')}
          required
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          maxLength={300}
        />
        <Textarea
          label={t('adhoc.body')}
          required
          autosize
          minRows={3}
          maxRows={10}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        <Checkbox.Group label={t('adhoc.deliverTo')} value={to} onChange={setTo} required>
          <Group gap="sm" mt={4}>
            {teams.map((team) => (
              <Checkbox key={team.id} value={team.id} label={<span translate="no">{team.name}</span>} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group align="flex-end">
          <SegmentedControl
            aria-label={t('adhoc.when')}
            value={when}
            onChange={(v) => setWhen(v)}
            data={[
              { value: 'now', label: t('adhoc.now') },
              { value: 'at', label: t('adhoc.atTime') },
            ]}
          />
          {when === 'at' && (
            <TextInput
              label={t('adhoc.time')}
              placeholder="T+00:45"
              value={at}
              onChange={(e) => setAt(e.currentTarget.value)}
              error={at && invalidAt ? t('adhoc.timeFormat') : undefined}
            />
          )}
        </Group>
        {create.isError && (
          <Alert color="red" role="alert" title={t('adhoc.notSent')}>
            {errorMessage(create.error)}
          </Alert>
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('adhoc.note')}
          </Text>
          <Button
            type="submit"
            loading={create.isPending}
            disabled={!fromName.trim() || !subject.trim() || !body.trim() || to.length === 0 || invalidAt}
          >
            {when === 'now' ? t('adhoc.sendNow') : t('adhoc.schedule')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
