/**
 * The year in the console (src/console/year.txt) and its worked example under docs/examples/year: runs the script
 * through the real bot with the clock fixed at 09:00 on Monday 5 January 2026, as `npm run console:year` does, and
 * builds the example's README from the transcript. `npx tsx test/console/year-example.ts` writes the README, the
 * whole transcript and the papers again (with PNGs of their pages: pdftoppm, from poppler-utils); year.test.ts
 * checks that the committed README and transcript are what the script prints.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { runConsole } from '../../src/console/run-console';
import { scriptLines } from '../../src/console/script';

const ROOT = resolve(import.meta.dirname, '../..');
export const YEAR_SCRIPT = join(ROOT, 'src/console/year.txt');
/** Where the script reads the roster and saves the papers, as the script names it (from the repository's root). */
export const EXAMPLE_DIR = 'docs/examples/year';
/** 09:00 on Monday 5 January 2026 in Lạng Sơn: the start of `npm run console:year`. */
export const YEAR_START = new Date('2026-01-05T02:00:00Z');

export interface YearRun {
  readonly code: number;
  /** The transcript, with the papers' folder written as the script names it. */
  readonly transcript: string;
}

/**
 * Runs the script on a fresh in-memory store, saving the papers into `saveDir` instead of docs/examples/year (the
 * roster is read from the repository either way).
 */
