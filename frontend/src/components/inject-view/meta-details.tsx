import { useTranslation } from 'react-i18next';
import { fieldLabel, fieldValue } from './field-format';

/** Remaining presentation details of an inject as a compact key/value table, with human labels. */
export function MetaDetails({
  entries,
  caption,
}: {
  entries: [string, string | number | boolean][];
  caption?: string;
}) {
  const { t } = useTranslation();
  if (entries.length === 0) return null;
  return (
    <table className="ttx-table bordered" data-meta-details>
      <caption>{caption ?? t('inject.details')}</caption>
      <tbody translate="no">
        {entries.map(([k, v]) => (
          <tr key={k} data-field={k}>
            <th scope="row" style={{ width: '30%' }}>
              {fieldLabel(k)}
            </th>
            <td className="mono">{fieldValue(k, v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
