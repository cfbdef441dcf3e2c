/**
 * A whole year in the console with a fixed clock (issue 18): src/console/year.txt through the real bot, as
 * `npm run console:year` runs it, and the worked example under docs/examples/year made from its transcript.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, readmeOf, runYear, type YearRun } from './year-example';

const ROOT = join(import.meta.dirname, '../..');
let saveDir: string;
let run: YearRun;

/** The transcript from the echo of `line` (a script line, matched at its start) up to the next echoed line. */
function answerTo(line: string, from = 0): string {
  const lines = run.transcript.split('\n');
  const start = lines.findIndex((each, index) => index >= from && each.includes(`] > ${line}`));
  if (start < 0) throw new Error(`no line "${line}" in the transcript`);
  const end = lines.findIndex((each, index) => index > start && /^\[[^\]]+\] > /.test(each));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}
/** The transcript's line index of the first echo of `line`. */
const lineOf = (line: string) => run.transcript.split('\n').findIndex((each) => each.includes(`] > ${line}`));
/** The same, with the sizes of files (which the papers' layout changes) left out. */
const withoutSizes = (text: string) => text.replace(/\d+ bytes/g, 'N bytes');

beforeAll(async () => {
  saveDir = mkdtempSync(join(tmpdir(), 'console-year-'));
  run = await runYear(saveDir);
}, 300_000);
afterAll(() => rmSync(saveDir, { recursive: true, force: true }));

