import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import type { Session } from '../api/get-session';
import { useJoinExercise } from '../api/join';

/** Players take a team seat with the join code (or invite link) and the name their team will see. */
export function JoinForm({ initialCode = '', onSuccess }: { initialCode?: string; onSuccess: (session: Session) => void }) {
  const [code, setCode] = useState(initialCode);
  const [displayName, setDisplayName] = useState('');
  const join = useJoinExercise({ onSuccess });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    join.mutate({ code: code.trim(), displayName: displayName.trim() });
  };
  return (
    <form onSubmit={submit} aria-label="Join an exercise">
      <Stack>
        <TextInput
          label="Join code"
          description="The code or invite link your facilitator gave your team; it decides your team."
          name="code"
          required
          autoComplete="off"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          autoFocus={!initialCode}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.1em' } }}
        />
        <TextInput
          label="Your name"
          description="Shown to your teammates and the exercise control."
          name="displayName"
          required
          maxLength={60}
          autoComplete="name"
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          autoFocus={Boolean(initialCode)}
        />
        {join.isError && (
          <Alert color="red" role="alert" title="Could not join">
            {errorMessage(join.error)}
          </Alert>
        )}
        <Button type="submit" loading={join.isPending}>
          Join the exercise
        </Button>
        <Text size="xs" c="dimmed">
          Nothing is installed; you can close the tab and come back with the same browser.
        </Text>
      </Stack>
    </form>
  );
}
