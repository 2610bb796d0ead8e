/** Split a list so IN lists and multi-row inserts stay under the databases' bound-parameter limits. */
export function chunks<T>(xs: readonly T[], size = 400): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
