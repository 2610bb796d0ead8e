import { Anchor, Button, Card, Container, Divider, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { homeOf } from '../../features/auth/api/get-session';
import { singleSignOnHref, useSingleSignOn } from '../../features/auth/api/single-sign-on';
import { LoginForm } from '../../features/auth/components/login-form';
import { paths } from '../../config/paths';
import { useTranslation } from 'react-i18next';

export function LoginRoute() {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirect = params.get('redirect');
  const safeRedirect = redirect?.startsWith('/') && !redirect.startsWith('//') ? redirect : null;
  const sso = useSingleSignOn();
  return (
    <Container size={420} py="xl" component="main">
      <Card withBorder padding="lg">
        <Stack>
          <Title order={1} fz="h3">
            {t('login.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('login.who')}
          </Text>
          {sso.data?.enabled && (
            <>
              {/* a full-page navigation: the identity provider's own sign-in page, then back here */}
              <Button component="a" href={singleSignOnHref(sso.data, safeRedirect)} variant="filled" size="md">
                {t('login.sso', { provider: sso.data.providerName })}
              </Button>
              <Divider label={t('login.orPassword')} labelPosition="center" />
            </>
          )}
          <LoginForm
            secondary={sso.data?.enabled === true}
            onSuccess={(s) => void navigate(safeRedirect ?? homeOf(s), { replace: true })}
          />
          <Text size="sm">
            {t('login.player')}{' '}
            <Anchor component={Link} to={paths.join.getHref()}>
              {t('login.joinWithCode')}
            </Anchor>
          </Text>
        </Stack>
      </Card>
    </Container>
  );
}
