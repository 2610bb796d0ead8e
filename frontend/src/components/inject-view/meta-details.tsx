/** Remaining presentation details of an inject as a compact key/value table. */
export function MetaDetails({ entries, caption = 'Details' }: { entries: [string, string | number | boolean][]; caption?: string }) {
  if (entries.length === 0) return null;
  return (
    <table className="ttx-table bordered">
      <caption>{caption}</caption>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row" style={{ width: '30%' }}>
              {k.replace(/_/g, ' ')}
            </th>
            <td className="mono">{String(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
