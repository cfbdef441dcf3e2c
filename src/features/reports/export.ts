import type { ExportCell, ExportColumn, SheetSink, WorkbookSink } from '../../files/sheet-sink';
import { levelName, t } from '../../i18n/texts';
import type { DayRange } from '../../kernel/day';
import type { Locale } from '../../kernel/locale';
import type { MetricCatalog } from '../../kernel/metric';
import { byUnitAndMetric, ownTotal, sumOverUnits } from '../../kernel/totals';
import type { UnitTree } from '../../kernel/units';
import type { Db } from '../../storage/schema';
import { officialName } from '../roster';
import { unitTotals } from '../tally';
import {
  type EntryCursor,
  type ExportEntry,
  namesOf,
  nominationsForExport,
  pageEntries,
  type RosterName,
} from './report-store';

/** How many entries one read brings: the most the export ever holds in memory at once. */
export const EXPORT_PAGE = 5000;
/**
 * Rows written between two flushes. Writing a row is synchronous (its XML or CSV text, a few microseconds), so
 * this bounds how long the export holds the event loop that the bot's other updates share.
 */
export const EXPORT_FLUSH_ROWS = 500;

/** A person as the roster has them: what the office files by. */
const PERSON_COLUMNS: readonly ExportColumn[] = [
  { header: 'Họ tên', width: 30, kind: 'text' },
  { header: 'Cấp bậc', width: 12, kind: 'text' },
  { header: 'Chức vụ', width: 20, kind: 'text' },
  { header: 'Số hiệu', width: 12, kind: 'text' },
];

/**
 * The person cells: the roster's name, rank, position and service number, read when the file is made; an account
 * not linked to the roster keeps its display name, marked "(chưa đối chiếu danh sách)".
 */
function personCells(person: RosterName | null, displayName: string): [ExportCell, ExportCell, ExportCell, ExportCell] {
  if (!person) return [`${displayName} ${t('vi', 'official.unmatched')}`, null, null, null];
  return [person.fullName, person.rank, person.position, person.serviceNumber];
}

/** Who an official file names: "Cấp bậc Họ tên" from the roster, or the display name marked as unmatched. */
const officialLabel = (person: RosterName | null, displayName: string): string =>
  person ? officialName(person) : `${displayName} ${t('vi', 'official.unmatched')}`;

// The headers are Vietnamese whatever the chat's language: the files go to the emulation office, which imports
// them by these names. Sheet names and captions follow the chat's language, from the catalog.
const ENTRY_COLUMNS: readonly ExportColumn[] = [
  { header: 'Ngày', width: 12, kind: 'date' },
  { header: 'Mã đơn vị', width: 12, kind: 'text' },
  { header: 'Đơn vị', width: 36, kind: 'text' },
  ...PERSON_COLUMNS,
  { header: 'Mã chỉ tiêu', width: 12, kind: 'text' },
  { header: 'Chỉ tiêu', width: 40, kind: 'text' },
  { header: 'Số lượng', width: 12, kind: 'number' },
  { header: 'Đơn vị tính', width: 12, kind: 'text' },
  { header: 'Ghi chú', width: 30, kind: 'text' },
  { header: 'Người nhập', width: 30, kind: 'text' },
  { header: 'Mã lượt ghi', width: 12, kind: 'number' },
];

/** The columns an emulation office imports. */
const COMMENDATION_COLUMNS: readonly ExportColumn[] = [
  ...PERSON_COLUMNS,
  { header: 'Đơn vị', width: 36, kind: 'text' },
  { header: 'Hình thức', width: 36, kind: 'text' },
  { header: 'Thành tích', width: 60, kind: 'text' },
  { header: 'Người đề nghị', width: 26, kind: 'text' },
  { header: 'Ngày', width: 12, kind: 'date' },
  { header: 'Số quyết định', width: 16, kind: 'text' },
  { header: 'Ngày quyết định', width: 14, kind: 'date' },
  { header: 'Người ký', width: 26, kind: 'text' },
];

/** What an export covers. */
export interface ExportRequest {
  readonly tree: UnitTree;
  readonly catalog: MetricCatalog;
  readonly unitId: number;
  readonly range: DayRange;
  readonly locale: Locale;
  /** The levels proposed rather than decided in the bot: "Đề nghị tặng …" until their decision is recorded. */
  readonly proposals?: ReadonlySet<string>;
}

/** An account's cells in the entries sheet, worked out once per export: its person cells and its official label. */
interface Named {
  readonly person: readonly [ExportCell, ExportCell, ExportCell, ExportCell];
  readonly label: string;
}

/**
 * The accounts an export names, read as pages bring new ones (a few queries per export, not a join per row) and
 * kept for the export: at most its members.
 */
function accountNames(db: Db) {
  const known = new Map<number, Named>();
  return {
    /** Reads the accounts of these entries not named yet. */
    async learn(entries: readonly ExportEntry[]): Promise<void> {
      const missing = new Set<number>();
      for (const entry of entries) {
        if (!known.has(entry.userId)) missing.add(entry.userId);
        if (entry.enteredBy !== null && !known.has(entry.enteredBy)) missing.add(entry.enteredBy);
      }
      if (missing.size === 0) return;
      const names = await namesOf(db, [...missing]);
      for (const id of missing) {
        // An account with no member row (never the case for an entry's own, a foreign key) goes by its id.
        const name = names.get(id) ?? { memberName: String(id), person: null };
        known.set(id, {
          person: personCells(name.person, name.memberName),
          label: officialLabel(name.person, name.memberName),
        });
      }
    },
    of: (id: number): Named => known.get(id) ?? { person: personCells(null, String(id)), label: String(id) },
  };
}

