import type {
  ApiFailure,
  AppApi,
  AppCaller,
  ChildRow,
  LevelRef,
  Me,
  MetricFigures,
  MetricRef,
  Overview,
  PeriodRef,
  Scope,
  UnitRef,
  WaitingNomination,
} from '../../src/features/app/api-types';
import type { DayRange, IsoDay } from '../../src/kernel/day';
import type { Locale } from '../../src/kernel/locale';
import { addDays, isoWeekLabel, monthOf, weekOf } from '../../src/kernel/period';
import { err, ok, type Result } from '../../src/kernel/result';
import { createUnitTree, type Unit } from '../../src/kernel/units';
import { seedMetrics } from '../helpers/metric-catalog';

/** The fixture's today: Wednesday 9 December 2026, so weeks and months are part-way through. */
export const FIXTURE_TODAY: IsoDay = '2026-12-09';

const unit = (id: number, code: string, name: string, parentId: number | null, groups = 1): Unit => ({
  id,
  code,
  name,
  parentId,
  groups,
});

/** A province as DOMAIN.md names it: departments and a district, each with teams; ANKT logs nothing. */
export const FIXTURE_UNITS: readonly Unit[] = [
  unit(1, 'CAT', 'Công an tỉnh Lạng Sơn', null),
  unit(2, 'PC06', 'Phòng Cảnh sát QLHC về TTXH', 1),
  unit(21, 'PC06-CC', 'Đội Cấp căn cước', 2),
  unit(22, 'PC06-NN', 'Đội Quản lý ngành nghề kinh doanh có điều kiện', 2),
  unit(3, 'PC08', 'Phòng Cảnh sát Giao thông', 1),
  unit(31, 'PC08-DK', 'Đội Đăng ký, quản lý phương tiện giao thông cơ giới đường bộ', 3),
  unit(4, 'CAHL', 'Công an huyện Hữu Lũng', 1),
  unit(41, 'CAHL-GT', 'Đội Cảnh sát Giao thông', 4),
  unit(5, 'ANKT', 'Phòng An ninh Kinh tế', 1),
];

/** Own entries (not sub-units') per unit and metric: this week so far, the same days last week, month so far, last month's same days. */
type OwnFigures = Record<string, { week: number; previousWeek: number; month: number; previousMonth: number }>;
const f = (week: number, previousWeek: number, month: number, previousMonth: number) => ({
  week,
  previousWeek,
  month,
  previousMonth,
});
/** PC06's month adds up to the article's 1.400 cards, 447 permits and 8 certificates; PC08's to 510, 5.222 and 461. */
export const FIXTURE_OWN: ReadonlyMap<number, OwnFigures> = new Map<number, OwnFigures>([
  [2, { cccd: f(135, 120, 335, 300) }],
  [21, { cccd: f(300, 250, 1065, 900) }],
  [22, { vlnc: f(120, 150, 447, 400), antt: f(2, 2, 8, 5) }],
  [31, { dkoto: f(130, 100, 510, 420), dktam: f(1300, 1250, 5222, 5000), bienvang: f(100, 110, 461, 380) }],
  [41, { tuyentruyen: f(80, 0, 480, 200) }],
]);
/** Monthly targets: PC06's cards (1.400 of 2.000 is 70%). */
const MONTH_TARGETS: ReadonlyMap<number, Record<string, number>> = new Map([[2, { cccd: 2000 }]]);

/** The people of the fixture, by Telegram user id. */
export const PEOPLE = {
  admin: { id: 9001, name: 'Quản trị viên', scopes: [{ unitId: 1, role: 'admin' }] },
  /** Commands PC06: sees it and its two teams, nothing else. */
  commanderPC06: { id: 7001, name: 'Thượng tá Nguyễn Văn An', scopes: [{ unitId: 2, role: 'commander' }] },
  officerPC06CC: { id: 7002, name: 'Đại úy Lê Thị Hoa', scopes: [{ unitId: 21, role: 'member' }] },
  stranger: { id: 7003, name: 'Người lạ', scopes: [] },
} as const satisfies Record<
  string,
  { id: number; name: string; scopes: readonly { unitId: number; role: Scope['role'] }[] }
