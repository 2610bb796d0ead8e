import 'reflect-metadata';
import { DataSource, type EntityManager, type Logger } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GROUPABLE, Transactions, URGENT } from './transactions.js';

// a real SQLite database (in memory): the queue exists because of its single shared connection
let db: DataSource;
let tx: Transactions;
/** every statement sent to the database, in order */
let statements: string[];
const recorder: Logger = {
  logQuery: (q) => void statements.push(q),
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

beforeEach(async () => {
  statements = [];
  db = new DataSource({ type: 'sqlite', database: ':memory:', logging: ['query'], logger: recorder });
  await db.initialize();
  await db.query('CREATE TABLE t (v TEXT PRIMARY KEY)');
  await db.query(`INSERT INTO t (v) VALUES ('taken')`);
  tx = new Transactions(db);
});

afterEach(async () => {
  await db.destroy();
});

const insert = (v: string) => (m: EntityManager) => m.query('INSERT INTO t (v) VALUES (?)', [v]).then(() => v);
const rows = async () => (await db.query<{ v: string }[]>('SELECT v FROM t ORDER BY v')).map((r) => r.v);

describe('transactions on SQLite', () => {
  it('commits groupable transactions together, and one failure undoes nobody else', async () => {
    const started: string[] = [];
    const work = (v: string) => (m: EntityManager) => {
      started.push(v);
      return insert(v)(m);
    };
    // the first runs alone; the rest queue behind it and form a group, with a failing one in the middle
    const results = await Promise.allSettled(['a', 'b', 'c', 'taken', 'd', 'e'].map((v) => tx.run(GROUPABLE, work(v))));
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => r.value)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await rows()).toEqual(['a', 'b', 'c', 'd', 'e', 'taken']);
    // the group that held the failure was rolled back and each of its members ran again alone
    expect(started.filter((v) => v === 'b')).toHaveLength(2);
    expect(started.filter((v) => v === 'a')).toHaveLength(1);
  });

  it('runs an urgent transaction before those queued earlier', async () => {
    const order: string[] = [];
    const work = (v: string) => async (m: EntityManager) => {
      order.push(v);
      await insert(v)(m);
    };
    const first = tx.run(work('first'));
    const queued = [tx.run(work('second')), tx.run(work('third'))];
    const urgent = tx.run(URGENT, work('urgent'));
    await Promise.all([first, ...queued, urgent]);
    expect(order).toEqual(['first', 'urgent', 'second', 'third']);
  });

  it('never interleaves two transactions on the shared connection', async () => {
    const seen: string[] = [];
    const slow = (v: string) => async (m: EntityManager) => {
      seen.push(`${v}:begin`);
      await new Promise((r) => setTimeout(r, 20));
      await insert(v)(m);
      seen.push(`${v}:end`);
    };
    await Promise.all([tx.run(slow('x')), tx.run(slow('y'))]);
    expect(seen).toEqual(['x:begin', 'x:end', 'y:begin', 'y:end']);
  });

  it('writes a group of insert-only transactions as one multi-row INSERT, and one failure undoes nobody else', async () => {
    await db.query('CREATE TABLE log (v TEXT)');
    const item = (v: string) => [
      { entity: 't', rows: [{ v }] },
      { entity: 'log', rows: [{ v: `logged ${v}` }] },
    ];
    // the first runs alone; the next four queue behind it and are written together
    statements = [];
    const ok = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map((v) => tx.insert(item(v))));
    expect(ok.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(await rows()).toEqual(['a', 'b', 'c', 'd', 'e', 'taken']);
    expect((await db.query<{ v: string }[]>('SELECT v FROM log ORDER BY v')).map((r) => r.v)).toEqual([
      'logged a',
      'logged b',
      'logged c',
      'logged d',
      'logged e',
    ]);
    const inserts = statements.filter((q) => q.startsWith('INSERT'));
    // a alone (two statements), then b–e as one statement per table
    expect(inserts).toHaveLength(4);
    expect(inserts[2]).toMatch(/VALUES \(\?\), \(\?\), \(\?\), \(\?\)/);

    // a duplicate in a group: the group is rolled back, each member is written alone, only the duplicate fails
    const mixed = await Promise.allSettled(['f', 'g', 'taken', 'h'].map((v) => tx.insert(item(v))));
    expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await rows()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'taken']);
    expect((await db.query<{ n: number }[]>(`SELECT COUNT(*) AS n FROM log WHERE v = 'logged taken'`))[0]?.n).toBe(0);
  });

  it('runs a shared guard once per group, and again after a member with other work', async () => {
    const checks: string[] = [];
    const guard = (label: string) => async (m: EntityManager) => {
      checks.push(`${label}:${(await m.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM t'))[0]?.n}`);
    };
    const item = (v: string) => [{ entity: 't', rows: [{ v }] }];
    await Promise.all([
      // runs alone: its guard is checked
      tx.insert(item('a'), guard('a'), 'k'),
      // one group: b's guard stands for c and d (same key); e has its own key; f follows other work
      tx.insert(item('b'), guard('b'), 'k'),
      tx.insert(item('c'), guard('c'), 'k'),
      tx.insert(item('d'), guard('d'), 'k'),
      tx.insert(item('e'), guard('e'), 'other'),
      tx.run(GROUPABLE, (m) => insert('x')(m)),
      tx.insert(item('f'), guard('f'), 'k'),
      // no key: always checked
      tx.insert(item('g'), guard('g')),
      tx.insert(item('h'), guard('h')),
    ]);
    expect(checks).toEqual(['a:1', 'b:2', 'e:2', 'f:7', 'g:7', 'h:7']);
    expect(await rows()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'taken', 'x']);
  });

  it('refuses every member of a group whose shared guard refuses', async () => {
    let open = true;
    const guard = () => (open ? Promise.resolve() : Promise.reject(new Error('ended')));
    const item = (v: string) => [{ entity: 't', rows: [{ v }] }];
    const first = tx.insert(item('a'), guard, 'k');
    const rest = ['b', 'c', 'd'].map((v) => tx.insert(item(v), guard, 'k'));
    open = false;
    const results = await Promise.allSettled([first, ...rest]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(await rows()).toEqual(['taken']);
  });

  it('keeps a group in queue order: a transaction queued after inserts sees their rows', async () => {
    const seen: string[] = [];
    const count = (label: string) => async (m: EntityManager) => {
      seen.push(`${label}:${(await m.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM t'))[0]?.n}`);
    };
    await Promise.all([
      tx.insert([{ entity: 't', rows: [{ v: 'a' }] }]),
      tx.insert([{ entity: 't', rows: [{ v: 'b' }] }]),
      tx.run(GROUPABLE, count('after b')),
      tx.insert([{ entity: 't', rows: [{ v: 'c' }] }]),
      tx.run(GROUPABLE, count('after c')),
    ]);
    // 'taken' + a, then b; then c
    expect(seen).toEqual(['after b:3', 'after c:4']);
  });
});
