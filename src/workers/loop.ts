import type { Logger } from '../logger';
import type { Wakes } from '../outbox/sender';

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
   * One run, which sees everything woken for before it began. A long run may take new work in without ending (see
   * Wakes); a wake it has not taken in makes another run after it. A failure is logged; the loop goes on.
   */
  readonly run: (wakes: Wakes) => Promise<void>;
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

/** Wake-ups that are never missed: a wake not taken in resolves the next wait at once and makes another run. */
function wakeSource(): Wakes & { signal(): void; readonly pending: boolean } {
  let pending = false;
  let waiting: (() => void) | undefined;
  return {
    next() {
      if (pending) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiting = resolve;
      });
    },
    takenIn() {
      pending = false;
    },
    signal() {
      pending = true;
      const wait = waiting;
      waiting = undefined;
      wait?.();
    },
    get pending() {
      return pending;
    },
  };
}

/**
 * The one loop of the workers (the sender, the export worker, each alarm): runs never overlap, a wake during a run
 * that the run did not take in makes one more run right after it, errors are logged and the loop goes on, and `stop` cancels the timer and waits
 * for the run under way. Until `start`, wakes do nothing.
 */
export function createLoop(options: LoopOptions): Loop {
  const timers = options.timers ?? realTimers;
  const wakes = wakeSource();
  let started = false;
  let stopped = false;
  let timer: unknown;
  let running: Promise<void> | undefined;

  function runNow(): void {
    timer = undefined;
    running = (async () => {
      do {
        wakes.takenIn();
        try {
          await options.run(wakes);
        } catch (error) {
          options.logger.error({ err: error, loop: options.name }, `${options.name} failed`);
        }
      } while (wakes.pending && !stopped);
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
