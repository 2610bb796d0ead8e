import { Alert, Button, List, PasswordInput, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import type { Session } from '../api/get-session';
import { useChangePassword } from '../api/change-password';

const MIN_LENGTH = 12;

/** Change my password: the current one, the new one twice. The server checks the policy too and says what is wrong. */
export function ChangePasswordForm({
  username,
  onSuccess,
  currentLabel = 'Current password',
}: {
  username: string;
  onSuccess: (session: Session) => void;
  currentLabel?: string;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [touched, setTouched] = useState(false);
  const change = useChangePassword({ onSuccess });
  const localProblem =
    next.length < MIN_LENGTH
      ? `The new password needs at least ${MIN_LENGTH} characters (${next.length} so far).`
      : next.trim().toLowerCase() === username.toLowerCase()
        ? 'The new password must not be your username.'
        : next !== again
          ? 'The two new passwords differ.'
          : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (localProblem) return;
    change.mutate({ currentPassword: current, newPassword: next });
  };
  return (
    <form onSubmit={submit} aria-label="Change password">
      <Stack gap="sm">
        <PasswordInput
          label={currentLabel}
          name="current-password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          data-autofocus
        />
        <PasswordInput
          label="New password"
          name="new-password"
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
        />
        <PasswordInput
          label="New password again"
          name="new-password-again"
          autoComplete="new-password"
          required
          value={again}
          onChange={(e) => setAgain(e.currentTarget.value)}
        />
        <Text size="xs" c="dimmed" component="div">
          <List size="xs" spacing={2}>
            <List.Item>at least {MIN_LENGTH} characters — a short sentence is easiest to remember</List.Item>
            <List.Item>not your username, and not your current password</List.Item>
            <List.Item>every other browser signed in as you is signed out</List.Item>
          </List>
        </Text>
        {touched && localProblem && (
          <Alert color="orange" role="alert">
            {localProblem}
          </Alert>
        )}
        {change.isError && (
          <Alert color="red" role="alert" title="Password not changed">
            {errorMessage(change.error)}
          </Alert>
        )}
        <Button type="submit" loading={change.isPending}>
          Change password
        </Button>
      </Stack>
    </form>
  );
}
