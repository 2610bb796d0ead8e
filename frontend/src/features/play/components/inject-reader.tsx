import { useTranslation } from 'react-i18next';
import { Badge, Button, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { IconCheck } from '@tabler/icons-react';
import { TlpBanner } from '../../../components/tlp-banner';
import { errorMessage } from '../../../lib/api-client';
import type { PlayerInjectView, TeamAck } from '../../../lib/api-types';
import { formatScenarioTime, formatWallTime, type LocalClock } from '../../../lib/clock';
import { useAcknowledgeInject } from '../api/acknowledge-inject';
import { useConsoleClosed } from '../hooks/use-console-closed';
import { playerArtifactUrl } from '../api/artifact-url';
import { ArtifactList } from '../../../components/inject-view/artifact-list';
import { CHANNEL_INFO } from '../../../components/inject-view/channel-meta';
import { ChannelView } from '../../../components/inject-view/channel-view';
import { RespondCountdown } from './respond-countdown';
import { ResponseComposer } from './response-composer';
import { ResponseLog } from './response-log';

// few injects carry a decision: its card loads when one is opened, not with the console
const DecisionCard = lazy(() => import('./decision-card').then((m) => ({ default: m.DecisionCard })));

export function InjectReader(props: {
  inject: PlayerInjectView;
  injects: PlayerInjectView[];
  clock: LocalClock;
  me: { participantId: string; displayName: string };
  acks: TeamAck[];
  responded: boolean;
}) {
  const { inject, clock, me } = props;
  const ack = useAcknowledgeInject(me);
  const closed = useConsoleClosed();
  const { t } = useTranslation(['play', 'common']);
  const label = t(`common:channel.${inject.channel}`);
  const acksHere = props.acks.filter((a) => a.injectId === inject.id);
  const ackedByMe = acksHere.some((a) => a.participantId === me.participantId);
  const deliveredLabel = formatWallTime(inject.deliveredAt);
  const scenarioLabel = formatScenarioTime(inject.scenarioMs);
  const { icon: ChannelIcon } = CHANNEL_INFO[inject.channel];
  const root = useRef<HTMLDivElement>(null);
  // a newly opened message starts at its top (header, TLP marking, severity) with focus on its
  // heading, so keyboard and screen-reader users land on it too
  useEffect(() => {
    const article = root.current;
    if (!article) return;
    let pane: HTMLElement | null = article.parentElement;
    while (pane && !(pane.scrollHeight > pane.clientHeight && getComputedStyle(pane).overflowY !== 'visible'))
      pane = pane.parentElement;
    if (pane) pane.scrollTop = 0;
    const heading = article.querySelector<HTMLElement>('h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }, [inject.id]);
  return (
    <Stack
      ref={root}
      gap="md"
      component="article"
      aria-labelledby={`inject-${inject.id}-title`}
      data-testid="inject-reader"
      data-inject-id={inject.id}
    >
      <Group justify="space-between" align="center" gap="xs">
        <Group gap="xs">
          <ChannelIcon size={18} aria-hidden />
          <Text size="sm" fw={600} id={`inject-${inject.id}-title`}>
            {label}
            <span className="ttx-visually-hidden" translate="no">
              : {inject.subject}
            </span>
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {scenarioLabel} · {deliveredLabel}
          </Text>
          {inject.late && (
            <Badge color="orange" variant="light" size="sm">
              {t('reader.deliveredLate')}
            </Badge>
          )}
        </Group>
        {!closed && (
          <Group gap="xs">
            <RespondCountdown
              clock={clock}
              deliveredScenarioMs={inject.scenarioMs}
              respondWithinMs={inject.respondWithinMs}
              responded={props.responded}
            />
            <Button
              size="compact-sm"
              variant={ackedByMe ? 'light' : 'filled'}
              color={ackedByMe ? 'teal' : undefined}
              leftSection={ackedByMe ? <IconCheck size={14} /> : undefined}
              disabled={ackedByMe}
              loading={ack.isPending}
              onClick={() => ack.mutate(inject.id)}
              data-testid="ack-button"
            >
              {ackedByMe ? t('reader.acknowledged') : t('reader.acknowledge')}
            </Button>
          </Group>
        )}
      </Group>
      {ack.isError && (
        <Text c="red" size="sm" role="alert">
          {t('reader.ackFailed', { error: errorMessage(ack.error) })}
        </Text>
      )}
      {acksHere.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="acked-by">
          {t('reader.ackedBy', { names: acksHere.map((a) => a.displayName).join(', ') })}
        </Text>
      )}
      {inject.tlp && inject.channel !== 'intel' && <TlpBanner tlp={inject.tlp} />}
      <ChannelView inject={inject} deliveredLabel={deliveredLabel} scenarioLabel={scenarioLabel} />
      <ArtifactList artifacts={inject.artifacts} imageSrc={(index) => playerArtifactUrl(inject.id, index)} />
      {inject.decision && (
        <Suspense fallback={null}>
          <DecisionCard view={inject.decision} clock={clock} />
        </Suspense>
      )}
      <Divider label={t('reader.yourResponse')} labelPosition="left" />
      <ResponseLog injects={props.injects} injectId={inject.id} />
      {closed ? (
        <Text size="sm" c="dimmed" data-testid="composer-closed">
          {t('reader.closed')}
        </Text>
      ) : (
        <>
          <Title order={3} fz="sm" className="ttx-visually-hidden">
            {t('reader.logResponse')}
          </Title>
          <ResponseComposer key={inject.id} inject={inject} />
        </>
      )}
    </Stack>
  );
}