/**
 * Streams every standing entry of the unit's subtree over the days to `sinks` (the workbook and, for the entries
 * alone, the CSV), page by page along the (unit, day) index; returns how many entries went out. Each row's cells
 * are built once for every sink; what repeats (a unit's, a metric's, a person's cells, a day) is worked out once.
 */
export async function writeEntries(db: Db, request: ExportRequest, sinks: readonly SheetSink[]): Promise<number> {
  const { tree, catalog } = request;
  const metrics = new Map(
    catalog.all.map((metric) => [metric.code, { name: metric.name.vi, countUnit: metric.countUnit.vi }]),
  );
  const names = accountNames(db);
  const days = new Map<string, { day: string }>();
  const dayCell = (day: string) => {
    const known = days.get(day);
    if (known) return known;
    const cell = { day };
    days.set(day, cell);
    return cell;
  };
  let count = 0;
  for (const { unit } of tree.walk().filter(({ unit }) => tree.ancestorIds(unit.id).includes(request.unitId))) {
    let after: EntryCursor | undefined;
    for (;;) {
      const page = await pageEntries(db, { unitId: unit.id, range: request.range, after, limit: EXPORT_PAGE });
      await names.learn(page);
      for (const [index, entry] of page.entries()) {
        if (index > 0 && index % EXPORT_FLUSH_ROWS === 0) for (const sink of sinks) await sink.flush?.();
        const metric = metrics.get(entry.metricCode);
        const named = names.of(entry.userId);
        const { person } = named;
        const cells: ExportCell[] = [
          dayCell(entry.day),
          unit.code,
          unit.name,
          person[0],
          person[1],
          person[2],
          person[3],
          entry.metricCode,
          metric?.name ?? entry.metricCode,
          entry.amount,
          metric?.countUnit ?? '',
          entry.note,
          // Who typed it: the person themself, or the commander who logged for them.
          entry.enteredBy === null ? named.label : names.of(entry.enteredBy).label,
          entry.id,
        ];
        for (const sink of sinks) sink.row(cells);
      }
      count += page.length;
      for (const sink of sinks) await sink.flush?.();
      const last = page.at(-1);
      if (!last || page.length < EXPORT_PAGE) break;
      after = { day: last.day, id: last.id };
    }
  }
  return count;
}

/**
 * The whole export: the entries, the unit × metric totals (each unit's own, then the subtree's total, which is
 * the report's), and the nominations with their commendations. The CSV gets the entries.
 */
export async function writeExport(
  db: Db,
  request: ExportRequest,
  sinks: { workbook: WorkbookSink; csv: SheetSink },
): Promise<{ entries: number }> {
  const { tree, catalog } = request;
  const subtree = tree.walk().filter(({ unit }) => tree.ancestorIds(unit.id).includes(request.unitId));
  const ids = subtree.map(({ unit }) => unit.id);
  let entries = 0;
  sinks.csv.row(ENTRY_COLUMNS.map((column) => column.header));
  await sinks.workbook.sheet(t(request.locale, 'export.sheet.entries'), ENTRY_COLUMNS, async (sheet) => {
    entries = await writeEntries(db, request, [sheet, sinks.csv]);
  });

  const own = byUnitAndMetric(await unitTotals(db, { unitIds: ids, range: request.range }));
  const total = sumOverUnits(own, ids);
  const metricColumns = catalog.all.map((metric) => ({ header: metric.name.vi, width: 16, kind: 'number' as const }));
  await sinks.workbook.sheet(
    t(request.locale, 'export.sheet.totals'),
    [{ header: 'Mã đơn vị', width: 12, kind: 'text' }, { header: 'Đơn vị', width: 36, kind: 'text' }, ...metricColumns],
    async (sheet) => {
      for (const { unit } of subtree)
        sheet.row([unit.code, unit.name, ...catalog.all.map((metric) => ownTotal(own, unit.id).get(metric.code) ?? 0)]);
      sheet.row([
        'Tổng cộng',
        tree.byId(request.unitId)?.name ?? '',
        ...catalog.all.map((metric) => total.get(metric.code) ?? 0),
      ]);
    },
  );

  const nominations = await nominationsForExport(db, { unitIds: ids, range: request.range });
  await sinks.workbook.sheet(t(request.locale, 'export.sheet.commendations'), COMMENDATION_COLUMNS, async (sheet) => {
    for (const nomination of nominations) {
      const { level } = nomination;
      const form =
        nomination.status === 'approved' && level
          ? request.proposals?.has(level) && !nomination.decision
            ? t('vi', 'export.status.proposed', { level: levelName('vi', level) })
            : levelName('vi', level)
          : t('vi', nomination.status === 'rejected' ? 'export.status.rejected' : 'export.status.pending');
      sheet.row([
        ...personCells(nomination.nomineePerson, nomination.nominee),
        tree.byId(nomination.unitId)?.name ?? '',
        form,
        nomination.reason,
        nomination.nominatorOfficial ?? nomination.nominator,
        { day: nomination.day },
        nomination.decision?.number ?? null,
        nomination.decision ? { day: nomination.decision.date } : null,
        nomination.decision?.signer ?? null,
      ]);
    }
  });
  return { entries };
}
