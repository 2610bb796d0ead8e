import { Badge, Box, Center, Grid, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { ScrollPane } from '../../../components/scroll-pane';
import { toast } from '../../../lib/toast';
import { lazy, Suspense, useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ExerciseClock } from '../../../components/exercise-clock';
import { ErrorAlert, PageLoader } from '../../../components/page-states';
import { TlpLabel } from '../../../components/tlp-banner';
import type { PlayerInjectView } from '../../../lib/api-types';
import { useAcks } from '../api/get-acks';
import { useInjects } from '../api/get-injects';
import { usePlayerScores } from '../api/get-scores';
import { usePlayerSession } from '../api/get-player-session';
import { useResponses } from '../api/get-responses';
import { usePlayerRealtime } from '../hooks/use-player-realtime';
import { useReadState } from '../hooks/use-read-state';
import { CHANNEL_INFO } from '../../../components/inject-view/channel-meta';
import { IndicatorsContext, indicatorsOf } from '../../../components/inject-view/indicators';
import { InboxList } from './inbox-list';
import { InjectReader } from './inject-reader';
import { ResponseLog } from './response-log';
import { RfiPanel } from './rfi-panel';

// scores appear only after the exercise (or with the leaderboard on): loaded when shown
const TeamScores = lazy(() => import('./team-scores').then((m) => ({ default: m.TeamScores })));

const EMPTY: PlayerInjectView[] = [];

/** The player's console: inbox, reading pane with response composer, team log and requests. */
export function TeamConsole() {
  const session = usePlayerSession();
  if (session.isPending) return <PageLoader label="Opening your console" />;
  if (session.isError) return <ErrorAlert error={session.error} title="Could not open your console" />;
  return <ConsoleBody session={session.data} />;
}

function ConsoleBody({ session }: { session: NonNullable<ReturnType<typeof usePlayerSession>['data']> }) {
  const injects = useInjects();
  const acks = useAcks();
  const responses = useResponses();
  const scores = usePlayerScores();
  const showScores = Boolean(scores.data && (scores.data.own || scores.data.leaderboard));
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('inject');
  const { isRead, markRead } = useReadState(session.participant.id);
  const me = useMemo(() => ({ participantId: session.participant.id, displayName: session.participant.displayName }), [session.participant.id, session.participant.displayName]);

  const onArrival = useCallback((inject: PlayerInjectView) => {
    toast({ id: `inject-${inject.id}`, title: `New ${CHANNEL_INFO[inject.channel].label.toLowerCase()}: ${inject.from.name}`, message: inject.subject, autoCloseMs: 6000 });
  }, []);
  usePlayerRealtime(session.exercise.id, onArrival);

  const list = injects.data ?? EMPTY;
  // every indicator the team has been sent: a later message linking to a known hostile host is defanged too
  const indicators = useMemo(() => indicatorsOf(list.map((i) => i.artifacts)), [list]);
  const selected = list.find((i) => i.id === selectedId) ?? null;
  useEffect(() => {
    if (selected) markRead(selected.id);
  }, [selected, markRead]);

  const acknowledgedIds = useMemo(() => new Set((acks.data ?? []).filter((a) => a.participantId === me.participantId).map((a) => a.injectId)), [acks.data, me.participantId]);
  const respondedIds = useMemo(() => new Set((responses.data ?? []).map((r) => r.injectId)), [responses.data]);
  const unread = list.filter((i) => !isRead(i.id)).length;
  useEffect(() => {
    document.title = `${unread > 0 ? `(${unread}) ` : ''}${session.team.name} · Cyber TTX`;
  }, [unread, session.team.name]);

  const select = useCallback((id: string) => setParams({ inject: id }, { replace: false }), [setParams]);

  return (
    <IndicatorsContext.Provider value={indicators}>
    <Stack gap={0} h="100%" data-testid="team-console">
      <Paper component="header" px="md" py="xs" radius={0} withBorder style={{ borderLeft: 0, borderRight: 0, borderTop: 0 }}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={0}>
            <Group gap="xs">
              <Title order={1} fz="h4" data-testid="team-name">
                {session.team.name}
              </Title>
              <TlpLabel tlp={session.exercise.classification} />
            </Group>
            <Text size="xs" c="dimmed">
              {session.exercise.title} · signed in as {session.participant.displayName}
            </Text>
          </Stack>
          <Group gap="md">
            <Badge variant="light" color={unread > 0 ? 'blue' : 'gray'} aria-live="polite" data-testid="unread-count">
              {unread} unread
            </Badge>
            <ExerciseClock clock={session.clock} compact />
          </Group>
        </Group>
      </Paper>
      <Grid gap={0} style={{ flex: 1, minHeight: 0 }} styles={{ inner: { height: '100%' } }}>
        <Grid.Col span={{ base: 12, md: 4, lg: 3 }} h={{ md: '100%' }} className="ttx-pane">
          <Box component="nav" aria-label="Messages" h="100%">
            <ScrollPane height="100%">
              {injects.isPending ? <PageLoader label="Loading messages" /> : injects.isError ? <ErrorAlert error={injects.error} /> : <InboxList injects={list} selectedId={selectedId} isRead={isRead} acknowledgedIds={acknowledgedIds} respondedIds={respondedIds} clock={session.clock} onSelect={select} />}
            </ScrollPane>
          </Box>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, lg: 6 }} h={{ md: '100%' }} className="ttx-pane">
          <ScrollPane height="100%">
            <Box p="md" component="section" aria-label="Message" id="reading-pane">
              {selected ? (
                <InjectReader inject={selected} injects={list} clock={session.clock} me={me} acks={acks.data ?? []} responded={respondedIds.has(selected.id)} />
              ) : (
                <Center h={240}>
                  <Text c="dimmed">{list.length ? 'Select a message in the inbox.' : 'Waiting for the first message…'}</Text>
                </Center>
              )}
            </Box>
          </ScrollPane>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 3 }} h={{ lg: '100%' }} className="ttx-pane">
          <Tabs defaultValue="log" h="100%" style={{ display: 'flex', flexDirection: 'column' }} keepMounted={false}>
            <Tabs.List grow>
              <Tabs.Tab value="log">Team log</Tabs.Tab>
              <Tabs.Tab value="rfi">Requests</Tabs.Tab>
              {showScores && <Tabs.Tab value="scores">Scores</Tabs.Tab>}
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
        </Grid.Col>
      </Grid>
    </Stack>
    </IndicatorsContext.Provider>
  );
}