describe('a year in the console (src/console/year.txt, clock from 09:00 Mon 5/1/2026)', () => {
  it('runs every line, exits 0 and reports no problem', () => {
    expect(run.transcript).toContain('-- script finished: no problems');
    // A console line it could not run (a button not found, a message elsewhere, the clock refused) starts with "?".
    expect(run.transcript.match(/^\? .*$/gm) ?? []).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('January: the roster is imported, the members link on sight, and each pledge is accepted', () => {
    expect(answerTo(':press 8 Áp dụng')).toContain('✅ Đã nhập danh sách: 8 cán bộ mới hoặc thay đổi');
    const accepted = run.transcript.match(/^ {3}✅ Đã đăng ký thi đua năm 2026: .*$/gm) ?? [];
    expect(accepted.map((line) => line.replace(/^ {3}✅ Đã đăng ký thi đua năm 2026: /, ''))).toEqual([
      'đồng chí Thiếu tá Nông Văn Quang, danh hiệu “Chiến sĩ tiên tiến”.',
      'Đội Đăng ký, quản lý phương tiện giao thông, danh hiệu “Đơn vị tiên tiến”.',
      'đồng chí Đại úy Hoàng Thị Hương, danh hiệu “Chiến sĩ thi đua cơ sở”.',
      'đồng chí Thượng úy Lý Văn Minh, danh hiệu “Chiến sĩ tiên tiến”.',
      'đồng chí Trung úy Vi Văn Tuấn, danh hiệu “Chiến sĩ tiên tiến”.',
      'đồng chí Thiếu úy Đinh Thị Thảo, danh hiệu “Chiến sĩ tiên tiến”.',
    ]);
    expect(answerTo('/dangkythidua   ')).toMatch(/Tập thể: Đơn vị tiên tiến\n {3}Cá nhân \(5\):/);
    expect(answerTo('/vanban dangky pdf')).toMatch(/\[document ban-dang-ky-thi-dua-PC08-DK-2026\.pdf, \d+ bytes\]/);
  });

  it('through the year: entries every month, the weekly posts, the half-year report', () => {
    expect(run.transcript).toMatch(/^ {2}\(Mon 2026-06-01 08:00: leaderboard\)$/m);
    expect(answerTo('/baocao 6thang')).toContain('Sơ kết 6 tháng đầu năm 2026');
    expect(answerTo('/log dkoto 160')).toContain('Đăng ký mới xe ô tô 160 xe · 01/08/2026');
  });

  it('November: the flag goes to the commander alone, and keeps the flagged officer off the ballot', () => {
    const flagged = answerTo(':reply 202 /canhbao thanhtra');
    expect(flagged).toMatch(/@ private with Quang:\n {3}🔒 Đã ghi chú #1: Trung úy Vi Văn Tuấn — Đang thanh tra/);
    expect(flagged).toMatch(/@ doidk, reply to #204:\n {3}Đã gửi vào tin nhắn riêng/);
    const opened = answerTo('/binhxet cstt 4h');
    const group = opened.slice(opened.indexOf('@ doidk, reply to'));
    expect(group).toContain('Đã gửi phiếu kín cho 5 đồng chí');
    expect(group.slice(0, group.indexOf('\n#'))).not.toContain('Tuấn');
    expect(opened).toContain('4. Trung úy Vi Văn Tuấn: không đủ điều kiện');
    expect(opened).toContain('🔒 Đang thanh tra, kiểm tra: Đang thanh tra theo đơn thư ngày 28/10/2026');
  });

  it('December: the secret ballot is counted, totals only, three proposed and one short of the share', () => {
    expect(run.transcript.match(/^ {3}\[toast\] Đã ghi nhận\. .*$/gm)).toHaveLength(19 + 3);
    const count = answerTo('/dongphieu   ');
    expect(count).toContain('Số phiếu: 5/5 thành viên (5 phiếu đã phát). Đủ số thành viên tham gia (cần 4).');
    expect(count.match(/^ {3}\d\. .*$/gm)).toEqual([
      '   1. Thiếu tá Nông Văn Quang: 5/5 đồng ý (100%) — được đề nghị',
      '   2. Đại úy Hoàng Thị Hương: 5/5 đồng ý (100%) — được đề nghị',
      '   3. Thượng úy Lý Văn Minh: 5/5 đồng ý (100%) — được đề nghị',
      '   4. Thiếu úy Đinh Thị Thảo: 1/5 đồng ý (20%) — không đạt tỷ lệ',
    ]);
    expect(count.match(/^#22[1-5] edited:\n {3}🗳 .* đã đóng\. Cảm ơn đồng chí\.$/gm)).toHaveLength(5);
  });

  it('the decisions are recorded: the three proposed, then the team after the council’s vote', () => {
    expect(answerTo('/danhhieu cstt 2026')).toContain(
      '✅ Đã ghi quyết định số 2468/QĐ-CAT: danh hiệu “Chiến sĩ tiên tiến” năm 2026 cho 3 đối tượng: Thiếu tá Nông Văn Quang, Đại úy Hoàng Thị Hương, Thượng úy Lý Văn Minh.',
    );
    expect(answerTo('/hoidong   ')).toContain('Hội đồng Thi đua – Khen thưởng (3 thành viên)');
    expect(answerTo('/hoidong dvtt 2026 24h')).toContain('Đã gửi phiếu kín cho 3 thành viên.');
    expect(answerTo('/dongphieu dvtt')).toContain(
      '1. Đội Đăng ký, quản lý phương tiện giao thông: 3/3 đồng ý (100%) — được đề nghị',
    );
    expect(answerTo('/danhhieu dvtt 2026')).toContain(
      'danh hiệu “Đơn vị tiên tiến” năm 2026 cho 1 đối tượng: Đội Đăng ký, quản lý phương tiện giao thông.',
    );
    expect(answerTo('/baocao nam')).toContain(
      'Danh hiệu “Chiến sĩ tiên tiến”: 4 cá nhân đăng ký, 3 được đề nghị, 3 được công nhận.',
    );
  });

  it('the papers are sent as PDFs and saved with :save', () => {
    for (const file of [
      'ban-dang-ky-thi-dua.pdf',
      'bien-ban-binh-xet.pdf',
      'danh-sach-de-nghi.pdf',
      'to-trinh.pdf',
      'chung-nhan-danh-hieu.pdf',
    ]) {
      expect(run.transcript).toMatch(new RegExp(`saved the document of #\\d+ to ${EXAMPLE_DIR}/${file}, \\d+ bytes`));
      expect(readFileSync(join(saveDir, file)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  });

  it('next year: /danhhieu names the title with its decision, and a pledge is for 2027', () => {
    const january = lineOf(':clock 2027-01-04 09:00');
    expect(january).toBeGreaterThan(0);
    expect(answerTo('/danhhieu   ', january)).toMatch(
      /Danh hiệu thi đua — Đại úy Hoàng Thị Hương\n {3}2026: Chiến sĩ tiên tiến — Quyết định số 2468\/QĐ-CAT 18\/12\/2026/,
    );
    expect(answerTo('/dangkythidua cstdcs', january)).toContain(
      '✅ Đã đăng ký thi đua năm 2027: đồng chí Đại úy Hoàng Thị Hương, danh hiệu “Chiến sĩ thi đua cơ sở”.',
    );
  });

  it('docs/examples/year holds this transcript and the README made from it (else: npx tsx test/console/year-example.ts)', () => {
    const dir = join(ROOT, EXAMPLE_DIR);
    expect(withoutSizes(readFileSync(join(dir, 'transcript.txt'), 'utf8'))).toBe(withoutSizes(run.transcript));
    expect(withoutSizes(readFileSync(join(dir, 'README.md'), 'utf8'))).toBe(
      withoutSizes(`${readmeOf(run.transcript)}\n`),
    );
  });
});
