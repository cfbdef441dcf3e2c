import { createHook } from 'node:async_hooks';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import type { Message } from '../../src/telegram/update-schema';
import {
  createExportWorker,
  EXPORT_LEASE_MS,
  type ExportFiles,
  exportFiles,
  inThreadExportFiles,
} from '../../src/workers/export-worker';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { asMessage, chats, users } from '../helpers/updates';

let bot: TestBot;
const SEPTEMBER_2021 = new Date('2021-09-06T02:00:00Z');

beforeEach(async () => {
  bot = await startTestBot({ now: SEPTEMBER_2021 });
  await bot.setUpUnits();
  await bot.appointCommander(users.alice, chats.pc06);
  await bot.appointCommander(users.binh, chats.pc08);
  await bot.send(users.alice, chats.pc06, '/log cccd 1.000 vlnc 400 antt 8 15/05/2021');
  await bot.send(users.alice, chats.pc06, '/log cccd 400 vlnc 47 20/08/2021');
  await bot.send(users.binh, chats.pc08, '/log dkoto 510 dktam 2.222 bienvang 461 01/06/2021');
  await bot.send(users.binh, chats.pc08, '/log dktam 3.000 02/06/2021');
});
afterEach(() => bot.close());

/** The files the bot sent as documents in one answer: name and bytes (the fake keeps the uploaded Buffer). */
const documentsOf = (calls: { method: string; payload: Record<string, unknown> }[]) =>
  calls
    .filter((call) => call.method === 'sendDocument')
    .map((call) => call.payload.document as { filename: string; source: Uint8Array });

describe('/export', () => {
  it('sends an XLSX whose totals match the report, and a CSV with a BOM', async () => {
    const answer = await bot.send(users.admin, chats.province, '/xuat 05/2021-08/2021');
    const [xlsx, csv] = documentsOf(answer.calls);
    expect(xlsx?.filename).toBe('thidua-CAT-2021-05-01-2021-08-31.xlsx');
    expect(csv?.filename).toBe('thidua-CAT-2021-05-01-2021-08-31.csv');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx!.source) as never);
    const [entries, totals, commendations] = workbook.worksheets;
    expect(entries?.getRow(1).values).toEqual([
      undefined,
      'Ngày',
      'Mã đơn vị',
      'Đơn vị',
      'Họ tên',
      'Cấp bậc',
      'Chức vụ',
      'Số hiệu',
      'Mã chỉ tiêu',
      'Chỉ tiêu',
      'Số lượng',
      'Đơn vị tính',
      'Ghi chú',
      'Người nhập',
      'Mã lượt ghi',
    ]);
    expect(entries?.rowCount).toBe(1 + 9);
    const first = entries!.getRow(2);
    expect(first.getCell(1).value).toEqual(new Date(Date.UTC(2021, 4, 15)));
    expect(typeof first.getCell(10).value).toBe('number');

    // The last row of the totals sheet is the subtree's total: the report's numbers.
    const header = totals!.getRow(1).values as unknown[];
    const total = totals!.getRow(totals!.rowCount).values as unknown[];
    const column = (name: string) => total[header.indexOf(name)];
    expect(total[1]).toBe('Tổng cộng');
    expect(column('Cấp mới căn cước công dân')).toBe(1400);
    expect(column('Đăng ký tạm thời')).toBe(5222);
    const report = await bot.send(users.admin, chats.province, '/baocao 05/2021-08/2021');
    const reported = report.sent.map((message) => message.text).join('\n');
    expect(reported).toContain('1.400 căn cước công dân');
    expect(reported).toContain('đăng ký tạm thời 5.222 trường hợp');

    expect(commendations?.getRow(1).values).toEqual([
      undefined,
      'Họ tên',
      'Cấp bậc',
      'Chức vụ',
      'Số hiệu',
      'Đơn vị',
      'Hình thức',
      'Thành tích',
      'Người đề nghị',
      'Ngày',
      'Số quyết định',
      'Ngày quyết định',
      'Người ký',
    ]);

    const text = Buffer.from(csv!.source).toString('utf8');
    expect(text.startsWith('\uFEFFNgày,Mã đơn vị')).toBe(true);
    expect(text).toContain('15/05/2021,PC06,Phòng Cảnh sát QLHC về TTXH');
  });

  it('fills the decision columns from the recorded commendation decision', async () => {
    const now = SEPTEMBER_2021.toISOString();
    const unit = await bot.db.selectFrom('units').select('id').where('code', '=', 'PC06').executeTakeFirstOrThrow();
    const { id } = await bot.db
      .insertInto('nominations')
      .values({
        chat_id: chats.pc06.id,
        thread_id: null,
        source_message_id: null,
        nominee_id: users.alice.id,
        unit_id: unit.id,
        nominator_id: users.binh.id,
        reason: 'Hiến máu cứu người bị nạn',
        status: 'approved',
        level: 'giaykhen',
        card_message_id: null,
        day: '2021-07-26',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await bot.db
      .insertInto('commendation_decisions')
      .values({
        nomination_id: id,
        decision_number: '123/QĐ-CAT',
        decision_date: '2021-08-05',
        signer: 'Đại tá Đỗ Ngọc Bình',
        recorded_by: users.admin.id,
        recorded_at: now,
      })
      .execute();
    const answer = await bot.send(users.admin, chats.province, '/xuat 05/2021-08/2021');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(documentsOf(answer.calls)[0]!.source) as never);
    expect(workbook.worksheets[2]?.getRow(2).values).toEqual([
      undefined,
      // Not on the roster: the display name, marked.
      'Nguyễn Văn An (chưa đối chiếu danh sách)',
      undefined,
      undefined,
      undefined,
      'Phòng Cảnh sát QLHC về TTXH',
      'Giấy khen của Giám đốc Công an tỉnh',
      'Hiến máu cứu người bị nạn',
      'Trần Thị Bình',
      new Date(Date.UTC(2021, 6, 26)),
      '123/QĐ-CAT',
      new Date(Date.UTC(2021, 7, 5)),
      'Đại tá Đỗ Ngọc Bình',
    ]);
  });

  it('lets a commander export only their subtree', async () => {
    const own = await bot.send(users.alice, chats.pc06, '/xuat 05/2021-08/2021');
    expect(documentsOf(own.calls)).toHaveLength(2);
    const other = await bot.send(users.alice, chats.pc06, '/xuat PC08 05/2021-08/2021');
    expect(documentsOf(other.calls)).toHaveLength(0);
    expect(other.text).toContain('Chỉ chỉ huy');
    const officer = await bot.send(users.chi, chats.pc06, '/xuat thang');
    expect(officer.text).toContain('Chỉ chỉ huy');
    const badPeriod = await bot.send(users.alice, chats.pc06, '/xuat 13/2021');
    expect(badPeriod.text).not.toBe('');
    expect(documentsOf(badPeriod.calls)).toHaveLength(0);
    // Refused requests store nothing: the one export request is the allowed one.
    expect(await bot.db.selectFrom('export_requests').select('unit_id').execute()).toHaveLength(1);
  });
});

