import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import type { Session } from '../api/get-session';
import { useLogin } from '../api/login';

/** `secondary`: another way to sign in is offered above (single sign-on), so this button steps back. */
export function LoginForm({
  onSuccess,
  secondary = false,
}: {
  onSuccess: (session: Session) => void;
  secondary?: boolean;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin({ onSuccess });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username: username.trim(), password });
  };
  return (
    <form onSubmit={submit} aria-label="Sign in">
      <Stack>
        <TextInput
          label="Username"
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          data-autofocus
        />
        <PasswordInput
          label="Password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        {login.isError && (
          <Alert color="red" role="alert" title="Could not sign in">
            {errorMessage(login.error)}
          </Alert>
        )}
        <Button type="submit" loading={login.isPending} variant={secondary ? 'default' : 'filled'}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
