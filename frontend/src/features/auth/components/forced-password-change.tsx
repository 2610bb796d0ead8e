import { Alert, Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import type { PublicUser } from '../../../lib/api-types';
import { homeOf } from '../api/get-session';
import { useLogout } from '../api/logout';
import { ChangePasswordForm } from './change-password-form';

/** Shown instead of every page while the account still has a generated or reset password. */
export function ForcedPasswordChange({ user }: { user: PublicUser }) {
  const navigate = useNavigate();
  const logout = useLogout({ onSuccess: () => void navigate('/login') });
  return (
    <Container size={460} py="xl" component="main" data-testid="forced-password-change">
      <Card withBorder padding="lg">
        <Stack>
          <Title order={1} fz="h3">
            Choose your own password
          </Title>
          <Alert color="blue" variant="light" role="note">
            You signed in as <strong>{user.username}</strong> with a one-time password. Choose a password only you know
            before you continue.
          </Alert>
          <ChangePasswordForm
            username={user.username}
            currentLabel="One-time password"
            onSuccess={(s) => void navigate(homeOf(s), { replace: true })}
          />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              Not you?
            </Text>
            <Button variant="subtle" size="xs" onClick={() => logout.mutate()} loading={logout.isPending}>
              Sign out
            </Button>
          </Group>
        </Stack>
      </Card>
    </Container>
  );
}
