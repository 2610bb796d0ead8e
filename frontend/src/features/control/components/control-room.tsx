import { Badge, Box, Button, Card, Grid, Modal, Stack, Tabs, Title, VisuallyHidden } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { Link } from 'react-router';
import { SeatHeader } from '../../../components/seat-header';
import { paths } from '../../../config/paths';
import type { PublicUser } from '../../../lib/api-types';
import { socketErrorMessage } from '../../../lib/api-client';
import { ScrollPane } from '../../../components/scroll-pane';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { ErrorAlert, PageLoader } from '../../../components/page-states';
import { useExercise } from '../api/get-exercise';
import { useControlRealtime } from '../hooks/use-control-realtime';
import { useRfiAttention } from '../hooks/use-rfi-attention';
import { AdhocInjectForm } from './adhoc-inject-form';
import { ClockPanel } from './clock-panel';
import { DecisionsPanel } from './decisions-panel';
import { DeliveryHealth } from './delivery-health';
import { JournalPanel } from './journal-panel';
import { ObserverSettings } from './observer-settings';
import { ResponseFeed } from './response-feed';
import { RfiQueue } from './rfi-queue';
import { ScoresPanel } from './scores-panel';
import { type RoomMode, canSteer } from './room-mode';
import { StatusGridView } from './status-grid-view';
import { TeamInvites } from './team-invites';
import { TeamSeats } from './team-seats';
import { TimelineTable } from './timeline-table';
import { useTranslation } from 'react-i18next';