export async function runYear(saveDir: string = join(ROOT, EXAMPLE_DIR)): Promise<YearRun> {
  const text = readFileSync(YEAR_SCRIPT, 'utf8');
  const lines = scriptLines(text).map((line) =>
    line
      .replace(/^(:save \d+ )docs\/examples\/year\//, `$1${saveDir}/`)
      .replace(/^(:file )docs\//, `$1${join(ROOT, 'docs')}/`),
  );
  const output = new PassThrough();
  let transcript = '';
  output.on('data', (chunk: Buffer) => {
    transcript += chunk.toString('utf8');
  });
  const code = await runConsole({
    databaseUrl: ':memory:',
    script: lines,
    now: YEAR_START,
    input: new PassThrough(),
    output,
    quietMs: 40,
  });
  return {
    code,
    transcript: transcript.replaceAll(`${saveDir}/`, `${EXAMPLE_DIR}/`).replaceAll(`${join(ROOT, 'docs')}/`, 'docs/'),
  };
}

/** A part of the script: its heading (`# ── … ──`) and its steps, each the lines under one comment. */
interface Part {
  readonly heading: string;
  readonly steps: { readonly note?: string; readonly lines: string[] }[];
}

function partsOf(script: string): Part[] {
  const parts: Part[] = [];
  let notes: string[] = [];
  for (const raw of script.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^# ── (.+?) ──+$/.exec(line);
    if (heading) {
      parts.push({ heading: heading[1]!, steps: [] });
      notes = [];
    } else if (parts.length === 0) continue;
    else if (line.startsWith('#')) notes.push(line.replace(/^#\s?/, ''));
    else if (line !== '') {
      const { steps } = parts.at(-1)!;
      // The comments before a line open a step, their paragraph over its transcript.
      if (notes.length > 0 || steps.length === 0)
        steps.push({ ...(notes.length > 0 && { note: notes.join(' ') }), lines: [] });
      notes = [];
      steps.at(-1)!.lines.push(line);
    }
  }
  return parts;
}

/** Where each script line's echo starts in the transcript's lines, in order. */
function echoesOf(lines: readonly string[], transcript: readonly string[]): number[] {
  const found: number[] = [];
  let at = 0;
  for (const line of lines) {
    const index = transcript.findIndex(
      (each, i) =>
        i >= at && /^\[[^\]]+\] > /.test(each) && each.replace(/^\[[^\]]+\] > /, '').split('   (#')[0] === line,
    );
    if (index < 0) throw new Error(`the transcript has no echo of "${line}"`);
    found.push(index);
    at = index + 1;
  }
  return found;
}

const JOB = /^ {2}\((\w{3} \d{4}-\d{2}-\d{2} \d{2}:\d{2}): (reminder|digest|leaderboard)\)$/;
const JOB_NAMES: Readonly<Record<string, string>> = {
  reminder: 'nhắc nhở',
  digest: 'tổng hợp',
  leaderboard: 'bảng xếp hạng',
};

/**
 * Shortens a part's transcript for reading: the weekly posts a `:clock` passes become one line counting them (all
 * but the first `:clock` of the script), and a ballot's edit after a press keeps only its buttons (the ticks).
 */
function shortened(lines: readonly string[], state: { clockShown: boolean }): string[] {
  const out: string[] = [];
  let index = 0;
  const blockEnd = (from: number) => {
    let end = from + 1;
    while (end < lines.length && lines[end]!.startsWith('   ')) end += 1;
    return end;
  };
  while (index < lines.length) {
    const line = lines[index]!;
    if (JOB.test(line) && state.clockShown) {
      const counts = new Map<string, number>();
      let first = '';
      let last = '';
      while (index < lines.length && JOB.test(lines[index]!)) {
        const [, when = '', job = ''] = JOB.exec(lines[index]!)!;
        first ||= when;
        last = when;
        counts.set(job, (counts.get(job) ?? 0) + 1);
        index += 1;
        // The posts of that firing: messages, or "nothing to post".
        while (index < lines.length && (/^#\d+ /.test(lines[index]!) || lines[index]!.startsWith('   ')))
          index = /^#\d+ /.test(lines[index]!) ? blockEnd(index) : index + 1;
      }
      const what = [...counts].map(([job, count]) => `${count} ${JOB_NAMES[job]}`).join(', ');
      out.push(`  (${first} … ${last}: các bài hằng tuần — ${what}; đầy đủ trong transcript.txt)`);
      continue;
    }
    if (/^#\d+ edited:$/.test(line) && lines[index - 1]?.includes('[toast]')) {
      const end = blockEnd(index);
      const buttons = lines.slice(index + 1, end).filter((each) => /^ {3}\[\d+: /.test(each));
      if (buttons.some((each) => each.includes('Đồng ý'))) {
        out.push(line, ...buttons);
        index = end;
        continue;
      }
    }
    out.push(line);
    index += 1;
    // The first :clock's posts are shown in full; the later ones are counted.
    if (/^\[[^\]]+\] > :clock /.test(line) && !state.clockShown) {
      const end = lines.findIndex((each, i) => i > index && each.startsWith('  (the clock reads'));
      if (end > 0) {
        out.push(...lines.slice(index, end + 1));
        index = end + 1;
        state.clockShown = true;
      }
    }
  }
  return out;
}

/** The people of the example's roster, as a Markdown table. */
function castTable(): string {
  const [, ...rows] = readFileSync(join(ROOT, EXAMPLE_DIR, 'can-bo.csv'), 'utf8')
    .trim()
    .split(/\r?\n/);
  return [
    '| Họ tên | Cấp bậc | Chức vụ | Đơn vị | Telegram (console) | Vai trò |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => {
      const [name, rank, position, unit, , telegram, role] = row.split(',');
      return `| ${name} | ${rank} | ${position} | ${unit} | \`${telegram}\` | ${role || 'cán bộ'} |`;
    }),
  ].join('\n');
}

const PAPERS: readonly [string, string][] = [
  ['ban-dang-ky-thi-dua.pdf', 'Bản đăng ký thi đua (tháng 1, dự thảo)'],
  ['bien-ban-binh-xet.pdf', 'Biên bản họp bình xét (14/12)'],
  ['danh-sach-de-nghi.pdf', 'Danh sách đề nghị (14/12)'],
  ['to-trinh.pdf', 'Tờ trình (14/12)'],
  ['chung-nhan-danh-hieu.pdf', 'Giấy chứng nhận danh hiệu của đồng chí Hương (28/12, sau quyết định)'],
];

/** The PNG of a paper's first page, next to it. */
const pageOf = (file: string) => file.replace(/\.pdf$/, '-1.png');

/** Draws each paper's pages as PNGs 720 px wide (pdftoppm, from poppler-utils), as test/files/papers does. */
function drawPages(dir: string): void {
  for (const [file] of PAPERS)
    execFileSync('pdftoppm', [
      '-png',
      '-scale-to-x',
      '720',
      '-scale-to-y',
      '-1',
      join(dir, file),
      join(dir, file.replace(/\.pdf$/, '')),
    ]);
}

const INTRO = `# Một năm thi đua trong console — ví dụ hoàn chỉnh

<!-- Viết lại bằng: npx tsx test/console/year-example.ts (test/console/year.test.ts kiểm tra tệp này khớp với
     transcript thật của src/console/year.txt). -->

Đây là transcript thật của \`npm run console:year\`: bot chạy thật (cùng mã nguồn, cơ sở dữ liệu SQLite trong bộ
nhớ) trên một Telegram giả lập, đồng hồ cố định bắt đầu lúc 09:00 thứ Hai 05/01/2026 và được \`:clock\` đẩy tới
suốt năm. Kịch bản: [src/console/year.txt](../../../src/console/year.txt); danh sách cán bộ:
[can-bo.csv](can-bo.csv); toàn bộ transcript (kể cả mọi bài hằng tuần): [transcript.txt](transcript.txt).

Một Đội 5 cán bộ của Phòng CSGT đăng ký thi đua đầu năm, ghi kết quả công tác hằng tháng, một đồng chí bị ghi chú
đang thanh tra (không được đề nghị), tháng 12 Đội bình xét Chiến sĩ tiên tiến bằng phiếu kín, Hội đồng Thi đua –
Khen thưởng của Công an tỉnh bỏ phiếu danh hiệu Đơn vị tiên tiến, quản trị viên ghi hai quyết định, Đội trưởng lấy
các văn bản (PDF, kèm ảnh trang đầu bên dưới), và sang năm 2027 hồ sơ danh hiệu của đồng chí Hương ghi "2026: Chiến
sĩ tiên tiến" kèm số quyết định.

**English summary.** The real transcript of \`npm run console:year\`: the bot itself against the console's fake
Bot API, its clock fixed at 09:00 on Monday 5 January 2026 and moved through the year with \`:clock\`. A team of
five registers for the year's titles in January (each officer, and the team for "Đơn vị tiên tiến"), logs its work
month by month while the weekly posts run, one officer is flagged in November (an inspection: kept off the
ballot), the December review of "Chiến sĩ tiên tiến" runs a secret ballot in the members' private chats (three
proposed, one short of the share), the admin records the decision, the province's emulation council votes the
team's collective title, the commander draws the papers (PDF, saved with \`:save\`; their first pages as PNG
below), and in January 2027 \`/danhhieu\` shows the title with its decision. Weekly posts and repeated ballot
edits are shortened below; the whole transcript is in transcript.txt.`;

/** The example's README: the intro, the cast, the papers, and each part of the script with its transcript. */
export function readmeOf(transcript: string): string {
  const script = readFileSync(YEAR_SCRIPT, 'utf8');
  const parts = partsOf(script);
  const lines = transcript.replace(/\n$/, '').split('\n');
  const steps = parts.flatMap((part) => part.steps);
  const starts = echoesOf(
    steps.map((step) => step.lines[0]!),
    lines,
  );
  const state = { clockShown: false };
  let step = 0;
  const sections = parts.map((part) =>
    [
      `## ${part.heading}`,
      ...part.steps.flatMap(({ note }) => {
        const end = step + 1 < starts.length ? starts[step + 1]! : lines.length;
        const excerpt = shortened(lines.slice(starts[step], end), state);
        step += 1;
        return [...(note ? [note] : []), ['```text', ...excerpt, '```'].join('\n')];
      }),
    ].join('\n\n'),
  );
  return [
    INTRO,
    '## Nhân vật (danh sách cán bộ nhập bằng /nhap)',
    castTable(),
    'Quản trị viên (Admin, id 9001 trong `ADMIN_IDS`) làm các việc của phòng Tổ chức – Thi đua.',
    '## Văn bản do bot tạo (lưu bằng `:save`)',
    PAPERS.map(([file, what]) => `- [${file}](${file}) — ${what}`).join('\n'),
    PAPERS.map(([file, what]) => `<a href="${file}"><img src="${pageOf(file)}" width="240" alt="${what}"></a>`).join(
      '\n',
    ),
    ...sections,
  ].join('\n\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const run = await runYear();
  if (run.code !== 0) throw new Error(`the script exited with ${run.code}:\n${run.transcript}`);
  writeFileSync(join(ROOT, EXAMPLE_DIR, 'transcript.txt'), run.transcript);
  writeFileSync(join(ROOT, EXAMPLE_DIR, 'README.md'), `${readmeOf(run.transcript)}\n`);
  drawPages(join(ROOT, EXAMPLE_DIR));
  console.log(`wrote ${EXAMPLE_DIR}/README.md, transcript.txt and the papers`);
  // The bot's timers must not keep the process alive.
  process.exit(0);
}
