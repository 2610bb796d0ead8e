import type { ValueTransformer } from 'typeorm';

/** bigint columns come back as strings from PostgreSQL; epoch milliseconds fit a JS number exactly. */
export const bigintAsNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null ? null : Number(v)),
};

/** JSON kept in a text column, identical on SQLite and PostgreSQL. */
export const jsonText: ValueTransformer = {
  to: (v: unknown) => (v === undefined ? undefined : JSON.stringify(v)),
  from: (v: string | null) => (v === null ? null : (JSON.parse(v) as unknown)),
};
