import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../src/console/run-console';

const TUESDAY_MORNING = new Date('2026-11-24T02:00:00Z');

/** Runs a script through the real bot, as `npm run console -- --script` does; the transcript and the exit code. */
async function runLines(
  script: string[],
  options: { databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; transcript: string }> {
  const output = new PassThrough();
  let transcript = '';
  output.on('data', (chunk: Buffer) => {
    transcript += chunk.toString('utf8');
  });
  const code = await runConsole({
    databaseUrl: options.databaseUrl ?? ':memory:',
    script,
    now: TUESDAY_MORNING,
    input: new PassThrough(),
    output,
    quietMs: 40,
    ...(options.env && { env: options.env }),
  });
  return { code, transcript };
}

/** A unit, its group, and people who have written there: Lan (a username), An and Bình. */
const SETUP = [
  '/unit add CAT Cong an tinh',
  ':in PC06',
  '/register CAT',
  ':as lan Lan',
  'xin chào',
  ':as an An',
  'hôm nay trực ban',
  ':as binh Binh',
  'tôi đi tuần tra',
];

// A smoke test of the wiring: the real app, built by createApp, long-polling the fake over HTTP.
describe('runConsole with the real bot', () => {
  it('runs a script against an in-memory store and exits 0 when every line was answered', async () => {
    const { code, transcript } = await runLines(['/unit add CAT Cong an tinh', ':users', '/unit list']);
    expect(transcript).toContain('[Admin @ private] > /unit add CAT Cong an tinh   (#1)');
    expect(transcript).toMatch(/^#2 .* @ private with Admin, reply to #1:$/m);
    expect(transcript).toMatch(/^#4 .*, reply to #3:$/m);
    expect(transcript).toContain('-- script finished: no problems');
    expect(code).toBe(0);
  });

  it('gives the same transcript when run twice on one database file: ids continue from the store', async () => {
    const databaseUrl = join(mkdtempSync(join(tmpdir(), 'console-twice-')), 'console.sqlite');
    const script = ['/unit list', '/help', ':in PC06', '/top', '/log cccd 5', ':as an An', '/me'];
    const first = await runLines(script, { databaseUrl });
    const second = await runLines(script, { databaseUrl });
    expect(first.transcript).toMatch(/^#2 .*, reply to #1:$/m);
    expect(first.transcript.match(/^#\d+ /gm)).toHaveLength(5);
    expect(second.transcript).toBe(first.transcript);
    expect([first.code, second.code]).toEqual([0, 0]);
  });

  it('says a reply is held (a decider is written once an hour), exits 0, and lets it go when the clock passes', async () => {
    const { code, transcript } = await runLines([
      ...SETUP,
      ':as admin',
      '/role commander @lan',
      ':as an',
      ':reply 7 /khen Bình tuần tra đêm rất nhiệt tình',
      ':as binh',
      ':reply 6 /khen An trực ban cẩn thận, chu đáo',
      ':clock +1h',
    ]);
    expect(transcript).toContain('Lan là chỉ huy của Cong an tinh.');
    const second = transcript.slice(transcript.indexOf(':reply 6 /khen'));
    expect(second).toMatch(/^ {2}\(held until Tue 2026-11-24 10:00, private with Lan: move the :clock past it\)$/m);
    const afterClock = second.slice(second.indexOf('(the clock reads Tue 2026-11-24 10:00)'));
    expect(afterClock).toMatch(/^#15 .* @ private with Lan:\n(.*\n){2}.*#2\n.*: An$/m);
    expect(transcript).not.toContain('in time');
    expect(transcript).toContain('-- script finished: no problems');
    expect(code).toBe(0);
  });

  it("says the replies past a group's 20 messages a minute are held; the next minute lets them go", async () => {
    const logs = Array.from({ length: 20 }, (_, index) => `/log cccd ${index + 1}`);
    const { code, transcript } = await runLines([
      '/unit add CAT Cong an',
      ':in PC06',
      '/register CAT',
      ...logs,
      ':clock +1m',
    ]);
    const held = transcript.match(/^.*\n {2}\(held: the group's limit\)$/gm) ?? [];
    // The /register answer and 19 confirmations fill the minute.
    expect(held.map((lines) => lines.split('\n')[0])).toEqual(['[Admin @ PC06] > /log cccd 20   (#43)']);
    expect(transcript.slice(transcript.indexOf(':clock +1m'))).toMatch(/^#44 .*, reply to #43:\n.* 20 thẻ/m);
    expect(code).toBe(0);
  });

  it('edits a /log, mentions a person, lets a week pass into the leaderboard, and saves its chart', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'console-week-'));
    const { code, transcript } = await runLines([
      ...SETUP,
      ':as admin',
      '/role commander @binh',
      ':as an',
      '/log cccd 120',
      ':edit 10 /log cccd 150',
      ':clock +7d',
      ':files',
      `:save 15 ${join(folder, 'chart.png')}`,
    ]);
    expect(transcript).toContain('Binh là chỉ huy của Cong an tinh.');
    const edited = transcript.slice(transcript.indexOf(':edit 10'));
    expect(edited).toMatch(/^#11 edited:\n.*\n.*150 thẻ/m);
    const week = transcript.slice(transcript.indexOf(':clock +7d'));
    expect(week).toMatch(/^ {2}\(Fri 2026-11-27 15:00: reminder\)$/m);
    expect(week).toMatch(/^ {2}\(Mon 2026-11-30 07:30: digest\)\n#\d+ .* @ private with Binh:/m);
    expect(week).toMatch(
      /^ {2}\(Mon 2026-11-30 08:00: leaderboard\)\n#14 .* @ PC06:\n.*2026-W48.*\n(.*\n)*#15 .* @ PC06:\n {3}\[photo, \d+ bytes\]/m,
    );
    expect(week).toMatch(/^ {2}\(the clock reads Tue 2026-12-01 09:00\)$/m);
    expect(week).toMatch(/^ {2}#13 photo, \d+ bytes\n {2}#15 photo, \d+ bytes$/m);
    expect(readFileSync(join(folder, 'chart.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(code).toBe(0);
  });

  it('imports a roster from a file sent with :file: the dry run over getFile and the download, then apply', async () => {
    const example = join(import.meta.dirname, '../../docs/examples/roster-example.xlsx');
    const { code, transcript } = await runLines([`:file ${example} /nhap`, ':press 2 Áp dụng', '/danhsach']);
    const dryRun = transcript.slice(transcript.indexOf(':file'), transcript.indexOf(':press'));
    expect(dryRun).toContain('Xem trước nhập danh sách «roster-example.xlsx»');
    expect(dryRun).toMatch(/Cán bộ: \d+ mới/);
    const applied = transcript.slice(transcript.indexOf(':press'));
    expect(applied).toContain('Đã nhập danh sách');
    expect(applied.slice(applied.indexOf('/danhsach'))).toContain('đồng chí chưa ghi nhận');
    expect(code).toBe(0);
  });

  it("waits for an /export's files (written after the answer) before the next line", async () => {
    const { code, transcript } = await runLines([...SETUP.slice(0, 3), '/export', ':files']);
    expect(transcript.slice(transcript.indexOf(':files'))).toMatch(
      /^ {2}#7 document thidua-CAT-2026-11-01-2026-11-30\.xlsx, \d+ bytes\n {2}#8 document .*\.csv, \d+ bytes$/m,
    );
    expect(transcript).not.toContain('held');
    expect(code).toBe(0);
  });

  it('exits 1 when a line of the script cannot run: a button that is not there, the clock moved back', async () => {
    const { code, transcript } = await runLines(['/unit list', ':press 2 Áp dụng', ':clock 2026-01-01', '/help']);
    expect(transcript).toMatch(/^\? which button of #2\? buttons: none$/m);
    expect(transcript).toMatch(/^\? the clock only moves forward; it reads Tue 2026-11-24 09:00$/m);
    expect(transcript).toMatch(/^#4 .*, reply to #3:$/m);
    expect(transcript).toContain('-- script finished with 2 problem(s)');
    expect(code).toBe(1);
  });

  it('exits 1 when the configuration is refused', async () => {
    const { code, transcript } = await runLines([], { env: { DEFAULT_LOCALE: 'fr' } });
    expect(code).toBe(1);
    expect(transcript).toMatch(/^! configuration: DEFAULT_LOCALE: /m);
  });
});
