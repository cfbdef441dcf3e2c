import { createHook } from 'node:async_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../src/metrics';
import { startTestBot } from './helpers/test-bot';
import { chats, users } from './helpers/updates';

// A full collection on demand, without starting vitest with --expose-gc: the flag set at run time exposes `gc` to
// contexts created afterwards.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Starts one app on SQLite, uses it, stops it and disposes of its store; returns what it left, weakly. */
async function runOnce() {
  const bot = await startTestBot({ dialect: 'sqlite' });
  await bot.app.start();
  await bot.send(users.admin, chats.private(users.admin), '/unit add PC06 Phòng PC06');
  await bot.send(users.admin, chats.private(users.admin), '/help');
  await bot.close();
  return { app: new WeakRef(bot.app), db: new WeakRef(bot.db) };
}

async function collect() {
  for (let i = 0; i < 5; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('a stopped app', () => {
  it('leaves no timers or handles behind', async () => {
    // The process metrics (an event loop delay monitor, a gc observer) are created once per process, and stay.
    createMetrics();
    // Every timer, socket or handle created while the app lived, until it is cleared, fires or closes; setImmediate
    // is left out, as waiting for the destroy hooks uses it.
    const alive = new Map<number, string>();
    const hook = createHook({
      init(asyncId, type) {
        if (type !== 'PROMISE' && type !== 'Immediate') alive.set(asyncId, type);
      },
      destroy(asyncId) {
        alive.delete(asyncId);
      },
    }).enable();
    try {
      await runOnce();
      await collect();
    } finally {
      hook.disable();
    }
    expect([...alive.values()]).toEqual([]);
  });

  it('can be collected: nothing process-wide keeps its database or the app', async () => {
    const runs = [await runOnce(), await runOnce()];
    await collect();
    for (const run of runs) {
      expect(run.db.deref()).toBeUndefined();
      expect(run.app.deref()).toBeUndefined();
    }
  });
});
