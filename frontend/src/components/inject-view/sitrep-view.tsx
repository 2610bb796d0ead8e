import { useTranslation } from 'react-i18next';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { InjectBody } from './inject-body';
import type { PlayerInjectView } from '../../lib/api-types';
import { otherMeta } from './channel-meta';
import { fieldLabel, fieldValue } from './field-format';

/** A situation report in its usual form: header block, then the situation. */
export function SitrepView({
  inject,
  deliveredLabel,
  scenarioLabel,
}: {
  inject: PlayerInjectView;
  deliveredLabel: string;
  scenarioLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-channel-view="sitrep">
      <Stack gap="xs">
        <Text ff="monospace" fw={700} tt="uppercase" ta="center">
          {t('inject.situationReport')}
        </Text>
        <table className="ttx-table">
          <tbody>
            <tr>
              <th scope="row" className="key">
                {t('inject.from')}
              </th>
              <td translate="no">{inject.from.name}</td>
            </tr>
            <tr>
              <th scope="row" className="key">
                {t('inject.asOf')}
              </th>
              <td className="mono">
                {scenarioLabel} ({deliveredLabel})
              </td>
            </tr>
            {otherMeta(inject, []).map(([k, v]) => (
              <tr key={k} data-field={k} translate="no">
                <th scope="row" className="key">
                  {fieldLabel(k)}
                </th>
                <td className={k === 'dtg' ? 'mono' : undefined}>{fieldValue(k, v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Title order={2} fz="h4" translate="no">
          {inject.subject}
        </Title>
        <InjectBody body={inject.body} artifacts={inject.artifacts} />
      </Stack>
    </Paper>
  );
}
