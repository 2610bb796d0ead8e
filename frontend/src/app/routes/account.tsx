import { Badge, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { toast } from '../../lib/toast';
import { ChangePasswordForm } from '../../features/auth/components/change-password-form';
import { RequireSession } from '../require-session';
import { STAFF_ROLES } from '../../features/auth/api/get-session';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/language-switch';
import { useSetAccountLanguage } from '../../features/auth/api/set-language';
import { isInterfaceLanguage } from '../../i18n/i18n';

/** My account: who I am, and changing my password. */
export function AccountRoute() {
  const { t } = useTranslation(['auth', 'common']);
  const saveLanguage = useSetAccountLanguage();
  return (
    <RequireSession allow={{ roles: STAFF_ROLES }}>
      {(s) =>
        s.kind === 'user' && (
          <Container size={520} py="xl" component="main">
            <Stack>
              <Title order={1} fz="h3">
                {t('account.title')}
              </Title>
              <Card withBorder padding="lg">
                <Group gap="xs">
                  <Text fw={600} translate="no">
                    {s.user.displayName}
                  </Text>
                  <Text c="dimmed" translate="no">
                    {s.user.username}
                  </Text>
                  <Badge variant="light">{t(`common:account.role.${s.user.role}`)}</Badge>
                </Group>
              </Card>
              <Card withBorder padding="lg">
                <Title order={2} fz="h4" mb="xs">
                  {t('account.language')}
                </Title>
                <Text size="sm" c="dimmed" mb="sm">
                  {t('account.languageHint')}
                </Text>
                <Group gap="sm">
                  <LanguageSwitch
                    onChange={(lng) => {
                      if (isInterfaceLanguage(lng)) saveLanguage.mutate(lng);
                    }}
                  />
                  {saveLanguage.isSuccess && (
                    <Text size="sm" c="teal" data-testid="language-saved">
                      {t('account.languageSaved')}
                    </Text>
                  )}
                </Group>
              </Card>
              <Card withBorder padding="lg">
                <Title order={2} fz="h4" mb="sm">
                  {t('password.title')}
                </Title>
                {s.user.authSource === 'oidc' ? (
                  <Text size="sm">{t('password.sso')}</Text>
                ) : (
                  <ChangePasswordForm
                    username={s.user.username}
                    onSuccess={() =>
                      toast({
                        title: t('password.changed'),
                        message: t('password.changedBody'),
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
