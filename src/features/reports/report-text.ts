import { escapeHtml, formatNumber, Html } from '../../i18n/format';
import { levelName, t } from '../../i18n/texts';
import type { Locale } from '../../kernel/locale';
import type { MetricAmount, ParagraphInput, Report, ReportPeriod } from '../../kernel/report';
import type { MonthTargets } from './month-targets';

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "5/2021": months the way reports write them, without a leading zero. */
function monthYear(day: string): { month: number; year: number } {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return { month, year };
}

/** How the paragraph opens: "Từ tháng 5/2021 đến hết tháng 8/2021", "Trong quý IV/2026"… */
export function periodOpening(locale: Locale, period: ReportPeriod): string {
  const { from, to } = period.range;
  const start = monthYear(from);
  switch (period.kind) {
    case 'months': {
      const end = monthYear(to);
      return t(locale, 'report.p.months', {
        fromMonth: start.month,
        fromYear: start.year,
        toMonth: end.month,
        toYear: end.year,
      });
    }
    case 'month':
      return t(locale, 'report.p.month', { month: start.month, year: start.year });
    case 'quarter':
      return t(locale, 'report.p.quarter', {
        quarter: ROMAN[Math.floor((start.month - 1) / 3)] ?? '',
        year: start.year,
      });
    case 'year':
      return t(locale, 'report.p.year', { year: start.year });
    case 'week':
      return t(locale, 'report.p.week', { from, to });
    case 'days':
      return t(locale, 'report.p.days', { from, to });
  }
}

/** One metric's report phrase with its amount in the language's digits ("cấp mới 1.400 căn cước công dân"). */
export function phraseOf(locale: Locale, amount: MetricAmount): string {
  const template = amount.metric.reportPhrase[locale] || `${amount.metric.name[locale]}: {amount}`;
  const number = formatNumber(locale, amount.total);
  const parts = template.split('{amount}').map(escapeHtml);
  return parts.length > 1 ? parts.join(number) : `${parts[0]} ${number}`;
}

const phrases = (locale: Locale, amounts: readonly MetricAmount[]) =>
  new Html(amounts.map((amount) => phraseOf(locale, amount)).join('; '));

/** A name that starts a clause mid-sentence: its first letter in lower case ("cấp mới căn cước công dân"). */
const midSentence = (name: string) => name.charAt(0).toLocaleLowerCase('vi') + name.slice(1);

/**
 * The ready-to-paste paragraph in the style of the campaign's reports: the period, then who did what, each metric
 * by its own report phrase (never adding different metrics), then the period's commendations and the targets' %.
 * HTML-escaped text without markup.
 */
export function writeReportParagraph(locale: Locale, input: ParagraphInput): string {
  const opening = periodOpening(locale, input.period);
  const sentences: string[] = [];
  if (input.subjects.length === 0) sentences.push(t(locale, 'report.p.nothing', { opening: new Html(opening) }));
  input.subjects.forEach((subject, index) => {
    const who = subject.name ?? t(locale, 'report.p.theUnit');
    const said = phrases(locale, subject.amounts);
    sentences.push(
      index === 0
        ? t(locale, 'report.p.first', { opening: new Html(opening), subject: who, phrases: said })
        : t(locale, 'report.p.next', { subject: who, phrases: said }),
    );
  });
  if (input.overall)
    sentences.push(
      t(locale, 'report.p.overall', { name: input.overall.name, phrases: phrases(locale, input.overall.amounts) }),
    );
  if (input.commendations.length > 0) {
    const list = input.commendations
      .map((row) =>
        t(locale, 'report.p.commendation', {
          level: levelName(locale, row.level),
          nominee: row.nominee,
          unit: row.unitName,
        }),
      )
      .join('; ');
    sentences.push(t(locale, 'report.p.commendations', { count: input.commendations.length, list: new Html(list) }));
  }
  if (input.targets.length > 0) {
    const list = input.targets
      .map((row) =>
        t(locale, 'report.p.target', { metric: midSentence(row.metric.name[locale]), percent: row.percent }),
      )
      .join('; ');
    sentences.push(t(locale, 'report.p.targets', { list: new Html(list) }));
  }
  return sentences.join(' ');
}

const amountLine = (locale: Locale, amount: MetricAmount) =>
  t(locale, 'report.amountLine', {
    metric: amount.metric.name[locale],
    amount: amount.total,
    countUnit: amount.metric.countUnit[locale],
  });

/** The /report answer: totals of the subtree, each unit's (rolled up), the targets, then the paragraph. */
export function renderReport(locale: Locale, report: Report, paragraph: string): string {
  const out = [
    t(locale, 'report.header', { unit: report.unit.name, from: report.period.range.from, to: report.period.range.to }),
  ];
  if (report.totals.length === 0) out.push('', t(locale, 'report.nothingLogged'));
  else {
    out.push('', t(locale, 'report.totalsHeader'), ...report.totals.map((amount) => amountLine(locale, amount)));
    if (report.units.length > 1 || report.units[0]?.unit.id !== report.unit.id) {
      out.push('', t(locale, 'report.unitsHeader'));
      for (const line of report.units) {
        out.push(
          t(locale, 'report.unitLine', {
            indent: '  '.repeat(line.depth),
            code: line.unit.code,
            amounts: new Html(
              line.totals
                .map((amount) => t(locale, 'report.unitAmount', { metric: amount.metric.code, amount: amount.total }))
                .join(', '),
            ),
          }),
        );
      }
    }
  }
  if (report.targets.length > 0) {
    out.push('', t(locale, 'report.targetsHeader'));
    for (const row of report.targets)
      out.push(
        t(locale, 'report.targetLine', {
          metric: row.metric.name[locale],
          total: row.total,
          target: row.target,
          countUnit: row.metric.countUnit[locale],
          percent: row.percent,
        }),
      );
  }
  out.push('', t(locale, 'report.paragraphHeader'), paragraph);
  return out.join('\n');
}

/**
 * How far the month's targets are, month to date, one line a metric ("Tháng 11: 62% mục tiêu (1.240/2.000 thẻ)"),
 * under its header; nothing without a target.
 */
export function targetSection(locale: Locale, targets: MonthTargets | undefined): string[] {
  if (!targets || targets.rows.length === 0) return [];
  const month = Number(targets.from.slice(5, 7));
  return [
    '',
    t(locale, 'target.progressHeader', { to: targets.to }),
    ...targets.rows.map((row) =>
      t(locale, 'target.progressLine', {
        metric: row.metric.name[locale],
        month,
        percent: row.percent,
        total: row.total,
        target: row.target,
        countUnit: row.metric.countUnit[locale],
      }),
    ),
  ];
}
