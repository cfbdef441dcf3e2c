import type { Logger } from '../logger';

/** Timers a loop uses; tests pass fakes. */
export interface LoopTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: LoopTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface LoopOptions {
  /** Names the loop in the log when a run fails. */
  readonly name: string;
  readonly logger: Logger;
  /**
   * One run. `woken` resolves at the next wake (at once if one came since the run began), so a long run can take
   * new work in without ending. A failure is logged; the loop goes on.
   */
  readonly run: (woken: () => Promise<void>) => Promise<void>;
  /** Pause after a run before the next, when nothing woke it; without it, the loop runs only when woken. */
  readonly intervalMs?: number;
  /** `start` arms the loop without running it (an alarm runs when it goes off, not when set). */
  readonly startsIdle?: boolean;
  readonly timers?: LoopTimers;
}

/**
 * A worker's loop: `start` runs it now (or arms it, `startsIdle`), `wake` runs it now or right after the run under
 * way, `stop` waits for it.
 */
export interface Loop {
  start(): void;
  wake(): void;
  stop(): Promise<void>;
}

/** Wake-ups that are never missed: a signal given while nobody waits resolves the next wait at once. */
function signalSource(): { next(): Promise<void>; signal(): void } {
  let signaled = false;
  let resolve: () => void = () => {};
  let pending = new Promise<void>((r) => {
    resolve = r;
  });
  return {
    next() {
      if (!signaled) return pending;
      signaled = false;
      return Promise.resolve();
    },
    signal() {
      signaled = true;
      resolve();
      pending = new Promise<void>((r) => {
        resolve = r;
      });
    },
  };
}

/**
 * The one loop of the workers (the sender, the export worker, each alarm): runs never overlap, a wake during a run
 * makes one more run right after it, errors are logged and the loop goes on, and `stop` cancels the timer and waits
 * for the run under way. Until `start`, wakes do nothing.
 */
export function createLoop(options: LoopOptions): Loop {
  const timers = options.timers ?? realTimers;
  const wakes = signalSource();
  let started = false;
  let stopped = false;
  let again = false;
  let timer: unknown;
  let running: Promise<void> | undefined;

  function runNow(): void {
    timer = undefined;
    running = (async () => {
      do {
        again = false;
        try {
          await options.run(() => wakes.next());
        } catch (error) {
          options.logger.error({ err: error, loop: options.name }, `${options.name} failed`);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
      if (!stopped && options.intervalMs !== undefined) timer = timers.setTimeout(runNow, options.intervalMs);
    });
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      if (!options.startsIdle) runNow();
    },
    wake() {
      if (!started || stopped) return;
      if (running) {
        again = true;
        wakes.signal();
        return;
      }
      if (timer !== undefined) timers.clearTimeout(timer);
      runNow();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      wakes.signal();
      await running;
    },
  };
}
