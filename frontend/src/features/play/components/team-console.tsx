import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Box,
  Button,
  Center,
  Group,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import {
  IconArrowLeft,
  IconFlagCheck,
  IconInbox,
  IconListDetails,
  IconMessageQuestion,
  IconTrophy,
} from '@tabler/icons-react';
import { ScrollPane } from '../../../components/scroll-pane';
import { toast } from '../../../lib/toast';
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ExerciseClock } from '../../../components/exercise-clock';
import { ErrorAlert, PageLoader } from '../../../components/page-states';
import { TlpLabel } from '../../../components/tlp-banner';
import type { PlayerInjectView } from '../../../lib/api-types';
import { reviewPaths } from '../../review/api/review-paths';
import { useAcks } from '../api/get-acks';
import { useDecisions } from '../api/get-decisions';
import { useInjects } from '../api/get-injects';
import { usePlayerScores } from '../api/get-scores';
import { usePlayerSession } from '../api/get-player-session';
import { useResponses } from '../api/get-responses';
import { ConsoleClosedContext } from '../hooks/use-console-closed';
import { usePlayerRealtime } from '../hooks/use-player-realtime';
import { useReadState } from '../hooks/use-read-state';
import { IndicatorsContext, indicatorsOf } from '../../../components/inject-view/indicators';
import { InboxList, type VoteState } from './inbox-list';
import { InjectReader } from './inject-reader';
import { ResponseLog } from './response-log';
import { RfiPanel } from './rfi-panel';
import '../player-page.css';
import '../team-console.css';

// scores appear only after the exercise (or with the leaderboard on): loaded when shown
const TeamScores = lazy(() => import('./team-scores').then((m) => ({ default: m.TeamScores })));

const EMPTY: PlayerInjectView[] = [];
type SideTab = 'log' | 'rfi' | 'scores';

/** The player's console: inbox, reading pane with response composer, team log and requests. */
export function TeamConsole() {
  const { t } = useTranslation(['play', 'common']);
  const session = usePlayerSession();
  if (session.isPending) return <PageLoader label={t('opening')} />;
  if (session.isError) return <ErrorAlert error={session.error} title={t('couldNotOpen')} />;
  return <ConsoleBody session={session.data} />;
}

