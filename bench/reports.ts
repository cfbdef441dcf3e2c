/**
 * npm run bench:reports [-- --entries 5000000 --keep FILE]
 *
 * --keep FILE keeps the generated store in FILE; a later run given the same FILE finds its entries there and skips
 * the generation (it says so, with the number of entries it found).
 * --only leaderboard times the weekly unit leaderboard alone, 3,000 runs (its p99 on a quiet moment of the machine).
 * --only app times the web app's API alone: the province's overview and a 52-week metric page, as an admin sees them.
 * --only export times the month's export alone (3 runs), beside its floors.
 *
 * Generates a campaign's worth of tallies in a SQLite file (50 units in three levels, 2,000 members, two years of
 * entries, written with raw better-sqlite3 prepared inserts in big transactions, the running totals alongside),
 * then times what the reports read, each beside a floor measured in the same run: a hand-written SQL query over a
 * covering index, run directly through better-sqlite3. Prints p50 and p99 and the ratio of the p50s.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { fixedClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { createDirectory } from '../src/directory/directory';
import { loadMetricCatalog } from '../src/directory/metric-store';
import { loadUnits } from '../src/directory/unit-store';
import { createAppApi } from '../src/features/app';
import type { AppCaller } from '../src/features/app/api-types';
import { EXPORT_FLUSH_ROWS, writeExport } from '../src/features/reports/export';
import { composeReport } from '../src/features/reports/report-service';
import { unitTotals } from '../src/features/tally/tally-store';
import { csvFileSink, xlsxFileSink } from '../src/files/report-files';
import type { ExportCell } from '../src/files/sheet-sink';
import { threadedFiles } from '../src/files/threaded-files';
import { foldText } from '../src/kernel/fold';
import { addDays, weekOf } from '../src/kernel/period';
import { byUnitAndMetric, sumOverUnits } from '../src/kernel/totals';
import { createUnitTree } from '../src/kernel/units';
import { type Connection, connect } from '../src/storage/connect';
import { migrateToLatest } from '../src/storage/migrate';
import { type ExportFiles, inThreadExportFiles } from '../src/workers/export-worker';

const { values } = parseArgs({
  options: { entries: { type: 'string', default: '5000000' }, keep: { type: 'string' }, only: { type: 'string' } },
});
const ENTRIES = Number(values.entries);
const ROOT = resolve(import.meta.dirname, '..');
const MEMBERS = 2000;
const FIRST_DAY = '2025-01-01';
const DAYS = 730;

const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-reports-'));
const file = values.keep ?? join(dir, 'reports.sqlite');
/** A kept store from an earlier run: its entries are timed again, not generated again. */
const reuse = values.keep !== undefined && existsSync(values.keep);

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function time(runs: number, work: () => unknown): Promise<number[]> {
  await work(); // warm: statements prepared, pages cached
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

const ms = (value: number) => (value < 10 ? value.toFixed(3) : value.toFixed(1)).padStart(9);
function row(name: string, ours: number[], floor: number[]): void {
  const [p50, p99, f50, f99] = [
    percentile(ours, 50),
    percentile(ours, 99),
    percentile(floor, 50),
    percentile(floor, 99),
  ];
  console.log(
    `${name.padEnd(34)} p50 ${ms(p50)} ms  p99 ${ms(p99)} ms | floor p50 ${ms(f50)} ms  p99 ${ms(f99)} ms | ratio ${(p50 / f50).toFixed(2)}`,
  );
}

async function main(): Promise<void> {
  const connection = connect(file);
  const migrated = await migrateToLatest(connection);
  if (migrated.error) throw migrated.error;
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  if (reuse) {
    const count = (sql: string) => Number((raw.prepare(sql).get() as { n: number }).n);
    console.log(
      `reused ${file}: ${count('select count(*) as n from tally_entries').toLocaleString('en')} entries, ${count('select count(*) as n from unit_day_totals').toLocaleString('en')} day totals; file ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`,
    );
  } else generate(raw);
  await measure(connection, raw);
  raw.close();
  await connection.close();
}

/** 50 units, 2,000 members and ENTRIES entries over two years, with their running totals. */
function generate(raw: SqliteDatabase.Database): void {
  // 50 units: the province, 7 departments or districts, 6 teams under each.
  const now = new Date().toISOString();
  const insertUnit = raw.prepare('insert into units (code, name, parent_id, created_at) values (?, ?, ?, ?)');
  const units: number[] = [];
  raw.transaction(() => {
    const root = Number(insertUnit.run('CAT', 'Công an tỉnh', null, now).lastInsertRowid);
    units.push(root);
    for (let d = 1; d <= 7; d++) {
      const dept = Number(insertUnit.run(`P${d}`, `Phòng ${d}`, root, now).lastInsertRowid);
      units.push(dept);
      for (let t = 1; t <= 6; t++)
        units.push(Number(insertUnit.run(`P${d}-D${t}`, `Đội ${t} phòng ${d}`, dept, now).lastInsertRowid));
    }
    const insertMember = raw.prepare(
      'insert into members (user_id, first_name, last_name, username, unit_id, first_seen_at, last_seen_at) values (?, ?, ?, ?, ?, ?, ?)',
    );
    for (let m = 0; m < MEMBERS; m++)
      insertMember.run(100_000 + m, `Cán bộ ${m}`, null, null, units[m % units.length], now, now);
  })();
  const metrics = (raw.prepare('select code from metrics order by sort_order').all() as { code: string }[]).map(
    (r) => r.code,
  );

  // Entries: a member logs for their unit; the running totals are summed as we go and written after.
  const generated = performance.now();
  const insert = raw.prepare(
    'insert into tally_entries (update_id, chat_id, message_id, unit_id, user_id, metric_code, amount, day, note, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, null, ?)',
  );
  const totals = new Map<string, number>();
  const days = Array.from({ length: DAYS }, (_, i) => addDays(FIRST_DAY, i));
  let seed = 42;
  // A 31-bit LCG's low bits repeat quickly: use its high bits, so members, metrics and amounts are independent.
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed >>> 12;
  };
  const BATCH = 100_000;
  for (let start = 0; start < ENTRIES; start += BATCH) {
    raw.transaction(() => {
      for (let i = start; i < Math.min(ENTRIES, start + BATCH); i++) {
        const member = random() % MEMBERS;
        const unit = units[member % units.length]!;
        const metric = metrics[random() % metrics.length]!;
        const day = days[Math.floor((i / ENTRIES) * DAYS)]!;
        const amount = 1 + (random() % 50);
        insert.run(i + 1, -1000 - unit, i + 1, unit, 100_000 + member, metric, amount, day, now);
        const key = `${unit}|${metric}|${day}`;
        totals.set(key, (totals.get(key) ?? 0) + amount);
      }
    })();
  }
  const insertTotal = raw.prepare('insert into unit_day_totals (unit_id, metric_code, day, total) values (?, ?, ?, ?)');
  raw.transaction(() => {
    for (const [key, total] of totals) {
      const [unit, metric, day] = key.split('|');
      insertTotal.run(Number(unit), metric, day, total);
    }
  })();
  raw.pragma('optimize');
  console.log(
    `generated ${ENTRIES.toLocaleString('en')} entries, ${totals.size.toLocaleString('en')} day totals in ${((performance.now() - generated) / 1000).toFixed(1)} s; file ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`,
  );
}

