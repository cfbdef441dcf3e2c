import { monthsPeriod, PERIOD_WORDS, type ReportView } from '../../features/app/api-types';
import { h } from '../dom';
import { telegramWebApp } from '../telegram';
import { num, text } from '../texts';
import { failureText, type PageContext, section } from '../ui';

/** "2026-05" (an <input type=month>) → { year, month }. */
const monthOfInput = (value: string) => ({ year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)) });

/** Copies through the Clipboard API, or by selecting the text where the webview withholds it. */
async function copy(value: string, source: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return document.execCommand('copy');
  }
}

function reportBody(ctx: PageContext, unitId: number, period: string, report: ReportView): HTMLElement[] {
  const paragraph = h('p', { class: 'paragraph' }, report.paragraph);
  const status = h('p', { class: 'hint', role: 'status' });
  const exportButton = h(
    'button',
    {
      type: 'button',
      class: 'wide',
      onclick: async () => {
        exportButton.disabled = true;
        const queued = await ctx.api.requestExport(unitId, period);
        telegramWebApp()?.HapticFeedback?.notificationOccurred(queued.ok ? 'success' : 'error');
        if (!queued.ok) {
          exportButton.disabled = false;
          if (queued.error.status === 401) return ctx.fail(queued.error, () => undefined);
          return ctx.toast(failureText(queued.error));
        }
        status.textContent = text('app.reports.exportQueued', { period: queued.value.period.label });
      },
    },
    text('app.reports.export'),
  );
  return [
    section(
      `${text('app.reports.paragraph')} · ${report.period.label}`,
      h(
        'div',
        { class: 'card' },
        paragraph,
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: async () => {
              if (await copy(report.paragraph, paragraph)) ctx.toast(text('app.reports.copied'));
            },
          },
          text('app.reports.copy'),
        ),
      ),
    ),
    section(
      text('app.reports.totals'),
      report.totals.length === 0
        ? h('p', { class: 'hint' }, text('app.reports.empty'))
        : h(
            'table',
            { class: 'figures totals' },
            report.totals.map((row) =>
              h(
                'tr',
                { 'data-metric': row.metric.code },
                h('td', null, row.metric.name),
                h('td', null, `${num(row.total)} ${row.metric.countUnit}`),
                h('td', { class: 'hint' }, row.percent === null ? '' : `${num(row.percent)}%`),
              ),
            ),
          ),
    ),
    exportButton,
    status,
  ];
}

/** The /baocao paragraph of a unit for a chosen period, with a copy button, and the export to the private chat. */
export async function renderReports(ctx: PageContext, unitId: number, period = 'thang'): Promise<void> {
  const answer = await ctx.api.report(unitId, period);
  if (!ctx.current()) return;
  if (!answer.ok) return ctx.fail(answer.error, () => void renderReports(ctx, unitId, period));
  const report = answer.value;
  ctx.setUnit(report.unit.id);
  const pick = (next: string) => void renderReports(ctx, unitId, next);
  const [fromMonth, toMonth] = [report.period.from.slice(0, 7), report.period.to.slice(0, 7)];
  const from = h('input', { type: 'month', value: fromMonth, 'aria-label': text('app.reports.from') });
  const to = h('input', { type: 'month', value: toMonth, 'aria-label': text('app.reports.to') });

  ctx.show(
    h('h1', null, report.unit.name),
    section(
      text('app.reports.period'),
      h(
        'div',
        { class: 'chips' },
        PERIOD_WORDS.map((word) =>
          h(
            'button',
            { type: 'button', class: 'chip', 'aria-pressed': String(word === period), onclick: () => pick(word) },
            text(`app.reports.${word}` as const),
          ),
        ),
      ),
      h(
        'form',
        {
          class: 'months',
          onsubmit: (event: Event) => {
            event.preventDefault();
            if (from.value && to.value) pick(monthsPeriod(monthOfInput(from.value), monthOfInput(to.value)));
          },
        },
        h('label', null, text('app.reports.from'), from),
        h('label', null, text('app.reports.to'), to),
        h('button', { type: 'submit', class: 'secondary' }, text('app.reports.show')),
      ),
    ),
    ...reportBody(ctx, unitId, period, report),
  );
}
