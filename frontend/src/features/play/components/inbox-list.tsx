import { useTranslation } from 'react-i18next';
import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { memo } from 'react';
import { useConsoleClosed } from '../hooks/use-console-closed';
import type { PlayerInjectView } from '../../../lib/api-types';
import { formatScenarioTime, type LocalClock } from '../../../lib/clock';
import { CHANNEL_INFO } from '../../../components/inject-view/channel-meta';
import { RespondCountdown } from './respond-countdown';

/** The team's part in an open decision an inject asks for. */
export type VoteState = 'needed' | 'voted';

interface ItemProps {
  inject: PlayerInjectView;
  vote: VoteState | undefined;
  selected: boolean;
  unread: boolean;
  acknowledged: boolean;
  responded: boolean;
  clock: LocalClock;
  onSelect: (id: string) => void;
}

const InboxItem = memo(function InboxItem({
  inject,
  vote,
  selected,
  unread,
  acknowledged,
  responded,
  clock,
  onSelect,
}: ItemProps) {
  const { icon: ChannelIcon } = CHANNEL_INFO[inject.channel];
  const closed = useConsoleClosed();
  const { t } = useTranslation(['play', 'common']);
  const label = t(`common:channel.${inject.channel}`);
  return (
    <li data-inject-id={inject.id} data-unread={unread} data-acknowledged={acknowledged} data-vote={vote}>
      <UnstyledButton
        onClick={() => onSelect(inject.id)}
        aria-current={selected ? 'true' : undefined}
        className="ttx-list-button"
        p="xs"
        w="100%"
      >
        <Group wrap="nowrap" align="flex-start" gap="sm">
          <ChannelIcon size={20} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" fw={unread ? 800 : 500} truncate>
                {/* the button's name is its visible text, with the channel and read state for screen readers */}
                <span className="ttx-visually-hidden">
                  {unread ? t('list.unreadSr') : ''}
                  {t('list.fromSr', { channel: label })}
                </span>
                <span translate="no">{inject.from.name}</span>
              </Text>
              <Text size="xs" c="dimmed" ff="monospace" style={{ flexShrink: 0 }}>
                {formatScenarioTime(inject.scenarioMs)}
              </Text>
            </Group>
            <Text size="sm" fw={unread ? 700 : 400} lineClamp={2}>
              {unread && <span className="ttx-unread-dot" aria-hidden />}
              <span translate="no">{inject.subject}</span>
            </Text>
            <Group gap={4}>
              {vote === 'needed' && (
                <Badge
                  size="sm"
                  color="orange.4"
                  autoContrast
                  variant="filled"
                  data-testid="vote-needed"
                  className="ttx-play-vote-needed"
                >
                  {t('list.voteNeeded')}
                </Badge>
              )}
              {vote === 'voted' && (
                <Badge size="xs" color="blue" variant="light">
                  {t('list.voted')}
                </Badge>
              )}
              {inject.late && (
                <Badge size="xs" color="orange" variant="light">
                  {t('list.late')}
                </Badge>
              )}
              {acknowledged && (
                <Badge size="xs" color="teal" variant="light" leftSection={<IconCircleCheck size={10} aria-hidden />}>
                  {t('list.ack')}
                </Badge>
              )}
              {!closed && (
                <RespondCountdown
                  clock={clock}
                  deliveredScenarioMs={inject.scenarioMs}
                  respondWithinMs={inject.respondWithinMs}
                  responded={responded}
                  size="sm"
                />
              )}
            </Group>
          </Stack>
        </Group>
      </UnstyledButton>
    </li>
  );
});

/** Delivered injects, newest first, keyed by inject id. */
export function InboxList(props: {
  injects: PlayerInjectView[];
  selectedId: string | null;
  isRead: (id: string) => boolean;
  acknowledgedIds: ReadonlySet<string>;
  respondedIds: ReadonlySet<string>;
  votes: ReadonlyMap<string, VoteState>;
  clock: LocalClock;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation(['play', 'common']);
  if (props.injects.length === 0)
    return (
      <Text size="sm" c="dimmed" p="sm" role="status">
        {t('list.none')}
      </Text>
    );
  return (
    <ul className="ttx-inbox" aria-label={t('inbox')} data-testid="inbox">
      {props.injects.map((i) => (
        <InboxItem
          key={i.id}
          inject={i}
          vote={props.votes.get(i.id)}
          selected={i.id === props.selectedId}
          unread={!props.isRead(i.id)}
          acknowledged={props.acknowledgedIds.has(i.id)}
          responded={props.respondedIds.has(i.id)}
          clock={props.clock}
          onSelect={props.onSelect}
        />
      ))}
    </ul>
  );
}