>;

const LEVELS = [
  { code: 'bieuduong', vi: 'Biểu dương', en: 'Praise', proposal: false },
  {
    code: 'giaykhen',
    vi: 'Giấy khen của Giám đốc Công an tỉnh',
    en: "Provincial police director's certificate",
    proposal: false,
  },
  { code: 'bangkhen', vi: 'Bằng khen của Chủ tịch UBND tỉnh', en: "Provincial chairman's certificate", proposal: true },
];

interface FixtureNomination extends Omit<WaitingNomination, 'unit' | 'actions'> {
  readonly unitId: number;
  /** Who may act on it, and how. */
  readonly deciders: ReadonlyMap<number, WaitingNomination['actions']>;
}

const NOMINATIONS: readonly FixtureNomination[] = [
  {
    id: 11,
    nominee: 'Đại úy Lê Thị Hoa',
    unitId: 21,
    nominator: 'Trung úy Phạm Minh Tuấn',
    reason: 'Làm thêm giờ cấp 120 thẻ căn cước cho người cao tuổi tại nhà trong tuần.',
    day: '2026-12-07',
    endorsements: 4,
    recommendations: [],
    cardLink: 'https://t.me/c/1000000021/57',
    deciders: new Map([
      [7001, [{ kind: 'decide', level: 'bieuduong' }, { kind: 'recommend', level: 'giaykhen' }, { kind: 'reject' }]],
      [
        9001,
        [
          { kind: 'decide', level: 'bieuduong' },
          { kind: 'decide', level: 'giaykhen' },
          { kind: 'decide', level: 'bangkhen' },
          { kind: 'reject' },
        ],
      ],
    ]),
  },
  {
    id: 12,
    nominee: 'Thiếu úy Hoàng Văn Nam',
    unitId: 22,
    nominator: 'Đại úy Lê Thị Hoa',
    reason: 'Phát hiện và ngăn chặn kịp thời một lô vật liệu nổ vận chuyển không có giấy phép.',
    day: '2026-12-08',
    endorsements: 7,
    recommendations: [{ level: 'giaykhen', by: 'Thiếu tá Trần Quốc Việt', at: '2026-12-08T09:30:00.000Z' }],
    cardLink: null,
    deciders: new Map([
      [7001, [{ kind: 'recommend', level: 'giaykhen' }, { kind: 'reject' }]],
      [9001, [{ kind: 'decide', level: 'giaykhen' }, { kind: 'reject' }]],
    ]),
  },
  {
    id: 13,
    nominee: 'Trung tá Hà Văn Dưỡng',
    unitId: 31,
    nominator: 'Thiếu úy Đỗ Văn Lâm',
    reason: 'Cùng tổ tuần tra dập lửa xe tải trên QL1A, cứu tài xế và hàng hoá trị giá hàng chục tỷ đồng.',
    day: '2026-12-05',
    endorsements: 12,
    recommendations: [],
    cardLink: null,
    deciders: new Map([[9001, [{ kind: 'decide', level: 'giaykhen' }, { kind: 'reject' }]]]),
  },
];

/** One call the fake received: the method, who asked, and what with. */
export interface FixtureCall {
  readonly method: keyof AppApi;
  readonly userId: number;
  readonly input: unknown;
}

const forbidden = (): Result<never, ApiFailure> => err({ status: 403, kind: 'app.forbidden' });
const notFound = (): Result<never, ApiFailure> => err({ status: 404, kind: 'app.notFound' });

const pad = (n: number) => String(n).padStart(2, '0');
const shortDay = (day: IsoDay) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
const longDay = (day: IsoDay) => `${shortDay(day)}/${day.slice(0, 4)}`;

/**
 * An AppApi over fixed data, holding the rules the real one must keep (a caller sees the subtrees of their scopes;
 * anything else is 403) and recording every call. The browser tests and bench/app.ts serve the page against it.
 */
