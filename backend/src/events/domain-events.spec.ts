import { describe, expect, it } from 'vitest';
import { DOMAIN_EVENTS, DomainEvents } from './domain-events.js';

const released = { exerciseId: 'x', released: [] };
const skipped = { exerciseId: 'x', injectId: 'i' };

describe('DomainEvents', () => {
  it('runs subscribers in subscription order, each awaited before the next starts', async () => {
    const bus = new DomainEvents();
    const seen: string[] = [];
    bus.on('branches.released', async () => {
      await new Promise((r) => setImmediate(r));
      seen.push('first');
    });
    bus.on('branches.released', () => {
      seen.push('second');
    });
    await bus.emit('branches.released', released);
    expect(seen).toEqual(['first', 'second']);
  });

  it('lets an in-transaction subscriber add rows to the emitter’s write', async () => {
    const bus = new DomainEvents();
    bus.on('inject.revealed', (e) => {
      e.write.push({ entity: 'score_dirty', rows: e.teamIds.map((teamId) => ({ teamId })) });
    });
    const write: { entity: string; rows: object[] }[] = [];
    await bus.emit('inject.revealed', { write, exerciseId: 'x', injectId: 'i', teamIds: ['a', 'b'] });
    expect(write).toEqual([{ entity: 'score_dirty', rows: [{ teamId: 'a' }, { teamId: 'b' }] }]);
  });

  it('hands a subscriber’s failure to the emitter and runs no later subscriber', async () => {
    const bus = new DomainEvents();
    let later = false;
    bus.on('branches.released', () => {
      throw new Error('no');
    });
    bus.on('branches.released', () => {
      later = true;
    });
    await expect(bus.emit('branches.released', released)).rejects.toThrow('no');
    expect(later).toBe(false);
  });

  it('runs an announcement’s subscribers inside the call, in order, awaiting nothing', () => {
    const bus = new DomainEvents();
    const seen: string[] = [];
    bus.on('inject.skipped', (e) => {
      seen.push(`first ${e.injectId}`);
    });
    bus.on('inject.skipped', (e) => {
      seen.push(`second ${e.injectId}`);
    });
    const returned: unknown = bus.announce('inject.skipped', skipped);
    expect(seen).toEqual(['first i', 'second i']);
    expect(returned).toBeUndefined();
  });

  it('hands an announcement subscriber’s throw to the caller', () => {
    const bus = new DomainEvents();
    bus.on('inject.skipped', () => {
      throw new Error('emit failed');
    });
    expect(() => bus.announce('inject.skipped', skipped)).toThrow('emit failed');
  });

  it('refuses an async subscriber to an announcement (type-checked)', () => {
    const bus = new DomainEvents();
    // @ts-expect-error an announcement's subscriber must be synchronous: nothing would await it
    bus.on('inject.skipped', async () => {
      await Promise.resolve();
    });
    // an awaited event may have one
    bus.on('branches.released', async () => {
      await Promise.resolve();
    });
  });

  it('fails the boot while an event has no subscriber', () => {
    const bus = new DomainEvents();
    for (const name of DOMAIN_EVENTS.filter((n) => n !== 'branches.released')) bus.on(name, () => undefined);
    expect(() => bus.onApplicationBootstrap()).toThrow('domain events without a subscriber: branches.released');
    bus.on('branches.released', () => undefined);
    expect(() => bus.onApplicationBootstrap()).not.toThrow();
  });
});
