/**
 * The web app's first screen on a phone: the time from navigation to the overview's first figure on screen, in
 * Debian's chromium (playwright-core) against the fixture API (test/browser/fixture-api.ts) served by the app's own
 * handler, with the page built as `npm run build` builds it.
 *
 * Two profiles, alternating, --rounds times each, every load cold (cache disabled, a new page):
 * - floor: no throttling;
 * - phone: a mid-range phone, 4× CPU slowdown (Emulation.setCPUThrottlingRate) and DevTools' "Fast 3G" network
 *   (Network.emulateNetworkConditions: 562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up; DevTools has since
 *   renamed the same figures "Slow 4G").
 * Telegram's telegram-web-app.js is stubbed by a route, as the tests do (a real client has it cached or close).
 * Prints medians in ms and the phone/floor ratio, against the goal of 1.5 s.
 *
 *   npm run bench:app [-- --rounds 7]
 */
import { parseArgs } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { serveApp } from '../test/browser/app-server';
import { buildApp, CHROMIUM, chromiumAvailable, launchChromium, openAppIn } from '../test/browser/chromium';
import { createFixtureApi, PEOPLE } from '../test/browser/fixture-api';
import { initDataFor } from '../test/features/app/sign-init-data';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' } } });
const ROUNDS = Number(values.rounds);
const GOAL_MS = 1500;
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};

/** Records, from the page's own clock (0 = navigation start), when the first figure appears. */
const WATCH_FOR_FIGURES = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('.tile .big')) {
      window.__figuresAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** One load, in ms from navigation start: the page, its script, the API's answers, the first figure on screen. */
interface Load {
  readonly page: number;
  readonly script: number;
  readonly api: number;
  readonly figures: number;
}

async function firstFigures(context: BrowserContext, url: string, throttled: boolean): Promise<Load> {
  const initData = initDataFor(
    { id: PEOPLE.commanderPC06.id, first_name: 'An', language_code: 'vi' },
    { authDate: new Date() },
  );
  const page = await context.newPage();
  await page.addInitScript(WATCH_FOR_FIGURES);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  }
  await openAppIn(page, { url, initData });
  // A function, not a string: the page's CSP forbids eval, which a string predicate needs.
  await page.waitForFunction(() => (globalThis as { __figuresAt?: number }).__figuresAt !== undefined, null, {
    timeout: 30_000,
  });
  const load = await page.evaluate<Load>(`(() => {
    const ends = (pattern) => Math.max(
      ...performance.getEntriesByType('resource').filter((entry) => pattern.test(entry.name)).map((entry) => entry.responseEnd),
    );
    return {
      page: performance.getEntriesByType('navigation')[0].responseEnd,
      script: ends(/\\/app\\/assets\\/app-.*\\.js$/),
      api: ends(/\\/api\\//),
      figures: window.__figuresAt,
    };
  })()`);
  await page.close();
  return load;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

if (!chromiumAvailable()) {
  console.error(`bench:app needs ${CHROMIUM}`);
  process.exit(1);
}
const built = buildApp();
console.log(built.output.trim());
const fixture = createFixtureApi();
const server = await serveApp({ api: fixture.api, staticDir: built.dir });
const browser = await launchChromium();
try {
  const floor: Load[] = [];
  const phone: Load[] = [];
  await firstFigures(browser.context, server.url, false); // warm-up: chromium's first page pays for its own start
  for (let round = 0; round < ROUNDS; round += 1) {
    floor.push(await firstFigures(browser.context, server.url, false));
    phone.push(await firstFigures(browser.context, server.url, true));
  }
  const row = (name: string, loads: readonly Load[]) => {
    const at = (key: keyof Load) => `${String(Math.round(median(loads.map((load) => load[key])))).padStart(5)} ms`;
    const runs = loads.map((load) => Math.round(load.figures)).join(', ');
    console.log(`  ${name.padEnd(24)} ${at('page')} ${at('script')} ${at('api')} ${at('figures')}   [${runs}]`);
  };
  const floorMs = median(floor.map((load) => load.figures));
  const phoneMs = median(phone.map((load) => load.figures));
  console.log(`medians of ${ROUNDS} cold loads, from navigation start:`);
  console.log(`  ${''.padEnd(24)}      page    script       API   figures`);
  row('floor (no throttling)', floor);
  row('phone (4x CPU, Fast 3G)', phone);
  console.log(`first figures on the phone: ${Math.round(phoneMs)} ms, ${(phoneMs / floorMs).toFixed(1)}x the floor`);
  console.log(`goal ≤ ${GOAL_MS} ms: ${phoneMs <= GOAL_MS ? 'met' : 'NOT met'}`);
} finally {
  await browser.close();
  await server.close();
  built.remove();
}
