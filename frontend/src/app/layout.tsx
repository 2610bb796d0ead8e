import { Anchor, AppShell, Box, Button, Group, Text } from '@mantine/core';
import { IconLogout, IconShieldHalf } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { ConnectionIndicator } from '../components/connection-indicator';
import { PageLoader } from '../components/page-states';
import { SystemStatusBanner } from '../components/system-status-banner';
import { PresentationToggle } from '../components/presentation-toggle';
import { ThemeToggle } from '../components/theme-toggle';
import { CONTROL_ROLES, type Session, useSession } from '../features/auth/api/get-session';
import { useLogout } from '../features/auth/api/logout';
import { paths } from '../config/paths';
import { reviewPaths } from '../features/review/api/review-paths';
import { SocketLifecycle } from './socket-lifecycle';
import { ForcedPasswordChange } from '../features/auth/components/forced-password-change';

const StaffNavMenu = lazy(() => import('./staff-nav-menu').then((m) => ({ default: m.StaffNavMenu })));

function navFor(session: Session | undefined): { to: string; label: string }[] {
  if (!session || session.kind === 'anonymous') return [{ to: paths.join.getHref(), label: 'Join' }];
  if (session.kind === 'participant') return [{ to: paths.play.getHref(), label: 'Team console' }, { to: reviewPaths.team.getHref(), label: 'Hotwash and team report' }];
  // nothing else to go to before a one-time password is replaced
  if (session.user.mustChangePassword) return [];
  const items = [] as { to: string; label: string }[];
  if (CONTROL_ROLES.includes(session.user.role)) items.push({ to: paths.control.list.getHref(), label: 'Control room' }, { to: paths.evaluate.list.getHref(), label: 'Evaluation' });
  if (session.user.role === 'admin' || session.user.role === 'instructor') items.push({ to: '/author', label: 'Scenarios' });
  items.push({ to: paths.observe.list.getHref(), label: 'Observer view' });
  items.push({ to: reviewPaths.list.getHref(), label: 'After-action review' });
  if (session.user.role === 'admin') items.push({ to: paths.accounts.getHref(), label: 'Accounts' });
  return items;
}

function Account({ session }: { session: Session | undefined }) {
  const navigate = useNavigate();
  const logout = useLogout({ onSuccess: () => void navigate(session?.kind === 'participant' ? paths.join.getHref() : paths.login.getHref()) });
  if (!session || session.kind === 'anonymous')
    return (
      <Button component={Link} to={paths.login.getHref()} size="xs" variant="default">
        Staff sign in
      </Button>
    );
  const name = session.kind === 'user' ? `${session.user.displayName} (${session.user.role})` : `${session.player.participant.displayName} · ${session.player.team.name}`;
  return (
    <Group gap="xs" wrap="nowrap">
      {session.kind === 'user' ? (
        <Anchor component={Link} to={paths.account.getHref()} size="sm" truncate maw={260} visibleFrom="sm" data-testid="account-name" title="My account and password">
          {name}
        </Anchor>
      ) : (
        <Text size="sm" truncate maw={260} visibleFrom="sm" data-testid="account-name">
          {name}
        </Text>
      )}
      <Button size="xs" variant="subtle" leftSection={<IconLogout size={14} />} onClick={() => logout.mutate()} loading={logout.isPending}>
        {session.kind === 'participant' ? 'Leave' : 'Sign out'}
      </Button>
    </Group>
  );
}

/** The app shell: brand, role-aware navigation, connection state, theme and account. */
export function AppLayout() {
  const session = useSession();
  return (
    <AppShell header={{ height: 52 }} padding={0}>
      <a href="#main-content" className="ttx-skip-link">
        Skip to main content
      </a>
      <SocketLifecycle session={session.data} />
      <SystemStatusBanner />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap" className="ttx-header-start">
            <Link to="/" style={{ textDecoration: 'none', color: 'inherit', display: 'flex', alignItems: 'center', gap: 6 }} aria-label="Cyber TTX home">
              <IconShieldHalf size={22} aria-hidden />
              <Text fw={800} span visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                Cyber TTX
              </Text>
            </Link>
            {/* a player below 992 px (phone or tablet, the one-pane console): the console's own section
                bar leads to the report; staff below 1200 px: the links fold into a menu (up to six of
                them never fit a phone or a tablet) */}
            <Group gap={4} component="nav" aria-label="Main" wrap="nowrap" visibleFrom={session.data?.kind === 'participant' ? 'md' : session.data?.kind === 'user' ? 'lg' : undefined}>
              {navFor(session.data).map((item) => (
                <Button key={item.to} component={NavLink} to={item.to} variant="subtle" size="xs">
                  {item.label}
                </Button>
              ))}
            </Group>
            {session.data?.kind === 'user' && navFor(session.data).length > 0 && (
              <Box hiddenFrom="lg">
                <Suspense fallback={null}>
                  <StaffNavMenu items={navFor(session.data)} />
                </Suspense>
              </Box>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap" className="ttx-header-end">
            {session.data && session.data.kind !== 'anonymous' && !(session.data.kind === 'user' && session.data.user.mustChangePassword) && <ConnectionIndicator />}
            {session.data?.kind === 'user' && <PresentationToggle />}
            <ThemeToggle />
            <Account session={session.data} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main h="100dvh">
        <Box id="main-content" tabIndex={-1} h="calc(100dvh - var(--app-shell-header-height, 52px))" style={{ outline: 'none' }}>
          <Suspense fallback={<PageLoader />}>{session.data?.kind === 'user' && session.data.user.mustChangePassword ? <ForcedPasswordChange user={session.data.user} /> : <Outlet />}</Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
