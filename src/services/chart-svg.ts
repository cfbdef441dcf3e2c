/**
 * Charts as SVG text, built by pure functions (tested as text) and rendered to PNG at the edge with resvg. One
 * chart shows one metric: different metrics are never added up or drawn on one scale.
 */

/** One bar: its label, its value (the bar's length) and the value as the chart prints it ("1.400"). */
export interface ChartBar {
  readonly label: string;
  readonly value: number;
  readonly shown: string;
}

const WIDTH = 960;
const FONT = 'font-family="Be Vietnam Pro"';
const BAR = '#1f6f43';
const MUTED = '#5b6770';

/** Escapes text for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Cuts a label to `max` characters, ending it with "…". */
const clip = (text: string, max: number) => {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
};

function frame(height: number, title: string, subtitle: string, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="24" y="40" ${FONT} font-size="24" font-weight="700" fill="#111">${escapeXml(clip(title, 70))}</text>`,
    subtitle
      ? `<text x="24" y="68" ${FONT} font-size="16" fill="${MUTED}">${escapeXml(clip(subtitle, 100))}</text>`
      : '',
    body,
    '</svg>',
  ].join('\n');
}

/** Units ranked by one metric: horizontal bars, longest first, each with its value. */
export function rankChartSvg(chart: { title: string; subtitle: string; bars: readonly ChartBar[] }): string {
  const bars = [...chart.bars].sort((a, b) => b.value - a.value);
  const top = 96;
  const rowHeight = 40;
  const labelWidth = 260;
  const barSpace = WIDTH - labelWidth - 140;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const rows = bars.map((bar, index) => {
    const y = top + index * rowHeight;
    const length = bar.value > 0 ? Math.max(2, Math.round((bar.value / max) * barSpace)) : 0;
    return [
      `<text x="${labelWidth - 12}" y="${y + 25}" ${FONT} font-size="18" text-anchor="end" fill="#222">${escapeXml(clip(bar.label, 24))}</text>`,
      `<rect x="${labelWidth}" y="${y + 8}" width="${length}" height="${rowHeight - 14}" rx="4" fill="${BAR}"/>`,
      `<text x="${labelWidth + length + 10}" y="${y + 25}" ${FONT} font-size="18" font-weight="700" fill="#222">${escapeXml(bar.shown)}</text>`,
    ].join('\n');
  });
  return frame(top + Math.max(1, bars.length) * rowHeight + 24, chart.title, chart.subtitle, rows.join('\n'));
}

/** One metric over consecutive periods (eight weeks): a column per period, oldest on the left. */
export function trendChartSvg(chart: { title: string; subtitle: string; bars: readonly ChartBar[] }): string {
  const height = 480;
  const top = 110;
  const bottom = height - 70;
  const left = 40;
  const columnWidth = (WIDTH - left * 2) / Math.max(1, chart.bars.length);
  const max = Math.max(1, ...chart.bars.map((bar) => bar.value));
  const columns = chart.bars.map((bar, index) => {
    const x = left + index * columnWidth;
    const barHeight = bar.value > 0 ? Math.max(2, Math.round((bar.value / max) * (bottom - top))) : 0;
    const center = x + columnWidth / 2;
    return [
      `<rect x="${Math.round(x + columnWidth * 0.15)}" y="${bottom - barHeight}" width="${Math.round(columnWidth * 0.7)}" height="${barHeight}" rx="4" fill="${BAR}"/>`,
      `<text x="${Math.round(center)}" y="${bottom - barHeight - 8}" ${FONT} font-size="16" font-weight="700" text-anchor="middle" fill="#222">${escapeXml(bar.shown)}</text>`,
      `<text x="${Math.round(center)}" y="${bottom + 26}" ${FONT} font-size="15" text-anchor="middle" fill="${MUTED}">${escapeXml(clip(bar.label, 12))}</text>`,
    ].join('\n');
  });
  const axis = `<line x1="${left}" y1="${bottom}" x2="${WIDTH - left}" y2="${bottom}" stroke="#999" stroke-width="1"/>`;
  return frame(height, chart.title, chart.subtitle, [axis, ...columns].join('\n'));
}
