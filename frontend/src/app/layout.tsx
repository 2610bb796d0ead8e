import { ActionIcon, Anchor, AppShell, Box, Button, Group, Text } from '@mantine/core';
import { IconLogout, IconShieldHalf } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { LanguageSwitch } from '../components/language-switch';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ContentLanguageSelect } from '../features/play/components/content-language-select';
import { ConnectionIndicator } from '../components/connection-indicator';
import { PageLoader } from '../components/page-states';
import { SystemStatusBanner } from '../components/system-status-banner';
import { PresentationToggle } from '../components/presentation-toggle';
import { ThemeToggle } from '../components/theme-toggle';
import { CONTROL_ROLES, type Session, useSession } from '../features/auth/api/get-session';
import { useLogout } from '../features/auth/api/logout';
import { useAccountLanguage, useSetAccountLanguage } from '../features/auth/api/set-language';
import { isInterfaceLanguage } from '../i18n/i18n';
import { paths } from '../config/paths';
import { reviewPaths } from '../features/review/api/review-paths';
import { SocketLifecycle } from './socket-lifecycle';
import { ForcedPasswordChange } from '../features/auth/components/forced-password-change';

const StaffNavMenu = lazy(() => import('./staff-nav-menu').then((m) => ({ default: m.StaffNavMenu })));

function navFor(session: Session | undefined, t: TFunction): { to: string; label: string }[] {
  if (!session || session.kind === 'anonymous') return [{ to: paths.join.getHref(), label: t('nav.join') }];
  if (session.kind === 'participant')
    return [
      { to: paths.play.getHref(), label: t('nav.teamConsole') },
      { to: reviewPaths.team.getHref(), label: t('nav.teamReport') },
    ];
  // nothing else to go to before a one-time password is replaced
  if (session.user.mustChangePassword) return [];
  const items = [] as { to: string; label: string }[];
  if (CONTROL_ROLES.includes(session.user.role))
    items.push(
      { to: paths.control.list.getHref(), label: t('nav.control') },
      { to: paths.evaluate.list.getHref(), label: t('nav.evaluation') },
    );
  if (session.user.role === 'admin' || session.user.role === 'instructor')
    items.push({ to: '/author', label: t('nav.scenarios') });
  items.push({ to: paths.observe.list.getHref(), label: t('nav.observer') });
  items.push({ to: reviewPaths.list.getHref(), label: t('nav.review') });
  if (session.user.role === 'admin') items.push({ to: paths.accounts.getHref(), label: t('nav.accounts') });
  return items;
}

function Account({ session }: { session: Session | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout({
    onSuccess: () => void navigate(session?.kind === 'participant' ? paths.join.getHref() : paths.login.getHref()),
  });
  if (!session || session.kind === 'anonymous')
    return (
      <Button component={Link} to={paths.login.getHref()} size="xs" variant="default">
        {t('account.staffSignIn')}
      </Button>
    );
  const name =
    session.kind === 'user'
      ? `${session.user.displayName} (${t(`account.role.${session.user.role}`)})`
      : `${session.player.participant.displayName} · ${session.player.team.name}`;
  return (
    <Group gap="xs" wrap="nowrap">
      {session.kind === 'user' ? (
        <Anchor
          component={Link}
          to={paths.account.getHref()}
          size="sm"
          truncate
          maw={260}
          visibleFrom="sm"
          data-testid="account-name"
          title={t('account.myAccount')}
          translate="no"
        >
          {name}
        </Anchor>
      ) : (
        <Text size="sm" truncate maw={260} visibleFrom="sm" data-testid="account-name" translate="no">
          {name}
        </Text>
      )}
      {/* staff on a phone: the icon alone, so the navigation menu keeps its place in the header */}
      {session.kind === 'user' && (
        <ActionIcon
          hiddenFrom="sm"
          size="lg"
          variant="subtle"
          aria-label={t('account.signOut')}
          title={t('account.signOut')}
          onClick={() => logout.mutate()}
          loading={logout.isPending}
        >
          <IconLogout size={18} />
        </ActionIcon>
      )}
      <Button
        size="xs"
        variant="subtle"
        leftSection={<IconLogout size={14} />}
        onClick={() => logout.mutate()}
        loading={logout.isPending}
        visibleFrom={session.kind === 'user' ? 'sm' : undefined}
      >
        {session.kind === 'participant' ? t('account.leave') : t('account.signOut')}
      </Button>
    </Group>
  );
}

/** The app shell: brand, role-aware navigation, connection state, theme and account. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const nav = navFor(session.data, t);
  // a staff account's language follows it to every browser; the switch in the header changes it
  useAccountLanguage(session.data);
  const saveLanguage = useSetAccountLanguage();
  const staff = session.data?.kind === 'user';
  // the join form asks for the language itself (interface and scenario in one choice)
  const onJoinPage = useLocation().pathname.startsWith(paths.join.getHref());
  return (
    <AppShell header={{ height: 52 }} padding={0}>
      <a href="#main-content" className="ttx-skip-link">
        {t('skipToMain')}
      </a>
      <SocketLifecycle session={session.data} />
      <SystemStatusBanner />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap" className="ttx-header-start">
            <Link
              to="/"
              style={{ textDecoration: 'none', color: 'inherit', display: 'flex', alignItems: 'center', gap: 6 }}
              aria-label={t('home')}
            >
              <IconShieldHalf size={22} aria-hidden />
              <Text fw={800} span visibleFrom="sm" style={{ whiteSpace: 'nowrap' }} translate="no">
                Cyber TTX
              </Text>
            </Link>
            {/* a player below 992 px (phone or tablet, the one-pane console): the console's own section
                bar leads to the report; staff below 1200 px: the links fold into a menu (up to six of
                them never fit a phone or a tablet) */}
            <Group
              gap={4}
              component="nav"
              aria-label={t('nav.main')}
              wrap="nowrap"
              visibleFrom={
                session.data?.kind === 'participant' ? 'md' : session.data?.kind === 'user' ? 'lg' : undefined
              }
            >
              {nav.map((item) => (
                <Button key={item.to} component={NavLink} to={item.to} variant="subtle" size="xs">
                  {item.label}
                </Button>
              ))}
            </Group>
            {session.data?.kind === 'user' && nav.length > 0 && (
              <Box hiddenFrom="lg">
                <Suspense fallback={null}>
                  <StaffNavMenu items={nav} />
                </Suspense>
              </Box>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap" className="ttx-header-end">
            {session.data &&
              session.data.kind !== 'anonymous' &&
              !(session.data.kind === 'user' && session.data.user.mustChangePassword) && <ConnectionIndicator />}
            {/* projecting a phone is not a thing: the switch gives its room to the account controls there */}
            {session.data?.kind === 'user' && (
              <Box visibleFrom="sm">
                <PresentationToggle />
              </Box>
            )}
            {session.data?.kind === 'participant' ? (
              <ContentLanguageSelect />
            ) : (
              !onJoinPage && (
                <LanguageSwitch
                  onChange={(lng) => {
                    if (staff && isInterfaceLanguage(lng)) saveLanguage.mutate(lng);
                  }}
                />
              )
            )}
            <ThemeToggle />
            <Account session={session.data} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main h="100dvh">
        <Box
          id="main-content"
          tabIndex={-1}
          h="calc(100dvh - var(--app-shell-header-height, 52px))"
          style={{ outline: 'none' }}
        >
          <Suspense fallback={<PageLoader />}>
            {session.data?.kind === 'user' && session.data.user.mustChangePassword ? (
              <ForcedPasswordChange user={session.data.user} />
            ) : (
              <Outlet />
            )}
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
