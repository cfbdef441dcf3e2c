/**
 * The commanders' web app (a Telegram Mini App), in plain TypeScript and the DOM: four read-mostly pages, each
 * redrawn whole from one JSON answer, need no components or diffing, so no framework (Preact would cost a JSX
 * build and ~4 KB for nothing we use); the page is under 10 KB of JavaScript gzipped. Charts are hand-drawn SVG (chart.ts),
 * not uPlot: one line and a list of bars, coloured by Telegram's theme variables through CSS.
 * Texts come from the bot's own catalog (the `app.*` block of src/i18n/vi.ts and en.ts).
 */
import type { ApiError, Me } from '../features/app/api-types';
import { type ApiClient, createApiClient } from './api-client';
import { h } from './dom';
import { renderMetric } from './pages/metric';
import { renderNominations } from './pages/nominations';
import { renderOverview } from './pages/overview';
import { renderReports } from './pages/reports';
import { hashOf, parseRoute, type Route } from './routes';
import { type TelegramWebApp, takeFirstCalls, telegramWebApp } from './telegram';
import { localeOfLanguage, setLocale, text } from './texts';
import { failureText, loading, type PageContext } from './ui';

const root = document.getElementById('app')!;

/** What stands in for the whole app when the page is not opened from Telegram, or its init data is too old. */
function showRefusal(kind: string): void {
  root.replaceChildren(
    h(
      'div',
      { class: 'refusal', role: 'alert', 'data-refusal': kind },
      h('h1', null, text('app.title')),
      h('p', null, text(kind === 'auth.expired' ? 'app.auth.expired' : 'app.auth.openFromTelegram')),
    ),
  );
}

/** Why a call failed, with a retry for the passing failures; a 401 replaces the whole app with the refusal. */
function showFailure(where: HTMLElement, error: ApiError, retry: () => void): void {
  if (error.status === 401) {
    showRefusal(error.kind);
    return;
  }
  where.replaceChildren(
    h(
      'div',
      { class: 'failure', role: 'alert', 'data-status': error.status },
      h('p', null, failureText(error)),
      error.status >= 500 && h('button', { type: 'button', onclick: retry }, text('app.retry')),
    ),
  );
}

const TABS = [
  { page: 'overview', label: 'app.tab.overview' },
  { page: 'metric', label: 'app.tab.metric' },
  { page: 'nominations', label: 'app.tab.nominations' },
  { page: 'reports', label: 'app.tab.reports' },
] as const;

function startApp(
  webApp: TelegramWebApp,
  api: ApiClient,
  me: Me,
  firstOverview: ReturnType<ApiClient['overview']> | undefined,
) {
  let unitId = me.home ?? me.scopes[0]!.unit.id;
  let renders = 0;
  let depth = 0;
  let goingBack = false;
  const page = h('main', { id: 'page' });
  const badge = h('span', { class: 'badge' });
  const toast = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' });
  const tabs = TABS.map((tab) =>
    h(
      'a',
      { class: 'tab', 'data-tab': tab.page, href: '#' },
      h('span', { class: 'tab-label' }, text(tab.label)),
      tab.page === 'nominations' ? badge : null,
    ),
  );
  const setWaiting = (count: number) => {
    badge.textContent = count > 0 ? String(count) : '';
  };
  setWaiting(me.waitingNominations);
  const scopes =
    me.scopes.length > 1 &&
    h(
      'select',
      {
        class: 'scopes',
        'aria-label': text('app.units'),
        onchange: (event: Event) => {
          location.hash = hashOf({ page: 'overview', unitId: Number((event.target as HTMLSelectElement).value) });
        },
      },
      me.scopes.map((scope) => h('option', { value: scope.unit.id }, scope.unit.name)),
    );
  root.replaceChildren(
    h('header', { class: 'bar' }, h('b', null, text('app.title')), scopes),
    page,
    toast,
    h('nav', { class: 'tabs' }, tabs),
  );

  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  const showToast = (message: string) => {
    toast.textContent = message;
    toast.classList.add('shown');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => toast.classList.remove('shown'), 4000);
  };

  function render(route: Route, preloaded?: ReturnType<ApiClient['overview']>) {
    const token = ++renders;
    const context: PageContext = {
      api,
      current: () => token === renders,
      show: (...children) => {
        if (token === renders) page.replaceChildren(...children.filter((child): child is Node => Boolean(child)));
      },
      fail: (error, retry) => {
        if (token === renders) showFailure(page, error, retry);
      },
      setUnit: (id) => {
        unitId = id;
        refreshTabs(route);
      },
      setWaiting,
      toast: showToast,
    };
    refreshTabs(route);
    page.replaceChildren(loading());
    window.scrollTo(0, 0);
    const unit = ('unitId' in route ? route.unitId : null) ?? unitId;
    switch (route.page) {
      case 'overview':
        return void renderOverview(context, route.unitId, preloaded);
      case 'metric':
        return void renderMetric(context, unit, me.metrics, route.metric);
      case 'nominations':
        return void renderNominations(context);
      case 'reports':
        return void renderReports(context, unit);
    }
  }

  function refreshTabs(route: Route) {
    for (const tab of tabs) {
      const name = tab.dataset.tab as Route['page'];
      tab.setAttribute('aria-current', String(name === route.page));
      tab.href = hashOf(
        name === 'nominations'
          ? { page: name }
          : name === 'metric'
            ? { page: name, unitId, metric: null }
            : { page: name, unitId },
      );
    }
  }

  webApp.BackButton?.onClick(() => {
    goingBack = true;
    history.back();
  });
  window.addEventListener('hashchange', () => {
    depth = goingBack ? Math.max(0, depth - 1) : depth + 1;
    goingBack = false;
    if (depth > 0) webApp.BackButton?.show();
    else webApp.BackButton?.hide();
    render(parseRoute(location.hash));
  });
  render(parseRoute(location.hash), firstOverview);
}

async function main(): Promise<void> {
  const webApp = telegramWebApp();
  setLocale(localeOfLanguage(webApp?.initDataUnsafe.user?.language_code));
  webApp?.ready();
  webApp?.expand();
  if (!webApp?.initData) return showRefusal('auth.missing');
  const api = createApiClient(webApp.initData, takeFirstCalls());
  const route = parseRoute(location.hash);
  // The first screen's figures are asked for with the caller's details, not after them (first-calls.ts may have
  // asked for both already).
  const firstOverview = route.page === 'overview' && route.unitId === null ? api.overview(null) : undefined;
  root.replaceChildren(loading());
  const me = await api.me();
  if (!me.ok) return showFailure(root, me.error, () => void main());
  setLocale(me.value.locale);
  if (me.value.scopes.length === 0) {
    root.replaceChildren(
      h('div', { class: 'refusal' }, h('h1', null, text('app.title')), h('p', null, text('app.noScopes'))),
    );
    return;
  }
  startApp(webApp, api, me.value, firstOverview);
}

void main();