/** A point the export stops at until opened; `reached` resolves once the export is waiting there. */
function gate() {
  let open = () => {};
  let arrive = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const reached = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  return { open, opened, reached, arrive };
}

/**
 * The bot's writers (in their thread), but the CSV's first drain waits at the gate: the export is then half-way,
 * its lease held.
 */
const gatedFiles = (at: ReturnType<typeof gate>) => (): ExportFiles => {
  const real = exportFiles();
  return {
    xlsx: real.xlsx,
    csv(filename) {
      const csv = real.csv(filename);
      return {
        ...csv,
        async flush() {
          at.arrive();
          await at.opened;
          await csv.flush?.();
        },
      };
    },
    close: real.close,
  };
};

/** Worker threads alive now, as async_hooks sees them created and destroyed (the export's writers' thread). */
function watchThreads() {
  const alive = new Set<number>();
  let started = 0;
  const hook = createHook({
    init(asyncId, type) {
      if (type !== 'WORKER') return;
      alive.add(asyncId);
      started += 1;
    },
    destroy(asyncId) {
      alive.delete(asyncId);
    },
  }).enable();
  return {
    /** How many threads started while watched are alive, once the destroy hooks have run. */
    async alive() {
      await new Promise((resolve) => setImmediate(resolve));
      return alive.size;
    },
    started: () => started,
    stop: () => hook.disable(),
  };
}

/** A second export worker on the bot's store, as another process (or this one before a crash) would run it. */
function workerWith(files: () => ExportFiles, owner: string, maxBytes?: number) {
  return createExportWorker({
    db: bot.db,
    clock: bot.clock,
    logger: createLogger('silent'),
    directory: bot.app.services.directory,
    owner,
    onQueued: () => {},
    files,
    ...(maxBytes !== undefined && { maxBytes }),
  });
}

/** What the app's drain sends now (the export worker, then the sender), as Bot API calls and messages. */
async function drained() {
  const calls: { method: string; payload: Record<string, unknown> }[] = [];
  const sent: Message[] = [];
  const unsubscribe = bot.api.onCall((call, outcome) => {
    calls.push({ method: call.method, payload: call.payload });
    if (call.method === 'sendMessage' && outcome.ok) sent.push(asMessage(outcome.result));
  });
  try {
    await bot.app.drain();
  } finally {
    unsubscribe();
  }
  return { calls, sent };
}