async function measure(connection: Connection, raw: SqliteDatabase.Database): Promise<void> {
  const { db } = connection;
  const tree = createUnitTree(await loadUnits(db));
  const catalog = await loadMetricCatalog(db);
  const dept = tree.byCode('P3')!;
  const deptIds = tree.subtreeIds(dept.id);
  const week = weekOf('2026-06-17');
  const list = (ids: readonly number[]) => ids.map(() => '?').join(',');
  if (values.only === 'export') return measureExport(connection, raw);

  // 1. The weekly unit leaderboard: a department's teams ranked, each subtree rolled up, one week.
  // The fastest hand-written form found: naming every metric lets the primary key seek (unit, metric, day ranges).
  const floorWeek = raw.prepare(
    `select unit_id, metric_code, sum(total) as total from unit_day_totals
     where unit_id in (${list(deptIds)}) and metric_code in (select code from metrics) and day >= ? and day <= ?
     group by unit_id, metric_code having sum(total) > 0`,
  );
  const leaderboardRuns = values.only === 'leaderboard' ? 3000 : 300;
  row(
    'weekly unit leaderboard',
    await time(leaderboardRuns, async () => {
      const rows = byUnitAndMetric(await unitTotals(db, { unitIds: deptIds, range: week }));
      return tree.children(dept.id).map((child) => sumOverUnits(rows, tree.subtreeIds(child.id)));
    }),
    await time(leaderboardRuns, () => floorWeek.all(...deptIds, week.from, week.to)),
  );

  if (values.only === 'leaderboard') return;
  await measureAppApi(connection, raw, tree);
  if (values.only === 'app') return;

  // 2. The province-wide weekly roll-up: every unit's totals for a week (what the Monday posts load).
  const floorProvince = raw.prepare(
    `select unit_id, metric_code, sum(total) as total from unit_day_totals indexed by unit_day_totals_day
     where day >= ? and day <= ? group by unit_id, metric_code having sum(total) > 0`,
  );
  row(
    'province-wide weekly roll-up',
    await time(100, () => unitTotals(db, { unitIds: 'all', range: week })),
    await time(100, () => floorProvince.all(week.from, week.to)),
  );

  // 3. A one-year report of the province.
  const year = { from: '2025-01-01', to: '2025-12-31' };
  row(
    'one-year report (province)',
    await time(20, () =>
      composeReport(db, {
        tree,
        catalog,
        unitId: tree.byCode('CAT')!.id,
        period: { kind: 'year', range: year },
        timeZone: 'Asia/Ho_Chi_Minh',
      }),
    ),
    await time(20, () => floorProvince.all(year.from, year.to)),
  );

  await measureExport(connection, raw);
}

