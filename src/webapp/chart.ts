import type { WeekPoint } from '../features/app/api-types';
import { s } from './dom';
import { axisTicks } from './figures';

const WIDTH = 360;
const HEIGHT = 200;
const LEFT = 46;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 24;

/** "2026-11-23" → "23/11". */
const shortDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/**
 * A metric's weekly totals as an SVG line, drawn by hand: one line, its axis and a few labels need no chart library,
 * and the colours come from Telegram's theme through CSS. The last week is still running: its segment is dashed.
 */
export function trendChart(points: readonly WeekPoint[], label: string, format: (value: number) => string): SVGElement {
  const ticks = axisTicks(Math.max(0, ...points.map((point) => point.total)));
  const top = ticks[ticks.length - 1]!;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (index: number) => LEFT + (points.length <= 1 ? plotWidth / 2 : (index / (points.length - 1)) * plotWidth);
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const coordinates = points.map((point, index) => `${x(index).toFixed(1)},${y(point.total).toFixed(1)}`);
  const done = coordinates.slice(0, -1);
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));
  const last = points.length - 1;
  // Every few weeks a date, and always the running week's, never two crowding each other at the end.
  const labelled = (index: number) => index === last || (index % labelEvery === 0 && last - index >= labelEvery);

  return s(
    'svg',
    { class: 'chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': label },
    s('title', null, label),
    ticks.map((tick) =>
      s(
        'g',
        { class: 'grid' },
        s('line', { x1: LEFT, x2: WIDTH - RIGHT, y1: y(tick), y2: y(tick) }),
        s('text', { x: LEFT - 6, y: y(tick) + 4, 'text-anchor': 'end' }, format(tick)),
      ),
    ),
    points.map(
      (point, index) =>
        labelled(index) &&
        s(
          'text',
          { class: 'axis', x: x(index), y: HEIGHT - 6, 'text-anchor': index === last ? 'end' : 'middle' },
          shortDay(point.from),
        ),
    ),
    done.length > 1 && s('polyline', { class: 'line', points: done.join(' ') }),
    done.length > 0 && s('polyline', { class: 'line running', points: coordinates.slice(-2).join(' ') }),
    points.length <= 12 &&
      points.map((point, index) =>
        s('circle', { class: 'dot', cx: x(index), cy: y(point.total), r: 3 }, s('title', null, format(point.total))),
      ),
  );
}
