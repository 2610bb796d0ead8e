import { useTranslation } from 'react-i18next';
import { Divider, Stack, Text, Title } from '@mantine/core';
import { InjectBody } from './inject-body';
import type { PlayerInjectView } from '../../lib/api-types';
import { metaText } from './channel-meta';

/** A news site article: masthead, headline, byline and dateline. */
export function NewsView({ inject, deliveredLabel }: { inject: PlayerInjectView; deliveredLabel: string }) {
  const { t } = useTranslation();
  const byline = metaText(inject, 'author') ?? metaText(inject, 'byline');
  return (
    <Stack gap="xs" data-channel-view="news" component="article">
      <Text
        tt="uppercase"
        fw={800}
        fz="sm"
        translate="no"
        style={{ letterSpacing: '0.15em', fontFamily: 'Georgia, "Times New Roman", serif' }}
      >
        {inject.from.name}
      </Text>
      <Divider size="sm" />
      <Title order={2} translate="no" style={{ fontFamily: 'Georgia, "Times New Roman", serif' }} fz={26} lh={1.2}>
        {inject.subject}
      </Title>
      <Text size="sm" c="dimmed">
        {byline ? t('inject.by', { name: byline }) : ''}
        <span translate="no">{metaText(inject, 'date') ?? deliveredLabel}</span>
        <span translate="no">{metaText(inject, 'section') ? ` · ${metaText(inject, 'section')}` : ''}</span>
      </Text>
      <div style={{ fontFamily: 'Georgia, "Times New Roman", serif', fontSize: '1.05rem' }}>
        <InjectBody body={inject.body} artifacts={inject.artifacts} />
      </div>
    </Stack>
  );
}
