/**
 * Charts as SVG text, built by pure functions (tested as text) and rendered to PNG at the edge with resvg. One
 * chart shows one metric: different metrics are never added up or drawn on one scale.
 */
import { xmlText } from '../i18n/format';

/** One bar: its label, its value (the bar's length) and the value as the chart prints it ("1.400"). */
export interface ChartBar {
  readonly label: string;
  readonly value: number;
  readonly shown: string;
  /** Drawn in the accent colour: the group's own unit among those ranked. */
  readonly highlight?: boolean;
}

const WIDTH = 960;
const FONT = 'font-family="Be Vietnam Pro"';
const BAR = '#1f6f43';
const MUTED = '#5b6770';
const OWN_BAR = '#c27c0e';

/** Cuts a label to `max` characters, ending it with "…". */
const clip = (text: string, max: number) => {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
};

function frame(height: number, title: string, subtitle: string, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="24" y="40" ${FONT} font-size="24" font-weight="700" fill="#111">${xmlText(clip(title, 70))}</text>`,
    subtitle ? `<text x="24" y="68" ${FONT} font-size="16" fill="${MUTED}">${xmlText(clip(subtitle, 100))}</text>` : '',
    body,
    '</svg>',
  ].join('\n');
}

/** The rows of a ranking, longest first, from `top` down; its bars scaled to the largest. */
function rankRows(bars: readonly ChartBar[], top: number, rowHeight: number): string {
  const sorted = [...bars].sort((a, b) => b.value - a.value);
  const labelWidth = 260;
  const barSpace = WIDTH - labelWidth - 140;
  const max = Math.max(1, ...sorted.map((bar) => bar.value));
  const text = Math.round(rowHeight * 0.62);
  return sorted
    .map((bar, index) => {
      const y = top + index * rowHeight;
      const length = bar.value > 0 ? Math.max(2, Math.round((bar.value / max) * barSpace)) : 0;
      const weight = bar.highlight ? ' font-weight="700"' : '';
      return [
        `<text x="${labelWidth - 12}" y="${y + text}" ${FONT} font-size="18"${weight} text-anchor="end" fill="#222">${xmlText(clip(bar.label, 24))}</text>`,
        `<rect x="${labelWidth}" y="${y + 8}" width="${length}" height="${rowHeight - 14}" rx="4" fill="${bar.highlight ? OWN_BAR : BAR}"/>`,
        `<text x="${labelWidth + length + 10}" y="${y + text}" ${FONT} font-size="18" font-weight="700" fill="#222">${xmlText(bar.shown)}</text>`,
      ].join('\n');
    })
    .join('\n');
}

/** Columns of consecutive periods between `top` (room for the values above) and `bottom` (the axis), oldest left. */
function trendColumns(bars: readonly ChartBar[], top: number, bottom: number): string {
  const left = 40;
  const columnWidth = (WIDTH - left * 2) / Math.max(1, bars.length);
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const columns = bars.map((bar, index) => {
    const x = left + index * columnWidth;
    const barHeight = bar.value > 0 ? Math.max(2, Math.round((bar.value / max) * (bottom - top))) : 0;
    const center = x + columnWidth / 2;
    return [
      `<rect x="${Math.round(x + columnWidth * 0.15)}" y="${bottom - barHeight}" width="${Math.round(columnWidth * 0.7)}" height="${barHeight}" rx="4" fill="${bar.highlight ? OWN_BAR : BAR}"/>`,
      `<text x="${Math.round(center)}" y="${bottom - barHeight - 8}" ${FONT} font-size="16" font-weight="700" text-anchor="middle" fill="#222">${xmlText(bar.shown)}</text>`,
      `<text x="${Math.round(center)}" y="${bottom + 26}" ${FONT} font-size="15" text-anchor="middle" fill="${MUTED}">${xmlText(clip(bar.label, 12))}</text>`,
    ].join('\n');
  });
  const axis = `<line x1="${left}" y1="${bottom}" x2="${WIDTH - left}" y2="${bottom}" stroke="#999" stroke-width="1"/>`;
  return [axis, ...columns].join('\n');
}

/** Units ranked by one metric: horizontal bars, longest first, each with its value. */
export function rankChartSvg(chart: { title: string; subtitle: string; bars: readonly ChartBar[] }): string {
  const top = 96;
  const rowHeight = 40;
  return frame(
    top + Math.max(1, chart.bars.length) * rowHeight + 24,
    chart.title,
    chart.subtitle,
    rankRows(chart.bars, top, rowHeight),
  );
}

/** One metric over consecutive periods (eight weeks): a column per period, oldest on the left. */
export function trendChartSvg(chart: { title: string; subtitle: string; bars: readonly ChartBar[] }): string {
  const height = 480;
  return frame(height, chart.title, chart.subtitle, trendColumns(chart.bars, 110, height - 70));
}

/** One panel of a chart of several: one metric, ranked units or its weeks, on its own scale. */
export interface ChartPanel {
  readonly kind: 'rank' | 'trend';
  /** The metric and its unit of count ("Cấp mới căn cước công dân (thẻ)"). */
  readonly title: string;
  readonly bars: readonly ChartBar[];
}

const PANEL_HEADING = 40;
const PANEL_ROW = 34;
const PANEL_TREND = 230;
const PANEL_GAP = 20;

/**
 * Small multiples: one panel per metric, stacked, each on its own scale, so one picture shows every metric of
 * the week without ever adding two of them up. Undefined without a panel that has a positive bar: no blank chart.
 */
export function panelsSvg(chart: {
  title: string;
  subtitle: string;
  panels: readonly ChartPanel[];
}): string | undefined {
  const panels = chart.panels.filter((panel) => panel.bars.some((bar) => bar.value > 0));
  if (panels.length === 0) return undefined;
  let y = 96;
  const bodies = panels.map((panel) => {
    const heading = `<text x="24" y="${y + 26}" ${FONT} font-size="20" font-weight="700" fill="#111">${xmlText(clip(panel.title, 80))}</text>`;
    const top = y + PANEL_HEADING;
    const body =
      panel.kind === 'rank'
        ? rankRows(panel.bars, top, PANEL_ROW)
        : trendColumns(panel.bars, top + 30, top + PANEL_TREND - 40);
    y = top + (panel.kind === 'rank' ? panel.bars.length * PANEL_ROW : PANEL_TREND) + PANEL_GAP;
    return `${heading}\n${body}`;
  });
  return frame(y + 4, chart.title, chart.subtitle, bodies.join('\n'));
}
