import { Anchor, Card, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { JoinForm } from '../../features/auth/components/join-form';
import { paths } from '../../config/paths';

export function JoinRoute() {
  const { code } = useParams();
  const navigate = useNavigate();
  const { t } = useTranslation('join');
  return (
    <Container size={460} py="xl" className="ttx-player-page">
      <Card withBorder padding="lg">
        <Stack>
          <Title order={1} fz="h3">
            {t('title')}
          </Title>
          <JoinForm initialCode={code ?? ''} onSuccess={() => void navigate(paths.play.getHref(), { replace: true })} />
          <Text size="sm">
            {t('staff')}{' '}
            <Anchor component={Link} to={paths.login.getHref()}>
              {t('signIn')}
            </Anchor>
          </Text>
        </Stack>
      </Card>
    </Container>
  );
}
