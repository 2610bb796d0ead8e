import { describe, expect, it } from 'vitest';
import { DOMAIN_EVENTS, DomainEvents } from './domain-events.js';

const saved = { exerciseId: 'x', teamId: 't', injectId: 'i' };

describe('DomainEvents', () => {
  it('runs subscribers in subscription order, each awaited before the next starts', async () => {
    const bus = new DomainEvents();
    const seen: string[] = [];
    bus.on('response.saved', async () => {
      await new Promise((r) => setImmediate(r));
      seen.push('first');
    });
    bus.on('response.saved', () => {
      seen.push('second');
    });
    await bus.emit('response.saved', saved);
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
    bus.on('response.saved', () => {
      throw new Error('no');
    });
    bus.on('response.saved', () => {
      later = true;
    });
    await expect(bus.emit('response.saved', saved)).rejects.toThrow('no');
    expect(later).toBe(false);
  });

  it('fails the boot while an event has no subscriber', () => {
    const bus = new DomainEvents();
    for (const name of DOMAIN_EVENTS.filter((n) => n !== 'branches.released')) bus.on(name, () => undefined);
    expect(() => bus.onApplicationBootstrap()).toThrow('domain events without a subscriber: branches.released');
    bus.on('branches.released', () => undefined);
    expect(() => bus.onApplicationBootstrap()).not.toThrow();
  });
});
