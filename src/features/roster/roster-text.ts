/**
 * The roster's answers as text, for the chat side: a dry run's summary with its skipped rows, an error, and a
 * commander's listing. Every string comes from the catalog (src/i18n/vi.ts, en.ts: the `import.*` and `roster.*`
 * keys); an error's `kind` is its text key and its other fields the text's parameters.
 */
import { Html } from '../../i18n/format';
import { type TextKey, type TextParams, t } from '../../i18n/texts';
import type { Locale } from '../../kernel/locale';
import type { DryRun, ImportError } from './import-roster';
import type { FieldName, FileProblem, RowProblem } from './import-sheets';
import type { LinkError } from './linking';
import type { RosterListing } from './roster-view';

/** Skipped rows a summary lists before "… and N more". */
export const MAX_LISTED_ERRORS = 30;

type ParamsOf<K extends TextKey> = TextParams<K> extends [infer P] ? P : Record<string, never>;
type Misfits<E extends { kind: TextKey }> = E extends unknown
  ? Omit<E, 'kind'> extends ParamsOf<E['kind']>
    ? never
    : E['kind']
  : never;
/** Fails to compile, naming the kind, when a row problem's or a file problem's fields stop matching its text. */
const everyProblemFitsItsText: [Misfits<RowProblem | FileProblem>] extends [never]
  ? true
  : Misfits<RowProblem | FileProblem> = true;
void everyProblemFitsItsText;

type Keyed = { readonly kind: string } & Record<string, unknown>;
const keyed = (locale: Locale, error: Keyed, extra: Record<string, unknown> = {}): string =>
  (t as (locale: Locale, key: TextKey, params: object) => string)(locale, error.kind as TextKey, {
    ...error,
    ...extra,
  });

const fieldName = (locale: Locale, field: FieldName) =>
  t(locale, `import.field.${field}` as TextKey & `import.field.${string}`);

/** Why a row was skipped, in words. */
export function rowProblemText(locale: Locale, problem: RowProblem): string {
  return keyed(locale, problem, 'field' in problem ? { field: fieldName(locale, problem.field) } : {});
}

/** An import's or the roster's refusal, in words. */
export const rosterErrorText = (locale: Locale, error: ImportError | LinkError): string => keyed(locale, error);

/** A dry run as the admin reads it: what would change, then the rows skipped and why. */
export function dryRunText(locale: Locale, dryRun: DryRun, windowMinutes: number): string {
  const s = dryRun.summary;
  const out = [t(locale, 'import.preview', { file: dryRun.fileName, minutes: windowMinutes })];
  if (!dryRun.changes && s.peopleMissing === 0) out.push(t(locale, 'import.nothing'));
  else {
    out.push(
      t(locale, 'import.units', { created: s.unitsCreated, renamed: s.unitsRenamed, moved: s.unitsMoved }),
      t(locale, 'import.people', {
        created: s.peopleCreated,
        changed: s.peopleChanged,
        transferred: s.peopleTransferred,
        left: s.peopleLeft,
        returned: s.peopleReturned,
      }),
      t(locale, 'import.roles', { granted: s.rolesGranted, revoked: s.rolesRevoked, linked: s.linked }),
      t(locale, 'import.history', {
        history: s.historyRows,
        commendations: s.commendationsCreated,
        changed: s.commendationsChanged,
      }),
    );
    if (s.peopleMissing > 0) out.push(t(locale, 'import.missing', { count: s.peopleMissing }));
  }
  if (dryRun.plan.ignoredSheets.length > 0) {
    out.push(t(locale, 'import.ignoredSheets', { sheets: dryRun.plan.ignoredSheets.join(', ') }));
  }
  const errors = dryRun.plan.errors;
  if (errors.length > 0) {
    out.push('', t(locale, 'import.errorsHeader', { count: errors.length }));
    for (const error of errors.slice(0, MAX_LISTED_ERRORS)) {
      out.push(
        t(locale, 'import.errorLine', {
          sheet: error.sheet,
          row: error.row,
          reason: new Html(rowProblemText(locale, error.problem)),
        }),
      );
    }
    if (errors.length > MAX_LISTED_ERRORS)
      out.push(t(locale, 'list.more', { count: errors.length - MAX_LISTED_ERRORS }));
  }
  return out.join('\n');
}

/** A commander's listing: per unit "silent/active", then each person's link status and last entry. */
export function rosterListingText(locale: Locale, listing: RosterListing): string {
  const out = [t(locale, 'roster.week', { from: listing.week.from, to: listing.week.to })];
  for (const unit of listing.units) {
    out.push(
      '',
      t(locale, 'roster.unitLine', { code: unit.code, name: unit.name, silent: unit.silent, active: unit.active }),
    );
    for (const person of unit.people) {
      out.push(
        t(locale, 'roster.personLine', {
          name: person.officialName,
          link: t(locale, `roster.link.${person.link}`),
          last: person.lastEntryDay
            ? t(locale, 'roster.lastEntry', { day: person.lastEntryDay })
            : t(locale, 'roster.noEntry'),
        }),
      );
    }
  }
  return out.join('\n');
}
