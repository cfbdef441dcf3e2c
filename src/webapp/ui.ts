import type { ApiError, MetricFigures, MetricRef } from '../features/app/api-types';
import { type Change, changeOf } from '../kernel/change';
import type { ApiClient } from './api-client';
import { h } from './dom';
import { num, text } from './texts';

/** What a page gets to draw itself. */
export interface PageContext {
  readonly api: ApiClient;
  /** False once the user went elsewhere: a late answer is dropped rather than drawn over the new page. */
  current(): boolean;
  /** Replaces the page's content. */
  show(...children: (Node | null | false)[]): void;
  /** Shows why a call failed (a 401 replaces the whole app with the refusal), with a retry for passing failures. */
  fail(error: ApiError, retry: () => void): void;
  /** Remembers the unit the user is looking at, for the other tabs. */
  setUnit(unitId: number): void;
  /** Updates the nominations tab's count. */
  setWaiting(count: number): void;
  toast(message: string): void;
}

export const loading = () => h('p', { class: 'hint loading', role: 'status' }, text('app.loading'));

export const section = (title: string, ...children: (Node | null | false)[]) =>
  h('section', null, h('h2', null, title), ...children);

/** A bar of `percent` % of its track (set through the CSSOM, which the page's CSP allows). */
export function meter(percent: number): HTMLElement {
  const fill = h('i');
  fill.style.width = `${Math.min(100, Math.max(0, percent))}%`;
  return h('span', { class: 'meter', 'aria-hidden': 'true' }, fill);
}

const CHANGE_TEXT: Record<Change['kind'], (change: Change) => string> = {
  up: (change) => text('app.change.up', { percent: (change as { percent: number }).percent }),
  down: (change) => text('app.change.down', { percent: (change as { percent: number }).percent }),
  same: () => text('app.change.same'),
  new: () => text('app.change.new'),
  none: () => '',
};

/** "▲ 20%" against the same days of last week, coloured by direction. */
export function changeBadge(figures: MetricFigures): HTMLElement | null {
  const change = changeOf(figures.week, figures.previousWeek);
  if (change.kind === 'none') return null;
  return h(
    'span',
    { class: `change ${change.kind}`, title: text('app.change.hint') },
    CHANGE_TEXT[change.kind](change),
  );
}

/** Per metric: this week and this month, for a sub-unit's card. */
export function figureTable(figures: readonly MetricFigures[], metrics: ReadonlyMap<string, MetricRef>): HTMLElement {
  return h(
    'table',
    { class: 'figures' },
    h('tr', null, h('th'), h('th', null, text('app.period.week')), h('th', null, text('app.period.month'))),
    figures.map((row) =>
      h(
        'tr',
        { 'data-metric': row.metric },
        h('td', null, metrics.get(row.metric)?.name ?? row.metric),
        h('td', null, num(row.week)),
        h('td', null, num(row.month)),
      ),
    ),
  );
}

/** The message for a failure other than 401: the server's words when it gave some, else the page's own. */
export function failureText(error: ApiError): string {
  if (error.status === 403) return text('app.forbidden');
  if (error.status === 404) return error.message ?? text('app.notFound');
  return error.message ?? text('app.error');
}