export function createFixtureApi(today: IsoDay = FIXTURE_TODAY) {
  const calls: FixtureCall[] = [];
  const waiting = new Map(NOMINATIONS.map((nomination) => [nomination.id, nomination]));
  const tree = createUnitTree(FIXTURE_UNITS);
  const metrics = seedMetrics();
  const people = Object.values(PEOPLE);
  const week = weekOf(today);
  const month = monthOf(today);

  const personOf = (caller: AppCaller) => people.find((person) => person.id === caller.userId);
  const localeOf = (caller: AppCaller): Locale => (caller.languageCode?.startsWith('en') ? 'en' : 'vi');
  const ref = (id: number): UnitRef => {
    const found = tree.byId(id)!;
    return { id: found.id, code: found.code, name: found.name };
  };
  const metricRef = (code: string, locale: Locale): MetricRef => {
    const metric = metrics.find((candidate) => candidate.code === code)!;
    return { code, name: metric.name[locale], countUnit: metric.countUnit[locale] };
  };
  const visible = (caller: AppCaller): Set<number> =>
    new Set((personOf(caller)?.scopes ?? []).flatMap((scope) => tree.subtreeIds(scope.unitId)));
  const periodRef = (range: DayRange, kind: 'week' | 'month', locale: Locale): PeriodRef => ({
    ...range,
    label:
      kind === 'week'
        ? `${locale === 'vi' ? 'Tuần' : 'Week'} ${shortDay(range.from)}–${longDay(range.to)}`
        : `${locale === 'vi' ? 'Tháng' : 'Month'} ${range.from.slice(5, 7)}/${range.from.slice(0, 4)}`,
  });

  /** Each metric's figures over some units' own entries, in catalog order, leaving out metrics with nothing. */
  function figuresOver(unitIds: readonly number[], targetOf: number | null): MetricFigures[] {
    return metrics.flatMap((metric) => {
      const sum = { week: 0, previousWeek: 0, month: 0, previousMonth: 0 };
      for (const id of unitIds) {
        const own = FIXTURE_OWN.get(id)?.[metric.code];
        if (!own) continue;
        sum.week += own.week;
        sum.previousWeek += own.previousWeek;
        sum.month += own.month;
        sum.previousMonth += own.previousMonth;
      }
      const target = targetOf === null ? undefined : MONTH_TARGETS.get(targetOf)?.[metric.code];
      if (sum.month === 0 && sum.previousMonth === 0 && target === undefined) return [];
      return [
        {
          metric: metric.code,
          ...sum,
          monthTarget: target ?? null,
          monthPercent: target ? Math.floor((sum.month / target) * 100) : null,
        },
      ];
    });
  }

  /** A unit's own weekly totals, oldest first, ending with this week's: a made-up but steady history. */
  function ownSeries(unitId: number, metric: string, weeks: number): number[] {
    const own = FIXTURE_OWN.get(unitId)?.[metric];
    if (!own) return new Array(weeks).fill(0);
    return Array.from({ length: weeks }, (_, index) => {
      if (index === weeks - 1) return own.week;
      if (index === weeks - 2) return own.previousWeek + Math.round(own.previousWeek / 2);
      const wave = ((index * 7 + unitId) % 10) / 10;
      return Math.round(own.previousWeek * (0.55 + 0.6 * wave));
    });
  }

  const record = (method: keyof AppApi, caller: AppCaller, input: unknown) =>
    calls.push({ method, userId: caller.userId, input });

  const api: AppApi = {
    async me(caller) {
      record('me', caller, null);
      const person = personOf(caller);
      const locale = localeOf(caller);
      const scopes: Scope[] = (person?.scopes ?? []).map((scope) => ({ unit: ref(scope.unitId), role: scope.role }));
      const start = caller.startParam ? tree.byCode(caller.startParam) : undefined;
      const me: Me = {
        userId: caller.userId,
        name: person?.name ?? caller.firstName,
        locale,
        admin: person === PEOPLE.admin,
        scopes,
        home: start && visible(caller).has(start.id) ? start.id : (scopes[0]?.unit.id ?? null),
        metrics: metrics.map((metric) => metricRef(metric.code, locale)),
        waitingNominations: [...waiting.values()].filter((nomination) => nomination.deciders.has(caller.userId)).length,
      };
      return ok(me);
    },

    async overview(caller, unitId) {
      record('overview', caller, unitId);
      const person = personOf(caller);
      const id = unitId ?? person?.scopes[0]?.unitId;
      if (id === undefined) return forbidden();
      if (!tree.byId(id)) return notFound();
      const seen = visible(caller);
      if (!seen.has(id)) return forbidden();
      const locale = localeOf(caller);
      const children = tree.children(id);
      const childRows: ChildRow[] = children.map((child) => ({
        unit: ref(child.id),
        subUnits: tree.children(child.id).length,
        figures: figuresOver(tree.subtreeIds(child.id), child.id),
      }));
      const total = figuresOver(tree.subtreeIds(id), id);
      const used = new Set([...total, ...childRows.flatMap((row) => row.figures)].map((row) => row.metric));
      const overview: Overview = {
        unit: ref(id),
        path: tree
          .ancestorIds(id)
          .slice(1)
          .reverse()
          .filter((above) => seen.has(above))
          .map(ref),
        week: periodRef(week, 'week', locale),
        month: periodRef(month, 'month', locale),
        metrics: metrics.filter((metric) => used.has(metric.code)).map((metric) => metricRef(metric.code, locale)),
        total,
        own: children.length > 0 ? figuresOver([id], null) : null,
        children: childRows,
        silentUnits: tree
          .subtreeIds(id)
          .filter((below) => tree.byId(below)!.groups > 0)
          .filter((below) => figuresOver(tree.subtreeIds(below), null).every((row) => row.week === 0))
          .map(ref),
      };
      return ok(overview);
    },

    async metric(caller, query) {
      record('metric', caller, query);
      if (!tree.byId(query.unitId) || !metrics.some((metric) => metric.code === query.metric)) return notFound();
      if (!visible(caller).has(query.unitId)) return forbidden();
      const locale = localeOf(caller);
      const series = (ids: readonly number[]) =>
        ids
          .map((id) => ownSeries(id, query.metric, query.weeks))
          .reduce((sum, one) => sum.map((value, index) => value + one[index]!), new Array(query.weeks).fill(0));
      const trend = series(tree.subtreeIds(query.unitId)).map((total, index) => {
        const from = addDays(week.from, -7 * (query.weeks - 1 - index));
        return { week: isoWeekLabel(from), from, total };
      });
      const amount = (ids: readonly number[]) =>
        ids.reduce((sum, id) => sum + (FIXTURE_OWN.get(id)?.[query.metric]?.[query.period] ?? 0), 0);
      const rows = tree
        .children(query.unitId)
        .map((child) => ({
          unit: ref(child.id),
          total: amount(tree.subtreeIds(child.id)),
          subUnits: tree.children(child.id).length,
        }))
        .sort((a, b) => b.total - a.total);
      return ok({
        unit: ref(query.unitId),
        metric: metricRef(query.metric, locale),
        trend,
        ranking: {
          period: periodRef(query.period === 'week' ? week : month, query.period, locale),
          rows: rows.map((row) => ({ ...row, rank: rows.findIndex((other) => other.total === row.total) + 1 })),
          own: amount([query.unitId]),
        },
      });
    },

    async nominations(caller) {
      record('nominations', caller, null);
      const locale = localeOf(caller);
      const levels: LevelRef[] = LEVELS.map((level) => ({
        code: level.code,
        name: level[locale],
        proposal: level.proposal,
      }));
      const mine = [...waiting.values()].filter((nomination) => nomination.deciders.has(caller.userId));
      return ok({
        levels,
        minReasonLength: 10,
        nominations: mine.map(({ deciders, unitId, ...rest }) => ({
          ...rest,
          unit: ref(unitId),
          actions: deciders.get(caller.userId)!,
        })),
      });
    },

    async decide(caller, input) {
      record('decide', caller, input);
      return act(caller, input.nominationId, (action) => action.kind === 'decide' && action.level === input.level, {
        status: 'approved',
        level: input.level,
      });
    },

    async recommend(caller, input) {
      record('recommend', caller, input);
      return act(caller, input.nominationId, (action) => action.kind === 'recommend' && action.level === input.level, {
        status: 'pending',
        level: input.level,
      });
    },

    async reject(caller, input) {
      record('reject', caller, input);
      if ([...input.reason].length < 10) return err({ status: 400, kind: 'nomination.reasonTooShort' });
      return act(caller, input.nominationId, (action) => action.kind === 'reject', { status: 'rejected', level: null });
    },

    async report(caller, query) {
      record('report', caller, query);
      if (!tree.byId(query.unitId)) return notFound();
      if (!visible(caller).has(query.unitId)) return forbidden();
      const locale = localeOf(caller);
      const range = periodOfWord(query.period, today);
      if (!range) return err({ status: 400, kind: 'report.badPeriod', message: `? ${query.period}` });
      const totals = figuresOver(tree.subtreeIds(query.unitId), query.unitId).map((row) => ({
        metric: metricRef(row.metric, locale),
        total: row.month,
        target: row.monthTarget,
        percent: row.monthPercent,
      }));
      const phrases = totals.map((row) =>
        metrics
          .find((metric) => metric.code === row.metric.code)!
          .reportPhrase[locale].replace(
            '{amount}',
            new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-US').format(row.total),
          ),
      );
      const label = `${longDay(range.from)}–${longDay(range.to)}`;
      const paragraph =
        locale === 'vi'
          ? `Từ ngày ${longDay(range.from)} đến ngày ${longDay(range.to)}, đơn vị đã ${phrases.join('; ')}.`
          : `From ${longDay(range.from)} to ${longDay(range.to)}, the unit ${phrases.join('; ')}.`;
      return ok({ unit: ref(query.unitId), period: { ...range, label }, paragraph, totals });
    },

    async requestExport(caller, input) {
      record('requestExport', caller, input);
      if (!tree.byId(input.unitId)) return notFound();
      if (!visible(caller).has(input.unitId)) return forbidden();
      const range = periodOfWord(input.period, today);
      if (!range) return err({ status: 400, kind: 'report.badPeriod' });
      return ok({
        period: { ...range, label: `${longDay(range.from)}–${longDay(range.to)}` },
        formats: ['xlsx', 'csv'],
      });
    },
  };

  async function act(
    caller: AppCaller,
    nominationId: number,
    allowed: (action: WaitingNomination['actions'][number]) => boolean,
    outcome: { status: 'pending' | 'approved' | 'rejected'; level: string | null },
  ) {
    const nomination = waiting.get(nominationId);
    if (!nomination) return notFound();
    const actions = nomination.deciders.get(caller.userId);
    if (!actions) return forbidden();
    if (!actions.some(allowed)) return err({ status: 400, kind: 'nomination.notAllowed' } as const);
    waiting.delete(nominationId);
    return ok({ id: nominationId, ...outcome });
  }

  return { api, calls };
}

/** The few /baocao period words the fixture understands (the real API hands them to parse-report.ts); its report
 * shows the month's figures whatever the period. */
function periodOfWord(word: string, today: IsoDay): DayRange | undefined {
  const months = /^(\d{2})\/(\d{4})-(\d{2})\/(\d{4})$/.exec(word);
  if (months) {
    return {
      from: `${months[2]}-${months[1]}-01`,
      to: monthOf(`${months[4]}-${months[3]}-01`).to,
    };
  }
  const ranges: Record<string, () => DayRange> = {
    tuan: () => weekOf(today),
    'tuan-truoc': () => weekOf(addDays(today, -7)),
    thang: () => monthOf(today),
    'thang-truoc': () => monthOf(addDays(monthOf(today).from, -1)),
    quy: () => {
      const first = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1;
      return {
        from: `${today.slice(0, 4)}-${pad(first)}-01`,
        to: monthOf(`${today.slice(0, 4)}-${pad(first + 2)}-01`).to,
      };
    },
    nam: () => ({ from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` }),
  };
  return ranges[word]?.();
}
