import { Avatar, Divider, Group, Stack, Title } from '@mantine/core';
import { Markdown } from '../markdown';
import type { PlayerInjectView } from '../../lib/api-types';
import { initials, metaText } from './channel-meta';

/** A mail client's reading pane: sender, recipients, date, subject, then the message. */
export function EmailView({ inject, deliveredLabel }: { inject: PlayerInjectView; deliveredLabel: string }) {
  const rows: [string, string | undefined][] = [
    ['From', inject.from.address ? `${inject.from.name} <${inject.from.address}>` : inject.from.name],
    ['To', metaText(inject, 'to')],
    ['Cc', metaText(inject, 'cc')],
    ['Date', metaText(inject, 'date') ?? deliveredLabel],
  ];
  return (
    <Stack gap="sm" data-channel-view="email">
      <Title order={3} fz="h4">
        {inject.subject}
      </Title>
      <Group align="flex-start" wrap="nowrap">
        <Avatar color="blue" radius="xl" aria-hidden>
          {initials(inject.from.name)}
        </Avatar>
        <table className="ttx-table" aria-label="Message headers">
          <tbody>
            {rows
              .filter((r): r is [string, string] => Boolean(r[1]))
              .map(([k, v]) => (
                <tr key={k}>
                  <th scope="row" className="key">
                    {k}:
                  </th>
                  <td className={k === 'Date' ? undefined : 'mono'} data-header={k.toLowerCase()}>
                    {v}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </Group>
      <Divider />
      <Markdown>{inject.body}</Markdown>
    </Stack>
  );
}
