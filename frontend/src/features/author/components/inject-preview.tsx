import { Checkbox, Divider, Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ArtifactList } from '../../../components/inject-view/artifact-list';
import { CHANNEL_INFO } from '../../../components/inject-view/channel-meta';
import { ChannelView } from '../../../components/inject-view/channel-view';
import { DecisionFrame } from '../../../components/inject-view/decision-frame';
import { TlpBanner } from '../../../components/tlp-banner';
import { formatDuration, formatScenarioTime } from '../../../lib/clock';
import { draftInjectView } from '../lib/draft-view';
import type { DraftInject } from '../lib/pack-doc';

/**
 * The inject as a player will read it, drawn by the team console's own components: the channel
 * view, the TLP marking, attachments, the decision card and the response options. Expected
 * actions are never shown to players, so the preview only counts them.
 */
export function InjectPreview({
  inject,
  scenarioMs,
  imageSrc,
}: {
  inject: DraftInject | undefined;
  scenarioMs: number | null;
  imageSrc: (path: string) => string | null;
}) {
  const { t } = useTranslation('author');
  const { t: tp } = useTranslation('play');
  const { t: tc } = useTranslation('common');
  if (!inject)
    return (
      <Text size="sm" c="dimmed">
        {t('preview.select')}
      </Text>
    );
  const view = draftInjectView(inject, scenarioMs ?? 0);
  // a triggered inject, or one whose offset does not read: no time on the exercise clock yet
  const scenarioLabel = scenarioMs === null ? t('preview.unknownTime') : formatScenarioTime(scenarioMs);
  const deliveredLabel = t('preview.onDelivery');
  const { icon: ChannelIcon } = CHANNEL_INFO[view.channel];
  const label = tc(`channel.${view.channel}`);
  const hidden = (inject.expectedActions ?? []).length;
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="inject-preview"
      aria-label={t('preview.label', { subject: view.subject || t('preview.theInject') })}
    >
      <Stack gap="sm">
        <Group gap="xs">
          <ChannelIcon size={18} aria-hidden />
          <Text size="sm" fw={600}>
            {label}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {scenarioLabel}
            {view.respondWithinMs !== null
              ? ` · ${t('preview.respondWithin', { d: formatDuration(view.respondWithinMs) })}`
              : ''}
          </Text>
        </Group>
        {view.tlp && view.channel !== 'intel' && <TlpBanner tlp={view.tlp} />}
        <ChannelView inject={view} deliveredLabel={deliveredLabel} scenarioLabel={scenarioLabel} />
        <ArtifactList
          artifacts={view.artifacts}
          imageSrc={(index) => {
            const a = view.artifacts[index];
            return a?.kind === 'image' ? imageSrc(a.path) : null;
          }}
        />
        {view.decision && (
          <DecisionFrame
            question={view.decision.question}
            mode={view.decision.mode}
            attributes={{ 'data-testid': 'preview-decision' }}
          >
            {view.decision.mode === 'consensus' && (
              <Text size="xs" c="dimmed">
                {tp('decision.consensusRule')}
              </Text>
            )}
            <Radio.Group label={tp('decision.yourVote')} value="">
              <Stack gap={6} mt={6}>
                {[
                  ...view.decision.options,
                  ...(view.decision.mode === 'consensus'
                    ? [
                        { id: 'abstain', label: tp('decision.abstain') },
                        { id: 'block', label: tp('decision.block') },
                      ]
                    : []),
                ].map((o) => (
                  <Radio key={o.id} value={o.id} label={<span translate="no">{o.label}</span>} disabled />
                ))}
              </Stack>
            </Radio.Group>
            <Text size="xs" c="dimmed">
              {t('preview.voteWithin', { d: view.decision.deadline || '?' })}
            </Text>
          </DecisionFrame>
        )}
        {view.responseOptions.length > 0 && (
          <>
            <Divider label={t('preview.response')} labelPosition="left" />
            <Checkbox.Group label={t('preview.actions')} description={t('preview.actionsHint')} value={[]}>
              <Stack gap={6} mt={6}>
                {view.responseOptions.map((o) => (
                  <Checkbox key={o.id} value={o.id} label={<span translate="no">{o.label}</span>} disabled />
                ))}
              </Stack>
            </Checkbox.Group>
          </>
        )}
        {hidden > 0 && (
          <Text size="xs" c="dimmed" data-testid="preview-hidden-actions">
            {t('preview.hidden', { count: hidden })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
