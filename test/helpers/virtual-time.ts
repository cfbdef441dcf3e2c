import type { Clock } from '../../src/clock';

/**
 * A clock that moves only when everything else is waiting: `sleep` parks a promise at a virtual instant, and `run`
 * lets the work go as far as it can, then jumps to the earliest parked instant and wakes it, until the work settles.
 * A minute of rate limits passes in a few milliseconds, in a fixed order.
 */
export function createVirtualTime(start: Date) {
  let elapsed = 0;
  let order = 0;
  const sleepers: { at: number; order: number; wake: () => void }[] = [];

  /** Lets pending promise chains run; nothing in the code under test waits on a macrotask. */
  const settle = async () => {
    for (let i = 0; i < 3; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  };

  return {
    /** Wall-clock view, for code that takes a Clock. */
    clock: { now: () => new Date(start.getTime() + elapsed) } satisfies Clock,
    /** Milliseconds since the start: the transport's monotonic clock. */
    now: () => elapsed,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        sleepers.push({ at: elapsed + Math.max(0, ms), order: order++, wake });
      }),
    /** Moves the clock on without waking anyone early; sleepers due by then wake on the next `run`. */
    advance(ms: number) {
      elapsed += ms;
    },
    /** Drives the clock until `work` settles; throws if it waits on nothing the clock can wake. */
    async run<T>(work: Promise<T>): Promise<T> {
      let settled = false;
      work.then(
        () => {
          settled = true;
        },
        () => {
          settled = true;
        },
      );
      for (;;) {
        await settle();
        if (settled) return work;
        sleepers.sort((a, b) => a.at - b.at || a.order - b.order);
        const next = sleepers.shift();
        if (!next) throw new Error('the work waits on something the virtual clock cannot wake');
        elapsed = Math.max(elapsed, next.at);
        next.wake();
      }
    },
  };
}

export type VirtualTime = ReturnType<typeof createVirtualTime>;

/**
 * Waits that take no time: each `sleep` moves `now` on by its length and returns at once. For tests that run the
 * whole bot and do not look at timing: the transport's limits and back-offs then cost nothing.
 */
export function createWarpTime() {
  let elapsed = 0;
  return {
    now: () => elapsed,
    sleep: async (ms: number) => {
      elapsed += Math.max(0, ms);
    },
  };
}