/** One screen for the drill: clock, timeline, status grid, and the live side panels. */
export function ControlRoom({ exerciseId, mode, viewer }: { exerciseId: string; mode: RoomMode; viewer?: PublicUser }) {
  const { t } = useTranslation('control');
  const exercise = useExercise(exerciseId);
  const watch = useControlRealtime(exerciseId);
  const steer = canSteer(mode);
  const staff = mode !== 'observe';
  // scores: every control role sees them; only instructors and admins decide what teams see
  const setsVisibility = staff && (viewer?.role === 'admin' || viewer?.role === 'instructor');
  const [tab, setTab] = useState<string | null>('responses');
  const [invitesOpen, setInvitesOpen] = useState(false);
  // a phone: the header folds to one row (clock, pause or resume, more) and leaves the screen to the feed
  const phone = useMediaQuery('(max-width: 47.99em)') ?? false;
  const awaitingRfis = useRfiAttention(exerciseId, staff, tab === 'rfi');
  useEffect(() => {
    if (exercise.data) document.title = `${exercise.data.name} · ${t(`room.mode.${mode}`)} · Cyber TTX`;
  }, [exercise.data, mode, t]);
  if (exercise.isPending) return <PageLoader label={t('room.opening')} />;
  if (exercise.isError) return <ErrorAlert error={exercise.error} title={t('room.couldNotOpen')} />;
  const ex = exercise.data;
  return (
    <Stack gap={0} h="100%" data-testid="control-room" data-mode={mode}>
      <SeatHeader
        title={ex.name}
        seat={t(`room.mode.${mode}`)}
        refused={watch.state === 'refused' ? socketErrorMessage(watch) : null}
        subtitle={t('room.subtitle', { title: ex.pack.title, version: ex.pack.version, duration: ex.pack.duration })}
      >
        <ClockPanel
          exercise={ex}
          steer={steer}
          compact={phone}
          seatActions={
            <>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconKey size={14} aria-hidden />}
                onClick={() => setInvitesOpen(true)}
                data-testid="open-join-codes"
              >
                {t('room.joinCodes')}
              </Button>
              {staff && (
                <Button component={Link} to={paths.evaluate.room.getHref(ex.id)} size="xs" variant="default">
                  {t('room.evaluate')}
                </Button>
              )}
            </>
          }
        />
      </SeatHeader>
      <Modal
        opened={invitesOpen}
        onClose={() => setInvitesOpen(false)}
        title={t('room.invitesTitle')}
        size="lg"
        className="ttx-staff-dialog"
      >
        <Stack>
          <TeamInvites teams={ex.teams} />
          {steer && <TeamSeats exerciseId={ex.id} teams={ex.teams} />}
          {steer && <ObserverSettings exercise={ex} />}
        </Stack>
      </Modal>
      <ScrollPane flex={1}>
        <Grid gap="sm" p="sm">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="sm">
              {(ex.clock.status === 'draft' || ex.clock.status === 'scheduled') && (
                <Card withBorder padding="sm" component="section" aria-labelledby="invites-title">
                  <Title order={2} fz="h5" mb="xs" id="invites-title">
                    {t('room.giveCodes')}
                  </Title>
                  <TeamInvites teams={ex.teams} />
                </Card>
              )}
              <Card withBorder padding="sm" component="section" aria-labelledby="timeline-title">
                <Title order={2} fz="h5" mb="xs" id="timeline-title">
                  {t('room.timeline')}
                </Title>
                <TimelineTable exerciseId={ex.id} teams={ex.teams} clock={ex.clock} steer={steer} />
              </Card>
              <Card withBorder padding="sm" component="section" aria-labelledby="grid-title">
                <Title order={2} fz="h5" mb="xs" id="grid-title">
                  {t('room.statusGrid')}
                </Title>
                <StatusGridView exerciseId={ex.id} />
              </Card>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="sm">
              <Card withBorder padding="sm" component="section" aria-label={t('room.livePanels')}>
                <Tabs value={tab} onChange={setTab} keepMounted={false}>
                  <Tabs.List className="ttx-tabs-nowrap">
                    <Tabs.Tab value="responses">{t('room.tab.responses')}</Tabs.Tab>
                    <Tabs.Tab value="decisions">{t('room.tab.decisions')}</Tabs.Tab>
                    {staff && <Tabs.Tab value="scores">{t('room.tab.scores')}</Tabs.Tab>}
                    {staff && (
                      <Tabs.Tab
                        value="rfi"
                        rightSection={
                          awaitingRfis > 0 ? (
                            <Badge size="sm" color="red.9" variant="filled" circle data-testid="rfi-badge">
                              {awaitingRfis}
                              <VisuallyHidden> {t('room.awaitingReply')}</VisuallyHidden>
                            </Badge>
                          ) : null
                        }
                      >
                        {t('room.tab.rfi')}
                      </Tabs.Tab>
                    )}
                    {staff && <Tabs.Tab value="journal">{t('room.tab.journal')}</Tabs.Tab>}
                    {steer && <Tabs.Tab value="adhoc">{t('room.tab.adhoc')}</Tabs.Tab>}
                  </Tabs.List>
                  <Box pt="sm">
                    <Tabs.Panel value="responses">
                      <ResponseFeed exerciseId={ex.id} />
                    </Tabs.Panel>
                    <Tabs.Panel value="decisions">
                      <DecisionsPanel exerciseId={ex.id} teams={ex.teams} clock={ex.clock} steer={steer} />
                    </Tabs.Panel>
                    {staff && (
                      <Tabs.Panel value="scores">
                        <ScoresPanel exerciseId={ex.id} canSetVisibility={setsVisibility} viewer={viewer} />
                      </Tabs.Panel>
                    )}
                    {staff && (
                      <Tabs.Panel value="rfi">
                        <RfiQueue exerciseId={ex.id} canReply={steer} />
                      </Tabs.Panel>
                    )}
                    {staff && (
                      <Tabs.Panel value="journal">
                        <JournalPanel exerciseId={ex.id} canWrite={steer} />
                      </Tabs.Panel>
                    )}
                    {steer && (
                      <Tabs.Panel value="adhoc">
                        <AdhocInjectForm exerciseId={ex.id} teams={ex.teams} />
                      </Tabs.Panel>
                    )}
                  </Box>
                </Tabs>
              </Card>
              {ex.clock.status !== 'draft' && ex.clock.status !== 'scheduled' && (
                <Card withBorder padding="sm" component="section" aria-labelledby="delivery-health-title">
                  <Title order={2} fz="h5" mb="xs" id="delivery-health-title">
                    {t('room.deliveryAccuracy')}
                  </Title>
                  <DeliveryHealth
                    exerciseId={ex.id}
                    teams={ex.teams}
                    live={ex.clock.status === 'running' || ex.clock.status === 'paused'}
                  />
                </Card>
              )}
            </Stack>
          </Grid.Col>
        </Grid>
      </ScrollPane>
    </Stack>
  );
}
