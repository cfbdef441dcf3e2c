import type { FakeBotApi } from '../../src/console/fake-bot-api';

/**
 * Holds the fake Bot API's first sendMessage unanswered until `release()`: a row stays out (claimed, sent, not yet
 * marked) while the test queues and wakes for more. `holding` is true until that first send arrives.
 */
export function holdFirstSend(api: FakeBotApi): { release(): void; readonly holding: boolean } {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const call = api.call.bind(api);
  let holding = true;
  api.call = async (method, payload) => {
    if (holding && method === 'sendMessage') {
      holding = false;
      await held;
    }
    return call(method, payload);
  };
  return {
    release: () => release(),
    get holding() {
      return holding;
    },
  };
}