const documentsSent = (answer: { calls: { method: string; payload: Record<string, unknown> }[] }) =>
  documentsOf(answer.calls).map((file) => file.filename);

/** Sends /export from alice in PC06's group; resolves once its update is committed, before any sending. */
async function requestExport(): Promise<void> {
  const update = bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/xuat 05/2021-08/2021' });
  bot.api.pushUpdate(update);
  await bot.app.handleUpdate(update);
}

const requests = () => bot.db.selectFrom('export_requests').selectAll().orderBy('id').execute();
const documentRows = () =>
  bot.db.selectFrom('outbox').select(['period', 'status', 'payload']).where('kind', '=', 'document').execute();

/*
 * /export under load: the command answers at once and the files are written afterwards, outside any update's
 * transaction, by the export worker (src/workers/export-worker.ts). A gate in the export's CSV writer holds an
 * export half-way, so what happens meanwhile is shown by order, not by timing.
 */
describe('/export answers at once and writes the files outside the update', () => {
  it('acknowledges while the export waits; another group’s /log commits and is answered meanwhile; the files go once', async () => {
    const held = gate();
    const worker = workerWith(gatedFiles(held), 'held-worker');
    await requestExport();
    expect((await requests()).map((row) => row.status)).toEqual(['pending']);

    const exporting = worker.drain();
    await held.reached;
    expect((await requests()).map((row) => [row.status, row.lease_owner])).toEqual([['running', 'held-worker']]);

    // PC08's /log, while PC06's export is stuck half-way: committed and confirmed, and the export's
    // acknowledgement goes out in the same delivery pass. No document yet.
    const log = await bot.send(users.binh, chats.pc08, '/log bienvang 3 03/06/2021');
    expect(log.sent.map((message) => message.chat.id)).toContain(chats.pc08.id);
    expect(log.sent.find((message) => message.chat.id === chats.pc06.id)?.text).toContain(
      'Đang lập tệp báo cáo Phòng Cảnh sát QLHC về TTXH',
    );
    expect(documentsSent(log)).toEqual([]);
    expect((await bot.standingEntries()).filter((entry) => entry.day === '2021-06-03')).toHaveLength(1);
    expect(await documentRows()).toEqual([]);

    held.open();
    expect(await exporting).toBe(1);
    const delivered = await drained();
    expect(documentsSent(delivered)).toEqual([
      'thidua-PC06-2021-05-01-2021-08-31.xlsx',
      'thidua-PC06-2021-05-01-2021-08-31.csv',
    ]);
    expect((await requests()).map((row) => row.status)).toEqual(['done']);
    // Once sent, the outbox keeps the rows but not the files' bytes.
    for (const row of await documentRows()) {
      expect(row.status).toBe('sent');
      expect(JSON.parse(row.payload ?? '{}').document.base64).toBe('');
    }
    expect(documentsSent(await drained())).toEqual([]);
  });

  it('a worker cut off mid-export (a crash) is taken over once its lease lapses, and the files go once', async () => {
    const held = gate();
    const crashed = workerWith(gatedFiles(held), 'crashed-worker');
    await requestExport();
    const exporting = crashed.drain();
    await held.reached;

    // The crashed process never renews its lease; once it lapses, the app (the restarted process) takes over.
    bot.clock.advance(EXPORT_LEASE_MS + 1000);
    const restarted = await drained();
    expect(documentsSent(restarted).filter((name) => name.endsWith('.xlsx'))).toHaveLength(1);
    expect(documentsSent(restarted)).toHaveLength(2);
    expect((await requests()).map((row) => [row.status, row.attempts])).toEqual([['done', 2]]);

    // The stalled worker wakes up after all: its lease is gone, it queues nothing.
    held.open();
    expect(await exporting).toBe(1);
    expect(await documentRows()).toHaveLength(2);
    expect(documentsSent(await drained())).toEqual([]);
  });

  it('a worker stopped mid-export hands the request back, and the next one sends the files once', async () => {
    const threads = watchThreads();
    const held = gate();
    const stopping = workerWith(gatedFiles(held), 'stopping-worker');
    await requestExport();
    const exporting = stopping.drain();
    await held.reached;
    const stopped = stopping.stop();
    held.open();
    await Promise.all([exporting, stopped]);
    expect((await requests()).map((row) => [row.status, row.lease_owner])).toEqual([['pending', null]]);
    expect(await documentRows()).toEqual([]);
    // The writers' thread of the export cut off ended with it.
    expect(threads.started()).toBe(1);
    expect(await threads.alive()).toBe(0);
    threads.stop();

    const next = await drained();
    expect(documentsSent(next)).toHaveLength(2);
    expect((await requests()).map((row) => row.status)).toEqual(['done']);
  });

  it('a failed export tells the requester in the chat’s language and sends no file', async () => {
    await bot.send(users.admin, chats.pc06, '/lang en');
    const failing = workerWith(() => {
      const real = exportFiles();
      return {
        xlsx: real.xlsx,
        csv: () => {
          throw new Error('disk full');
        },
        close: real.close,
      };
    }, 'failing-worker');
    await requestExport();
    expect(await failing.drain()).toBe(1);
    const answer = await drained();
    expect(documentsSent(answer)).toEqual([]);
    const texts = answer.sent.map((message) => message.text);
    expect(texts.some((text) => text?.startsWith('⏳ Preparing the export files of'))).toBe(true);
    expect(texts).toContain(
      'The export files could not be made (a system error); please send /export again in a few minutes.',
    );
    const [request] = await requests();
    expect(request?.status).toBe('failed');
    expect(request?.last_error).toContain('disk full');
  });

  it.each([
    ['in their thread', exportFiles],
    ['in this thread', inThreadExportFiles],
  ])('a write refused %s (the directory gone) fails the export, and no thread is left', async (_, files) => {
    const threads = watchThreads();
    const gone = join(tmpdir(), `thidua-export-gone-${process.pid}`, 'x');
    const elsewhere = (): ExportFiles => {
      const real = files();
      return {
        xlsx: (filename) => real.xlsx(join(gone, basename(filename))),
        csv: (filename) => real.csv(join(gone, basename(filename))),
        ...(real.close && { close: real.close }),
      };
    };
    await requestExport();
    expect(await workerWith(elsewhere, 'refused').drain()).toBe(1);
    const answer = await drained();
    expect(documentsSent(answer)).toEqual([]);
    expect(answer.sent.map((message) => message.text).join('\n')).toContain(
      'Chưa lập được tệp báo cáo do lỗi của hệ thống',
    );
    const [request] = await requests();
    expect(request?.status).toBe('failed');
    expect(request?.last_error).toMatch(/ENOENT: no such file or directory, open '.*thidua-PC06-2021-05-01-2021-08-31/);
    expect(threads.started()).toBe(files === exportFiles ? 1 : 0);
    expect(await threads.alive()).toBe(0);
    threads.stop();
  });

  it('sends the workbook alone when the CSV would pass the limit, and nothing when the workbook does', async () => {
    const { statSync } = await import('node:fs');
    // Measure both files of this export, then run it again with a limit between the workbook and the two together.
    const sizes = { xlsx: 0, csv: 0 };
    const measuring = (): ExportFiles => {
      const real = exportFiles();
      return {
        async xlsx(filename) {
          const workbook = await real.xlsx(filename);
          const finish = async () => {
            await workbook.finish();
            sizes.xlsx = statSync(filename).size;
          };
          return { ...workbook, finish };
        },
        csv(filename) {
          const csv = real.csv(filename);
          const finish = async () => {
            await csv.finish();
            sizes.csv = statSync(filename).size;
          };
          return { ...csv, finish };
        },
        close: real.close,
      };
    };
    await requestExport();
    expect(await workerWith(measuring, 'measuring').drain()).toBe(1);
    expect(documentsSent(await drained()).map((name) => name.slice(-4))).toEqual(['xlsx', '.csv']);
    expect(sizes.xlsx).toBeGreaterThan(0);

    const limited = (maxBytes: number, owner: string) => workerWith(exportFiles, owner, maxBytes);
    await requestExport();
    expect(await limited(sizes.xlsx + sizes.csv - 1, 'limited').drain()).toBe(1);
    const workbookOnly = await drained();
    expect(documentsSent(workbookOnly).map((name) => name.slice(-4))).toEqual(['xlsx']);
    expect(workbookOnly.sent.map((message) => message.text).join('\n')).toContain('chỉ gửi tệp XLSX');

    await requestExport();
    expect(await limited(sizes.xlsx - 1, 'tiny').drain()).toBe(1);
    const none = await drained();
    expect(documentsSent(none)).toEqual([]);
    expect(none.sent.map((message) => message.text).join('\n')).toContain('Tệp xuất vượt quá');
    expect((await requests()).map((row) => row.status)).toEqual(['done', 'done', 'failed']);
  });
});

describe('/chart', () => {
  it('sends two PNG photos of one metric: ranking and trend, not blank', async () => {
    const answer = await bot.send(users.admin, chats.province, '/bieudo cccd 05/2021-08/2021');
    const photos = answer.calls.filter((call) => call.method === 'sendPhoto');
    expect(photos).toHaveLength(2);
    for (const call of photos) {
      const png = PNG.sync.read(Buffer.from((call.payload.photo as { source: Uint8Array }).source));
      expect(png.width).toBe(960);
      expect(png.height).toBeGreaterThan(100);
      const colours = new Set<number>();
      for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
      expect(colours.size).toBeGreaterThan(2);
    }
  });
});
