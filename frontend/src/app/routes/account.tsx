import { Badge, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { toast } from '../../lib/toast';
import { ChangePasswordForm } from '../../features/auth/components/change-password-form';
import { RequireSession } from '../require-session';
import { STAFF_ROLES } from '../../features/auth/api/get-session';

/** My account: who I am, and changing my password. */
export function AccountRoute() {
  return (
    <RequireSession allow={{ roles: STAFF_ROLES }}>
      {(s) =>
        s.kind === 'user' && (
          <Container size={520} py="xl" component="main">
            <Stack>
              <Title order={1} fz="h3">
                My account
              </Title>
              <Card withBorder padding="lg">
                <Group gap="xs">
                  <Text fw={600}>{s.user.displayName}</Text>
                  <Text c="dimmed">{s.user.username}</Text>
                  <Badge variant="light">{s.user.role}</Badge>
                </Group>
              </Card>
              <Card withBorder padding="lg">
                <Title order={2} fz="h4" mb="sm">
                  Change password
                </Title>
                {s.user.authSource === 'oidc' ? (
                  <Text size="sm">
                    You sign in through single sign-on: change your password at your organisation’s identity provider.
                  </Text>
                ) : (
                  <ChangePasswordForm
                    username={s.user.username}
                    onSuccess={() =>
                      toast({
                        title: 'Password changed',
                        message: 'Every other browser signed in as you was signed out.',
                        color: 'green',
                      })
                    }
                  />
                )}
              </Card>
            </Stack>
          </Container>
        )
      }
    </RequireSession>
  );
}
