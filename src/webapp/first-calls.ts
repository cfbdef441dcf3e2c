/**
 * Inlined at the top of index.html (scripts/build-app.mjs): starts the first screen's two calls as soon as the page
 * arrives, while its script, its stylesheet and Telegram's script are still on their way, so a phone on a slow
 * network waits one round trip for the figures after the page rather than two or three. The init data is read where
 * Telegram puts it for its own script, the URL's fragment (`#tgWebAppData=…`). main.ts takes the answers over
 * (api-client.ts); without them (another route, a reload) it asks itself.
 */
import { AUTH_SCHEME, apiPaths } from '../features/app/api-types';
import { parseRoute } from './routes';
import { FIRST_CALLS, type FirstCalls } from './telegram';

const initData = new URLSearchParams(location.hash.slice(1)).get('tgWebAppData') ?? window.Telegram?.WebApp?.initData;
const route = parseRoute(location.hash);
if (initData && route.page === 'overview' && route.unitId === null) {
  const init = { headers: { authorization: `${AUTH_SCHEME} ${initData}` } };
  const calls: FirstCalls = { me: fetch(apiPaths.me(), init), overview: fetch(apiPaths.overview(null), init) };
  (window as unknown as Record<string, FirstCalls>)[FIRST_CALLS] = calls;
}
