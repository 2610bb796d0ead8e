import { Alert, Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import type { PublicUser } from '../../../lib/api-types';
import { homeOf } from '../api/get-session';
import { useLogout } from '../api/logout';
import { ChangePasswordForm } from './change-password-form';
import { Trans, useTranslation } from 'react-i18next';

/** Shown instead of every page while the account still has a generated or reset password. */
export function ForcedPasswordChange({ user }: { user: PublicUser }) {
  const { t } = useTranslation(['auth', 'common']);
  const navigate = useNavigate();
  const logout = useLogout({ onSuccess: () => void navigate('/login') });
  return (
    <Container size={460} py="xl" component="main" data-testid="forced-password-change">
      <Card withBorder padding="lg">
        <Stack>
          <Title order={1} fz="h3">
            {t('forced.title')}
          </Title>
          <Alert color="blue" variant="light" role="note">
            <Trans
              t={t}
              i18nKey="forced.body"
              values={{ username: user.username }}
              components={{ b: <strong translate="no" /> }}
            />
          </Alert>
          <ChangePasswordForm
            username={user.username}
            currentLabel={t('forced.oneTime')}
            onSuccess={(s) => void navigate(homeOf(s), { replace: true })}
          />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('forced.notYou')}
            </Text>
            <Button variant="subtle" size="xs" onClick={() => logout.mutate()} loading={logout.isPending}>
              {t('common:account.signOut')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Container>
  );
}
