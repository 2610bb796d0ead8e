import { Anchor, Container, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function NotFoundRoute() {
  const { t } = useTranslation('auth');
  return (
    <Container py="xl">
      <Stack>
        <Title order={1} fz="h3">
          {t('notFound.title')}
        </Title>
        <Text>
          <Anchor component={Link} to="/">
            {t('notFound.back')}
          </Anchor>
        </Text>
      </Stack>
    </Container>
  );
}
