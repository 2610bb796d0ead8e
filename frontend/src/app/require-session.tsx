import { Alert, Anchor, Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { homeOf, type Session, useSession } from '../features/auth/api/get-session';
import { ErrorAlert, PageLoader } from '../components/page-states';
import { paths } from '../config/paths';
import type { Role } from '../lib/api-types';
import { useTranslation } from 'react-i18next';

type Allowed = { participant: true } | { roles: readonly Role[] };

function allowed(session: Session, rule: Allowed): boolean {
  if ('participant' in rule) return session.kind === 'participant';
  return session.kind === 'user' && rule.roles.includes(session.user.role);
}

/** Route guard: sends anonymous visitors to sign in and explains when a role may not enter. */
export function RequireSession({ allow, children }: { allow: Allowed; children: (session: Session) => ReactNode }) {
  const { t } = useTranslation('auth');
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorAlert error={session.error} title={t('guard.couldNotCheck')} />;
  const s = session.data;
  if (s.kind === 'anonymous') {
    const target =
      'participant' in allow ? paths.join.getHref() : paths.login.getHref(location.pathname + location.search);
    return <Navigate to={target} replace />;
  }
  if (!allowed(s, allow))
    return (
      <Container size="sm" py="xl">
        <Alert color="orange" title={t('guard.notForRole')}>
          {t('guard.notForRoleBody')}{' '}
          <Anchor component={Link} to={homeOf(s)}>
            {t('guard.goHome')}
          </Anchor>
          .
        </Alert>
      </Container>
    );
  return <>{children(s)}</>;
}
