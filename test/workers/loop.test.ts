import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import type { Wakes } from '../../src/outbox/sender';
import { createLoop } from '../../src/workers/loop';

const logger = createLogger('silent');

/** A promise and its resolver. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the workers’ loop and its wakes', () => {
  it('runs no second time for a wake the run took in, and once more for one it did not', async () => {
    const runs: Wakes[] = [];
    const ended: (() => void)[] = [];
    const loop = createLoop({
      name: 'test',
      logger,
      run: (wakes) => {
        runs.push(wakes);
        const end = deferred();
        ended.push(end.resolve);
        return end.promise;
      },
    });
    loop.start();
    expect(runs).toHaveLength(1);
    const wakes = runs[0]!;

    // The run waits for new work; a wake reaches it, and it looks afresh (takenIn) before ending.
    let woken = false;
    void wakes.next().then(() => {
      woken = true;
    });
    loop.wake();
    await settle();
    expect(woken).toBe(true);
    wakes.takenIn();
    ended[0]!();
    await settle();
    expect(runs).toHaveLength(1);

    // A wake after the run last looked (a wait it no longer listens to): one more run, not lost.
    loop.wake();
    expect(runs).toHaveLength(2);
    const second = runs[1]!;
    void second.next();
    second.takenIn();
    loop.wake();
    ended[1]!();
    await settle();
    expect(runs).toHaveLength(3);

    // A wake kept while nobody waited resolves the next wait at once, until taken in.
    loop.wake();
    const third = runs[2]!;
    await expect(Promise.race([third.next().then(() => 'at once'), settle().then(() => 'waits')])).resolves.toBe(
      'at once',
    );
    third.takenIn();
    await expect(Promise.race([third.next().then(() => 'at once'), settle().then(() => 'waits')])).resolves.toBe(
      'waits',
    );
    ended[2]!();
    await settle();
    expect(runs).toHaveLength(3);
    await loop.stop();
  });

  it('runs once more after wakes during a run that never looks at them (the export worker, an alarm)', async () => {
    let runs = 0;
    let release: () => void = () => {};
    const loop = createLoop({
      name: 'test',
      logger,
      run: () => {
        runs += 1;
        const end = deferred();
        release = end.resolve;
        return end.promise;
      },
    });
    loop.start();
    loop.wake();
    loop.wake();
    release();
    await settle();
    expect(runs).toBe(2);
    release();
    await settle();
    expect(runs).toBe(2);
    await loop.stop();
  });
});