/** ENDEX: what happens next, in place of the composer and the countdowns. */
function EndedBanner() {
  const { t } = useTranslation(['play', 'common']);
  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconFlagCheck size={20} aria-hidden />}
      title={t('ended.title')}
      role="status"
      data-testid="ended-banner"
      className="ttx-play-ended"
      radius={0}
    >
      <Stack gap="xs">
        <Text size="sm" className="ttx-play-ended-text">
          {t('ended.text')}
        </Text>
        <Group gap="xs">
          <Button component={Link} to={reviewPaths.team.getHref()} size="sm" data-testid="ended-hotwash-link">
            {t('ended.link')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function ConsoleBody({ session }: { session: NonNullable<ReturnType<typeof usePlayerSession>['data']> }) {
  const { t } = useTranslation(['play', 'common']);
  const injects = useInjects();
  const acks = useAcks();
  const responses = useResponses();
  const decisions = useDecisions();
  const scores = usePlayerScores();
  const showScores = Boolean(scores.data && (scores.data.own || scores.data.leaderboard));
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const selectedId = params.get('inject');
  const [sideTab, setSideTab] = useState<SideTab>('log');
  // on a phone one pane shows at a time: the inbox, a message, or the team's log / requests / scores
  const [phonePane, setPhonePane] = useState<'inbox' | 'side'>('inbox');
  const { isRead, markRead } = useReadState(session.participant.id);
  const me = useMemo(
    () => ({ participantId: session.participant.id, displayName: session.participant.displayName }),
    [session.participant.id, session.participant.displayName],
  );
  const ended = session.clock.status === 'ended';

  const onArrival = useCallback(
    (inject: PlayerInjectView) => {
      toast({
        id: `inject-${inject.id}`,
        title: t('newArrival', {
          channel: t(`common:channel.${inject.channel}`).toLowerCase(),
          from: inject.from.name,
        }),
        message: inject.subject,
        autoCloseMs: 6000,
      });
    },
    [t],
  );
  usePlayerRealtime(session.exercise.id, onArrival);

  const list = injects.data ?? EMPTY;
  // every indicator the team has been sent: a later message linking to a known hostile host is defanged too
  const indicators = useMemo(() => indicatorsOf(list.map((i) => i.artifacts)), [list]);
  const selected = list.find((i) => i.id === selectedId) ?? null;
  useEffect(() => {
    if (selected) markRead(selected.id);
  }, [selected, markRead]);

  const acknowledgedIds = useMemo(
    () => new Set((acks.data ?? []).filter((a) => a.participantId === me.participantId).map((a) => a.injectId)),
    [acks.data, me.participantId],
  );
  const respondedIds = useMemo(() => new Set((responses.data ?? []).map((r) => r.injectId)), [responses.data]);
  // open decisions of the team, by the inject that asks for them: "vote needed" until the team has voted
  const votes = useMemo(() => {
    const m = new Map<string, VoteState>();
    if (ended) return m;
    for (const d of decisions.data ?? []) if (d.status === 'open') m.set(d.injectId, d.myVote ? 'voted' : 'needed');
    return m;
  }, [decisions.data, ended]);
  const unread = list.filter((i) => !isRead(i.id)).length;
  useEffect(() => {
    document.title = `${unread > 0 ? `(${unread}) ` : ''}${session.team.name} · Cyber TTX`;
  }, [unread, session.team.name]);

  // the inbox keeps its scroll position while a message fills a phone's screen
  const listScroller = useRef<HTMLDivElement>(null);
  const listScroll = useRef(0);
  const pushed = useRef(false);
  const select = useCallback(
    (id: string) => {
      listScroll.current = listScroller.current?.scrollTop ?? 0;
      pushed.current = true;
      setParams({ inject: id }, { replace: false });
    },
    [setParams],
  );
  const back = useCallback(() => {
    if (pushed.current) {
      pushed.current = false;
      void navigate(-1);
    } else setParams({}, { replace: false });
  }, [navigate, setParams]);
  const view = selected ? 'reader' : phonePane;
  useLayoutEffect(() => {
    if (view === 'inbox' && listScroller.current) listScroller.current.scrollTop = listScroll.current;
  }, [view]);
  const showSide = (tab: SideTab) => {
    setSideTab(tab);
    setPhonePane('side');
    if (selected) setParams({}, { replace: false });
  };
  const showInbox = () => {
    setPhonePane('inbox');
    if (selected) back();
  };

  const phoneTabs: { key: 'inbox' | SideTab; label: string; icon: typeof IconInbox }[] = [
    { key: 'inbox', label: unread > 0 ? t('inboxCount', { count: unread }) : t('inbox'), icon: IconInbox },
    { key: 'log', label: t('teamLog'), icon: IconListDetails },
    { key: 'rfi', label: t('requests'), icon: IconMessageQuestion },
    ...(showScores ? [{ key: 'scores' as const, label: t('scoresTab'), icon: IconTrophy }] : []),
  ];
  const phoneTab = (current: boolean) => ({
    className: 'ttx-play-phone-tab',
    'aria-current': current ? ('page' as const) : undefined,
  });

  return (
    <ConsoleClosedContext.Provider value={ended}>
      <IndicatorsContext.Provider value={indicators}>
        <div
          className="ttx-play ttx-player-page"
          data-testid="team-console"
          data-view={view}
          data-ended={ended || undefined}
        >
          <Paper component="header" px="md" py="xs" radius={0} withBorder className="ttx-play-header">
            <div className="ttx-play-header-row">
              <Stack gap={0} className="ttx-play-header-name">
                <Group gap="xs" wrap="nowrap" align="center">
                  <Title order={1} fz="h4" data-testid="team-name" className="ttx-play-team" translate="no">
                    {session.team.name}
                  </Title>
                  <TlpLabel tlp={session.exercise.classification} />
                </Group>
                <Text size="xs" c="dimmed" truncate data-testid="console-subtitle" className="ttx-play-subtitle">
                  <span translate="no">{session.exercise.title}</span> ·{' '}
                  {t('signedInAs', { name: session.participant.displayName })}
                </Text>
              </Stack>
              <Group gap="md" wrap="nowrap">
                <Badge
                  variant="light"
                  color={unread > 0 ? 'blue' : 'gray'}
                  aria-live="polite"
                  data-testid="unread-count"
                  visibleFrom="md"
                >
                  {t('unread', { count: unread })}
                </Badge>
                <ExerciseClock clock={session.clock} compact />
              </Group>
            </div>
          </Paper>
          {ended && <EndedBanner />}
          <nav className="ttx-play-phone-nav" aria-label={t('sections')}>
            {phoneTabs.map((t) => {
              const current = t.key === 'inbox' ? view === 'inbox' : view === 'side' && sideTab === t.key;
              return (
                <UnstyledButton
                  key={t.key}
                  {...phoneTab(current)}
                  onClick={() => (t.key === 'inbox' ? showInbox() : showSide(t.key))}
                  data-phone-tab={t.key}
                >
                  <t.icon size={18} aria-hidden />
                  <span>{t.label}</span>
                </UnstyledButton>
              );
            })}
            <UnstyledButton
              component={Link}
              to={reviewPaths.team.getHref()}
              {...phoneTab(false)}
              data-phone-tab="report"
            >
              <IconFlagCheck size={18} aria-hidden />
              <span>{t('report')}</span>
            </UnstyledButton>
          </nav>
          <div className="ttx-play-body">
            <Box component="nav" aria-label={t('messages')} className="ttx-play-pane ttx-play-list">
              <div ref={listScroller} className="ttx-play-scroll" data-testid="inbox-scroller">
                {injects.isPending ? (
                  <PageLoader label={t('loadingMessages')} />
                ) : injects.isError ? (
                  <ErrorAlert error={injects.error} />
                ) : (
                  <InboxList
                    injects={list}
                    selectedId={selectedId}
                    isRead={isRead}
                    acknowledgedIds={acknowledgedIds}
                    respondedIds={respondedIds}
                    votes={votes}
                    clock={session.clock}
                    onSelect={select}
                  />
                )}
              </div>
            </Box>
            <div className="ttx-play-pane ttx-play-reader">
              {selected && (
                <div className="ttx-play-backbar">
                  <Button
                    variant="subtle"
                    size="md"
                    leftSection={<IconArrowLeft size={18} aria-hidden />}
                    onClick={back}
                    data-testid="back-to-inbox"
                  >
                    {t('backToInbox')}
                  </Button>
                </div>
              )}
              <ScrollPane height="100%" flex={1}>
                <Box p="md" component="section" aria-label={t('message')} id="reading-pane">
                  {selected ? (
                    <InjectReader
                      inject={selected}
                      injects={list}
                      clock={session.clock}
                      me={me}
                      acks={acks.data ?? []}
                      responded={respondedIds.has(selected.id)}
                    />
                  ) : (
                    <Center h={240}>
                      <Text c="dimmed">{list.length ? t('selectMessage') : t('waitingFirst')}</Text>
                    </Center>
                  )}
                </Box>
              </ScrollPane>
            </div>
            <div className="ttx-play-pane ttx-play-side">
              <Tabs
                value={sideTab}
                onChange={(v) => v && setSideTab(v as SideTab)}
                h="100%"
                style={{ display: 'flex', flexDirection: 'column' }}
                keepMounted={false}
              >
                <Tabs.List grow className="ttx-play-side-tabs">
                  <Tabs.Tab value="log">{t('teamLog')}</Tabs.Tab>
                  <Tabs.Tab value="rfi">{t('requests')}</Tabs.Tab>
                  {showScores && <Tabs.Tab value="scores">{t('scoresTab')}</Tabs.Tab>}
                </Tabs.List>
                <ScrollPane flex={1}>
                  <Box p="sm">
                    <Tabs.Panel value="log">
                      <ResponseLog injects={list} />
                    </Tabs.Panel>
                    <Tabs.Panel value="rfi">
                      <RfiPanel />
                    </Tabs.Panel>
                    {showScores && scores.data && (
                      <Tabs.Panel value="scores">
                        <Suspense fallback={null}>
                          <TeamScores scores={scores.data} injects={list} teamName={session.team.name} />
                        </Suspense>
                      </Tabs.Panel>
                    )}
                  </Box>
                </ScrollPane>
              </Tabs>
            </div>
          </div>
        </div>
      </IndicatorsContext.Provider>
    </ConsoleClosedContext.Provider>
  );
}
