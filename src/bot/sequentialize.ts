/**
 * Runs tasks one after another per key and side by side across keys, at most `concurrency` at once (the shape of
 * grammY runner's `sequentialize` with its bounded sink): one chat's updates keep their order, and a chat whose
 * work is slow holds up only itself.
 */
export interface Sequencer {
  /** Queues `task` behind the key's earlier tasks; settles as the task does. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Tasks queued or running. */
  readonly size: number;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
}

export function createSequencer(concurrency: number): Sequencer {
  const tails = new Map<string, Promise<unknown>>();
  const waiting: (() => void)[] = [];
  let running = 0;
  let size = 0;
  let idleWaiters: (() => void)[] = [];

  async function slot(): Promise<void> {
    if (running < concurrency) {
      running += 1;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }

  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      size += 1;
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(async () => {
        await slot();
        try {
          return await task();
        } finally {
          release();
        }
      });
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        size -= 1;
        if (tails.get(key) === tail) tails.delete(key);
        if (size === 0) {
          const waiters = idleWaiters;
          idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      });
      return result;
    },
    get size() {
      return size;
    },
    idle() {
      return size === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
