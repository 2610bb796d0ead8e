import { useTranslation } from 'react-i18next';
import { Avatar, Divider, Group, Stack, Title } from '@mantine/core';
import { InjectBody } from './inject-body';
import type { PlayerInjectView } from '../../lib/api-types';
import { initials, metaText, otherMeta } from './channel-meta';
import { fieldLabel, fieldValue } from './field-format';

/** A mail client's reading pane: sender, recipients, date, subject, then the message. */
const HEADER_KEYS = {
  From: 'inject.from',
  To: 'inject.to',
  Cc: 'inject.cc',
  'Reply-To': 'inject.replyTo',
  Date: 'inject.date',
} as const;

export function EmailView({ inject, deliveredLabel }: { inject: PlayerInjectView; deliveredLabel: string }) {
  const { t } = useTranslation();
  const rows: [string, string | undefined][] = [
    ['From', inject.from.address ? `${inject.from.name} <${inject.from.address}>` : inject.from.name],
    ['To', metaText(inject, 'to')],
    ['Cc', metaText(inject, 'cc')],
    ['Reply-To', metaText(inject, 'reply_to')],
    ['Date', metaText(inject, 'date') ?? deliveredLabel],
  ];
  const extra = otherMeta(inject, ['to', 'cc', 'reply_to', 'date']);
  return (
    <Stack gap="sm" data-channel-view="email">
      <Title order={2} fz="h4" translate="no">
        {inject.subject}
      </Title>
      <Group align="flex-start" wrap="nowrap">
        <Avatar color="blue" radius="xl" aria-hidden translate="no">
          {initials(inject.from.name)}
        </Avatar>
        <table className="ttx-table" aria-label={t('inject.headers')}>
          <tbody>
            {rows
              .filter((r): r is [string, string] => Boolean(r[1]))
              .map(([k, v]) => (
                <tr key={k}>
                  <th scope="row" className="key">
                    {t(HEADER_KEYS[k as keyof typeof HEADER_KEYS])}:
                  </th>
                  <td className={k === 'Date' ? undefined : 'mono'} data-header={k.toLowerCase()} translate="no">
                    {v}
                  </td>
                </tr>
              ))}
            {extra.map(([k, v]) => (
              <tr key={k} translate="no">
                <th scope="row" className="key">
                  {fieldLabel(k)}:
                </th>
                <td data-header={k}>{fieldValue(k, v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Group>
      <Divider />
      <InjectBody body={inject.body} artifacts={inject.artifacts} />
    </Stack>
  );
}
