/**
 * Sơ kết and tổng kết (§9): the paragraph of a half-year's or a year's review for a unit's subtree: the campaign's
 * figures (the /report paragraph), then the registrations against the results: how many units registered a
 * collective title, and per title how many registered, were proposed and were awarded. HTML-escaped text.
 */
import { t } from '../../i18n/texts';
import { titleName } from '../../i18n/year-text';
import type { Locale } from '../../kernel/locale';
import { paragraphOf, type ReportPeriod } from '../../kernel/report';
import { ok } from '../../kernel/result';
import { composeReport, writeReportParagraph } from '../reports';
import type { Caller } from '../use-case';
import { registrationsOf } from './registration-store';
import { closedReviews, outcomesOf } from './review-store';
import { unitOfSubject } from './roster-port';
import { titlesDecided } from './title-store';
import { subjectOf, TITLES } from './titles';
import { refuse, type YearResult, type YearScope, yearOfScope } from './year-scope';

export interface YearParagraphInput {
  readonly unitId: number;
  /** The first six months (sơ kết), or the whole year (tổng kết). */
  readonly part: 'half' | 'year';
  /** This year by default. */
  readonly year?: number;
  readonly locale?: Locale;
  /** Without the campaign's figures (the /report paragraph): when /report shows them already. */
  readonly withoutFigures?: boolean;
}

/** The review's heading and paragraph. */
export async function yearParagraph(
  scope: YearScope,
  _caller: Caller,
  input: YearParagraphInput,
): Promise<YearResult<{ readonly heading: string; readonly paragraph: string }>> {
  const [tree, catalog] = await Promise.all([scope.directory.units(), scope.directory.metrics()]);
  const unit = tree.byId(input.unitId);
  if (!unit) return refuse({ kind: 'year.error.unknownUnit' });
  const locale = input.locale ?? scope.config.defaultLocale;
  const year = input.year ?? yearOfScope(scope);
  const half = input.part === 'half';
  const period: ReportPeriod = half
    ? { kind: 'months', range: { from: `${year}-01-01`, to: `${year}-06-30` } }
    : { kind: 'year', range: { from: `${year}-01-01`, to: `${year}-12-31` } };
  const report =
    !input.withoutFigures &&
    (await composeReport(scope.db, {
      tree,
      catalog,
      unitId: unit.id,
      period,
      timeZone: scope.config.timeZone,
    }));
  const sentences = report ? [writeReportParagraph(locale, paragraphOf(report))] : [];

  const unitIds = tree.subtreeIds(unit.id);
  const registrations = await registrationsOf(scope.db, { year, unitIds });
  if (registrations.length === 0) sentences.push(t(locale, 'year.report.noRegistrations', { year }));
  else {
    const registeredUnits = registrations.filter((registration) => unitOfSubject(registration.subjectId)).length;
    sentences.push(t(locale, 'year.report.units', { registered: registeredUnits, units: unitIds.length }));
    const reviews = new Set((await closedReviews(scope.db, { year, unitIds })).map((review) => review.id));
    const outcomes = await outcomesOf(scope.db, { year });
    const decided = (await titlesDecided(scope.db, { year })).filter(
      (record) => record.unitId !== undefined && unitIds.includes(record.unitId),
    );
    for (const title of TITLES) {
      const collective = subjectOf(title) === 'collective';
      const registered = registrations.filter((registration) => registration.title === title).length;
      // Individuals are proposed by their units' reviews; units go to the council on their registration.
      const proposedBy = collective
        ? outcomes.filter(
            (outcome) =>
              outcome.stage === 'council' &&
              registrations.some((registration) => registration.subjectId === outcome.subjectId),
          )
        : outcomes.filter((outcome) => reviews.has(outcome.reviewId));
      const proposed = new Set(
        proposedBy
          .filter((outcome) => outcome.title === title && outcome.status === 'proposed')
          .map((outcome) => outcome.subjectId),
      ).size;
      const awarded = decided.filter((record) => record.title === title).length;
      if (registered + proposed + awarded === 0) continue;
      sentences.push(
        t(locale, 'year.report.title', {
          title: titleName(locale, title),
          collective,
          registered,
          proposed,
          awarded,
        }),
      );
    }
  }
  return ok({ heading: t(locale, 'year.report.heading', { half, year }), paragraph: sentences.join(' ') });
}
