import { describe, expect, it } from 'vitest';
import { createSequencer } from '../../src/bot/sequentialize';

const deferred = () => {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('createSequencer', () => {
  it('runs one key in order and other keys alongside', async () => {
    const sequencer = createSequencer(4);
    const log: string[] = [];
    const slowA = deferred();
    const a1 = sequencer.run('a', async () => {
      log.push('a1 start');
      await slowA.promise;
      log.push('a1 end');
    });
    const a2 = sequencer.run('a', async () => {
      log.push('a2');
    });
    const b1 = sequencer.run('b', async () => {
      log.push('b1');
    });
    await b1;
    expect(log).toEqual(['a1 start', 'b1']);
    slowA.resolve();
    await Promise.all([a1, a2]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });

  it('keeps going after a failed task of the same key', async () => {
    const sequencer = createSequencer(2);
    const failed = sequencer.run('a', async () => {
      throw new Error('boom');
    });
    const next = sequencer.run('a', async () => 'second');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('second');
  });

  it('never runs more than its bound at once', async () => {
    const sequencer = createSequencer(3);
    let now = 0;
    let most = 0;
    const gates = Array.from({ length: 10 }, deferred);
    const runs = gates.map((gate, index) =>
      sequencer.run(`k${index}`, async () => {
        now += 1;
        most = Math.max(most, now);
        await gate.promise;
        now -= 1;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(most).toBe(3);
    for (const gate of gates) gate.resolve();
    await Promise.all(runs);
    expect(most).toBe(3);
    expect(sequencer.size).toBe(0);
    await sequencer.idle();
  });
});