/**
 * The roster the export names people by, added once to the store (a kept store from before it gets it on its next
 * run): nine members in ten linked to a person with a rank, a position and a service number, the tenth not on the
 * roster (the export writes their display name, marked); and a tenth of the month's entries typed by their unit's
 * first member, as a commander logging for an officer (the "Người nhập" column).
 */
function linkRoster(raw: SqliteDatabase.Database, month: { from: string; to: string }): void {
  if (Number((raw.prepare('select count(*) as n from people').get() as { n: number }).n) > 0) return;
  const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng'];
  const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Quốc'];
  const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hưng', 'Khánh', 'Long', 'Phương', 'Quang', 'Thành', 'Tuấn'];
  const RANKS = ['Thiếu úy', 'Trung úy', 'Thượng úy', 'Đại úy', 'Thiếu tá'];
  const POSITIONS = ['Cán bộ', 'Phó Đội trưởng', 'Đội trưởng'];
  const now = new Date().toISOString();
  const members = raw.prepare('select user_id, unit_id from members order by user_id').all() as {
    user_id: number;
    unit_id: number;
  }[];
  const insert = raw.prepare(
    `insert into people (full_name, name_key, rank, position, unit_id, service_number, role, user_id, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  raw.transaction(() => {
    for (const [i, member] of members.entries()) {
      if (i % 10 === 9) continue;
      const name = `${FAMILY[i % 7]} ${MIDDLE[i % 5]} ${GIVEN[i % 11]}`;
      const [rank, position] = [RANKS[i % 5], POSITIONS[i % 3]];
      insert.run(
        name,
        foldText(name),
        rank,
        position,
        member.unit_id,
        `${283_000 + i}`,
        'officer',
        member.user_id,
        now,
        now,
      );
    }
    raw
      .prepare(
        `update tally_entries set entered_by = (select min(m.user_id) from members m where m.unit_id = tally_entries.unit_id)
         where day >= ? and day <= ? and id % 10 = 0`,
      )
      .run(month.from, month.to);
  })();
  console.log(`roster added for the export: ${members.length - Math.floor(members.length / 10)} people linked`);
}

/**
 * 4. A month's export of the province: every entry, XLSX and CSV written to files, against reading the same rows
 * with SQL (entries and their members' names, as objects, the floor kept since the first figures) and against the
 * same cells, read by hand-written SQL (with the roster), written by the same writers and drained as often. The
 * export runs as the bot runs it, its writers in their thread; then, apart, with the writers in this thread.
 */
async function measureExport(connection: Connection, raw: SqliteDatabase.Database): Promise<void> {
  const { db } = connection;
  const month = { from: '2026-03-01', to: '2026-03-31' };
  linkRoster(raw, month);
  const tree = createUnitTree(await loadUnits(db));
  const catalog = await loadMetricCatalog(db);
  const allIds = tree.all.map((unit) => unit.id);
  const runs = values.only === 'export' ? 3 : 2;
  const floorExport = raw.prepare(
    `select e.id, e.day, e.unit_id, m.first_name, m.last_name, e.metric_code, e.amount, e.note from tally_entries e
     join members m on m.user_id = e.user_id
     where e.unit_id = ? and e.day >= ? and e.day <= ? and e.undone_at is null order by e.day, e.id`,
  );
  let peakRss = process.memoryUsage().rss;
  const rssBefore = peakRss;
  let exported = 0;
  const sizes = { xlsx: 0, csv: 0 };
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  /** The export as the bot's worker runs it: its files opened per export (writers in their thread), then closed. */
  const exportWith = (openFiles: () => ExportFiles) => async () => {
    const out = mkdtempSync(join(dir, 'x-'));
    const files = openFiles();
    try {
      const workbook = await files.xlsx(join(out, 'a.xlsx'));
      const csv = files.csv(join(out, 'a.csv'));
      const { entries } = await writeExport(
        db,
        { tree, catalog, unitId: tree.byCode('CAT')!.id, range: month, locale: 'vi' },
        { workbook, csv },
      );
      await Promise.all([workbook.finish(), csv.finish()]);
      exported = entries;
    } finally {
      await files.close?.();
    }
    sizes.xlsx = statSync(join(out, 'a.xlsx')).size;
    sizes.csv = statSync(join(out, 'a.csv')).size;
    rmSync(out, { recursive: true, force: true });
  };
  // The writers' thread as the bot starts it: its module bundled (dist/files/export-thread.js is built the same way),
  // not its TypeScript loaded through tsx, which costs about 0.2 s of CPU per thread started.
  const threadModule = join(ROOT, 'node_modules/.cache/thidua-bench/export-thread.mjs');
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(ROOT, 'src/files/export-thread.ts')],
    outfile: threadModule,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  const exportOnce = exportWith(() => threadedFiles({ module: pathToFileURL(threadModule) }));
  await exportOnce(); // warm, outside the CPU count
  const cpuBefore = process.cpuUsage();
  const ours = await time(runs, exportOnce);
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  loopDelay.disable();
  const loopHeld = { max: loopDelay.max, p99: loopDelay.percentile(99) };
  // The same export with both writers in this thread (what the bot ran before the thread), its figures apart.
  const rssBeforeHere = process.memoryUsage().rss;
  let peakHere = rssBeforeHere;
  const samplerHere = setInterval(() => {
    peakHere = Math.max(peakHere, process.memoryUsage().rss);
  }, 20);
  const loopHere = monitorEventLoopDelay({ resolution: 5 });
  loopHere.enable();
  const cpuHereBefore = process.cpuUsage();
  const here = await time(runs, exportWith(inThreadExportFiles));
  const cpuHere = process.cpuUsage(cpuHereBefore);
  clearInterval(samplerHere);
  loopHere.disable();
  const floorRead = await time(runs, () => {
    for (const id of allIds) floorExport.all(id, month.from, month.to);
  });
  // The same cells through the same writers, drained as often, but read and joined by a hand-written query: what
  // the writing alone costs, so the ratio is what our reading, paging and cell building add to it.
  const floorRoster = raw.prepare(
    `select e.id, e.day, e.metric_code, e.amount, e.note, m.first_name, m.last_name, p.full_name, p.rank, p.position,
       p.service_number, em.first_name as entered_first, em.last_name as entered_last, ep.full_name as entered_full,
       ep.rank as entered_rank
     from tally_entries e join members m on m.user_id = e.user_id left join people p on p.user_id = e.user_id
     left join members em on em.user_id = e.entered_by and e.entered_by <> e.user_id
     left join people ep on ep.user_id = em.user_id
     where e.unit_id = ? and e.day >= ? and e.day <= ? and e.undone_at is null order by e.day, e.id`,
  );
  const metricOf = new Map(catalog.all.map((metric) => [metric.code, metric]));
  const displayName = (first: unknown, last: unknown) => (last ? `${first} ${last}` : String(first));
  const official = (full: unknown, rank: unknown, first: unknown, last: unknown) =>
    full === null ? `${displayName(first, last)} (chưa đối chiếu danh sách)` : rank ? `${rank} ${full}` : String(full);
  const floorWrite = await time(runs, async () => {
    const out = mkdtempSync(join(dir, 'y-'));
    const workbook = await xlsxFileSink(join(out, 'a.xlsx'));
    const csv = csvFileSink(join(out, 'a.csv'));
    await workbook.sheet('x', [], async (sheet) => {
      let written = 0;
      for (const id of allIds) {
        const unit = tree.byId(id)!;
        for (const r of floorRoster.all(id, month.from, month.to) as Record<string, string | number | null>[]) {
          const metric = metricOf.get(String(r.metric_code));
          const person: ExportCell[] =
            r.full_name === null
              ? [`${displayName(r.first_name, r.last_name)} (chưa đối chiếu danh sách)`, null, null, null]
              : [r.full_name ?? null, r.rank ?? null, r.position ?? null, r.service_number ?? null];
          const cells: ExportCell[] = [
            { day: String(r.day) },
            unit.code,
            unit.name,
            ...person,
            String(r.metric_code),
            metric?.name.vi ?? '',
            Number(r.amount),
            metric?.countUnit.vi ?? '',
            r.note === null ? null : String(r.note),
            r.entered_first === null
              ? official(r.full_name, r.rank, r.first_name, r.last_name)
              : official(r.entered_full, r.entered_rank, r.entered_first, r.entered_last),
            Number(r.id),
          ];
          sheet.row(cells);
          csv.row(cells);
          if (++written % EXPORT_FLUSH_ROWS === 0) {
            await sheet.flush?.();
            await csv.flush?.();
          }
        }
      }
    });
    await Promise.all([workbook.finish(), csv.finish()]);
    rmSync(out, { recursive: true, force: true });
  });
  row(`month export, ${exported.toLocaleString('en')} rows vs SQL read`, ours, floorRead);
  row('month export vs SQL read + same writers', ours, floorWrite);
  row('  writers in this thread vs SQL read', here, floorRead);
  row('  writers in their thread vs this one', ours, here);
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  const figures = (peak: number, before: number, held: { max: number; p99: number }, used: NodeJS.CpuUsage) =>
    `peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (${(before / 2 ** 20).toFixed(0)} MiB before it); event loop held at most ${(held.max / 1e6).toFixed(0)} ms at once (p99 ${(held.p99 / 1e6).toFixed(0)} ms); ` +
    `CPU ${((used.user + used.system) / 1e6 / runs).toFixed(2)} s per export (every thread)`;
  console.log(`export (writers in their thread): ${figures(peakRss, rssBefore, loopHeld, cpu)}`);
  console.log(
    `export (writers in this thread): ${figures(peakHere, rssBeforeHere, { max: loopHere.max, p99: loopHere.percentile(99) }, cpuHere)}`,
  );
  console.log(`files: XLSX ${mib(sizes.xlsx)} MiB, CSV ${mib(sizes.csv)} MiB`);
}

/**
 * The web app's API as an admin opens it: the province's overview (this week and month against the same days before,
 * every unit rolled up, targets, silent units) and a metric's 52-week trend with its sub-units ranked, through the
 * real use cases, transaction and directory, against the hand-written grouped reads of the same figures.
 */
async function measureAppApi(
  connection: Connection,
  raw: SqliteDatabase.Database,
  tree: ReturnType<typeof createUnitTree>,
): Promise<void> {
  const loaded = loadConfig({ ADMIN_IDS: '1', BOT_TOKEN: '123456789:BENCH_token_for_local_runs_only' });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const config = loaded.config;
  // Wednesday 17 June 2026, 10:00 in Vietnam: a week and a month under way, both inside the generated years.
  const clock = fixedClock(new Date('2026-06-17T03:00:00Z'));
  const api = createAppApi({
    db: connection.db,
    dialect: connection.dialect,
    directory: createDirectory(connection.db, config),
    config,
    clock,
    onCommitted: () => {},
  });
  const admin: AppCaller = {
    userId: 1,
    firstName: 'Admin',
    lastName: null,
    username: null,
    languageCode: 'vi',
    startParam: null,
  };
  const province = tree.byCode('CAT')!;
  const expectOk = async <T>(answer: Promise<{ ok: boolean } & T>) => {
    const result = await answer;
    if (!result.ok) throw new Error(`the API refused: ${JSON.stringify(result)}`);
    return result;
  };

  const floorRange = raw.prepare(
    `select unit_id, metric_code, sum(total) as total from unit_day_totals indexed by unit_day_totals_day
     where day >= ? and day <= ? group by unit_id, metric_code having sum(total) > 0`,
  );
  const ranges = [
    ['2026-06-15', '2026-06-17'],
    ['2026-06-08', '2026-06-10'],
    ['2026-06-01', '2026-06-17'],
    ['2026-05-01', '2026-05-17'],
  ] as const;
  row(
    'app API: province overview',
    await time(100, () => expectOk(api.overview(admin, null))),
    await time(100, () => {
      for (const [from, to] of ranges) floorRange.all(from, to);
    }),
  );

  const ids = tree.subtreeIds(province.id);
  const list = ids.map(() => '?').join(',');
  const floorTrend = raw.prepare(
    `select cast((julianday(day) - julianday(?)) / 7 as integer) as week, sum(total) as total from unit_day_totals
     where unit_id in (${list}) and metric_code = ? and day >= ? and day <= ? group by week`,
  );
  const floorRanking = raw.prepare(
    `select unit_id, sum(total) as total from unit_day_totals
     where unit_id in (${list}) and metric_code = ? and day >= ? and day <= ? group by unit_id`,
  );
  const trendFrom = addDays('2026-06-15', -51 * 7);
  row(
    'app API: metric page, 52 weeks',
    await time(50, () =>
      expectOk(api.metric(admin, { unitId: province.id, metric: 'cccd', weeks: 52, period: 'month' })),
    ),
    await time(50, () => {
      floorTrend.all(trendFrom, ...ids, 'cccd', trendFrom, '2026-06-17');
      floorRanking.all(...ids, 'cccd', '2026-06-01', '2026-06-17');
    }),
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  });
