import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertMember } from '../../../src/directory/member-store';
import { insertNomination, recordDecision } from '../../../src/features/nominations/nomination-store';
import { recordTallies } from '../../../src/features/tally/record-tallies';
import {
  addToCouncil,
  chainProspects,
  closeReview,
  flag,
  openCouncilReview,
  openReview,
  pledge,
  proposalLetterInput,
  proposalListInput,
  recordTitleDecision,
  registrationListInput,
  reviewMinutesInput,
  titlesOf,
  unitRegistrations,
  yearParagraph,
} from '../../../src/features/year';
import {
  type Paper,
  proposalLetterPaper,
  proposalListPaper,
  registrationListPaper,
  reviewMinutesPaper,
} from '../../../src/files/papers';
import { DIALECTS } from '../../helpers/dialects';
import { ADMIN, HOOK_TIMEOUT_MS, officer, PC08, press, TEAM_1, type YearWorld, yearWorld } from './year-world';

/** Local time in Lạng Sơn (UTC+7). */
const at = (local: string) => new Date(`${local}+07:00`);
const HEAD = 300;
const CHIEF = 200;
/** Team 1: its head and six linked officers; Tuấn has no Telegram account linked. */
const TEAM: [string, number | undefined, string, string][] = [
  ['an', HEAD, 'Thiếu tá', 'Nguyễn Văn Ẩn'],
  ['hung', 301, 'Thiếu úy', 'Hà Văn Hưng'],
  ['ngoc', 302, 'Trung úy', 'Nông Thị Bích Ngọc'],
  ['anh', 303, 'Thượng úy', 'Lường Thị Ngọc Ánh'],
  ['duc', 304, 'Thiếu úy', 'Hoàng Văn Đức'],
  ['mai', 305, 'Thiếu úy', 'Vi Thị Mai'],
  ['son', 306, 'Hạ sĩ', 'Lý Văn Sơn'],
  ['tuan', undefined, 'Trung sĩ', 'Triệu Văn Tuấn'],
];
const PLACE = { place: 'Lạng Sơn', issuerParent: 'CÔNG AN TỈNH LẠNG SƠN' };

/** Every word of a paper, in order: what both renderers draw. */
const words = (paper: Paper): string =>
  [
    paper.heading.parent,
    paper.heading.unit,
    paper.heading.placeDate,
    paper.draftMark,
    paper.kind,
    paper.summary,
    ...paper.body.flatMap((block) =>
      block.kind === 'paragraph'
        ? [block.runs.map((run) => run.text).join('')]
        : [block.columns.map((column) => column.header).join(' | '), ...block.rows.map((row) => row.join(' | '))],
    ),
    ...(paper.recipients?.lines ?? []),
    ...paper.signatures.flatMap((signature) => [...signature.lines, signature.name]),
  ]
    .filter(Boolean)
    .join('\n');

const value = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

for (const dialect of DIALECTS) {
  describe(`a whole year through the use cases on ${dialect}`, () => {
    let world: YearWorld;
    beforeAll(async () => {
      world = await yearWorld(dialect, at('2026-01-05T09:00:00'));
      for (const [id, userId, rank, fullName] of TEAM)
        officer(world, id, userId, TEAM_1, { rank, fullName, position: id === 'an' ? 'Đội trưởng' : 'Cán bộ' });
      officer(world, 'chief', CHIEF, PC08, { rank: 'Đại tá', fullName: 'Hoàng Minh Chiến', position: 'Trưởng phòng' });
      officer(world, 'clerk', undefined, PC08, { rank: 'Thiếu tá', fullName: 'Đinh Thị Thư' });
      // The roster's history sheet: Hưng was CSTT and CSTĐCS in 2024 and 2025, and had a thematic Giấy khen.
      for (const year of [2024, 2025])
        for (const title of ['cstt', 'cstdcs'])
          world.roster.past.push({ subjectId: 'hung', year, title, basis: 'annual', unitId: 'PC08' });
      world.roster.past.push({ subjectId: 'hung', year: 2025, title: 'giaykhen', basis: 'thematic' });
      // The fewer members, the larger a share must be for the CSTĐCS quota to leave anyone: 40% of the CSTT.
      world.settings = { ruleOverrides: { cstdcs: { quota: { share: '40%' } } } };
    }, HOOK_TIMEOUT_MS);
    afterAll(() => world.dispose());

    it('January: the officers pledge, the head registers the unit and someone without Telegram', async () => {
      const pledges: [number, string][] = [
        [301, 'cstdcs'],
        [302, 'cstdcs'],
        [303, 'cstt'],
        [304, 'cstt'],
        [305, 'cstt'],
        [306, 'cstt'],
      ];
      for (const [userId, title] of pledges) {
        world.clock.advance(60_000);
        expect(
          (await world.run((scope) => pledge(scope, { userId }, { unitId: TEAM_1, title: title as 'cstt' }))).ok,
        ).toBe(true);
      }
      value(await world.run((scope) => pledge(scope, { userId: HEAD }, { unitId: TEAM_1, title: 'dvtt' })));
      value(
        await world.run((scope) =>
          pledge(scope, { userId: HEAD }, { unitId: TEAM_1, title: 'cstt', personId: 'tuan' }),
        ),
      );
      const list = value(
        await world.run((scope) => registrationListInput(scope, { userId: HEAD }, { unitId: TEAM_1, paper: PLACE })),
      );
      const text = words(registrationListPaper(list));
      expect(text).toContain('BẢN ĐĂNG KÝ THI ĐUA NĂM 2026');
      expect(text).toContain('Lạng Sơn, ngày 05 tháng 01 năm 2026');
      expect(text).toContain('Đội Cảnh sát giao thông số 1 đăng ký danh hiệu “Đơn vị tiên tiến”.');
      expect(text).toContain('1 | Thiếu úy Hà Văn Hưng | Cán bộ | Chiến sĩ thi đua cơ sở');
      expect(text).toContain('7 | Trung sĩ Triệu Văn Tuấn | Cán bộ | Chiến sĩ tiên tiến');
      expect(text).toContain('DỰ THẢO');
      expect(text).toContain('ĐỘI TRƯỞNG\nThiếu tá Nguyễn Văn Ẩn');
    });

    it('through the year: entries, a commendation, a yearly target, and a flag in November', async () => {
      world.clock.set(at('2026-03-10T10:00:00'));
      const batch = (updateId: number, userId: number, day: string, metricCode: string, amount: number) => ({
        updateId,
        chatId: -1003,
        messageId: updateId,
        unitId: TEAM_1,
        userId,
        day,
        note: null,
        items: [{ metricCode, amount }],
      });
      for (const userId of [301, 302])
        await upsertMember(
          world.db,
          { userId, firstName: `U${userId}`, lastName: null, username: null },
          TEAM_1,
          world.clock.now(),
        );
      await recordTallies(world.db, batch(1, 301, '2026-03-10', 'cccd', 120), world.clock.now());
      await recordTallies(world.db, batch(2, 302, '2026-06-02', 'dkoto', 30), world.clock.now());
      await recordTallies(world.db, batch(3, 301, '2026-09-15', 'cccd', 80), world.clock.now());
      await world.db
        .insertInto('targets')
        .values({
          unit_id: TEAM_1,
          metric_code: 'cccd',
          period_kind: 'year',
          amount: 1000,
          set_by: HEAD,
          set_at: '2026-01-05T02:00:00.000Z',
        })
        .execute();
      world.clock.set(at('2026-07-01T10:00:00'));
      const nomination = await insertNomination(
        world.db,
        {
          chatId: -1003,
          threadId: null,
          sourceMessageId: 9,
          nomineeId: 301,
          unitId: TEAM_1,
          nominatorId: 302,
          reason: 'Cứu người trên QL1A',
          day: '2026-07-01',
        },
        world.clock.now(),
      );
      await recordDecision(
        world.db,
        {
          nominationId: nomination,
          from: 'pending',
          to: 'approved',
          outcome: 'approved',
          level: 'giaykhen',
          reason: null,
          decidedBy: CHIEF,
        },
        world.clock.now(),
      );
      world.clock.set(at('2026-11-20T10:00:00'));
      value(
        await world.run((scope) =>
          flag(
            scope,
            { userId: HEAD },
            { personId: 'son', kind: 'inspection-pending', reason: 'Đang kiểm tra theo đơn thư' },
          ),
        ),
      );
    });

    let cstt: number;
    it('December: the CSTT review shows each candidate’s year, the ballot proposes those who passed', async () => {
      world.clock.set(at('2026-12-10T08:00:00'));
      const opened = value(
        await world.run((scope) =>
          openReview(scope, { userId: HEAD }, { unitId: TEAM_1, title: 'cstt', closesAt: at('2026-12-10T17:00:00') }),
        ),
      );
      cstt = opened.reviewId;
      expect(opened.ruleSet).toBe('law-06-2022+decree-152-2025');
      expect(opened.voters).toBe(7);
      expect(opened.unlinked.map((person) => person.personId)).toEqual(['tuan']);
      expect(opened.targets).toEqual([{ metricCode: 'cccd', total: 200, target: 1000, percent: 20 }]);
      const hung = opened.candidates.find((candidate) => candidate.subjectId === 'hung')!;
      expect(hung.totals).toEqual([{ metricCode: 'cccd', total: 200 }]);
      expect(hung.commendations.map((each) => [each.level, each.reason])).toEqual([
        ['giaykhen', 'Cứu người trên QL1A'],
      ]);
      expect(hung.earlierTitles.map((record) => `${record.year} ${record.title} ${record.basis}`)).toEqual([
        '2024 cstt annual',
        '2024 cstdcs annual',
        '2025 cstt annual',
        '2025 cstdcs annual',
        '2025 giaykhen thematic',
      ]);
      expect(opened.candidates.map((candidate) => [candidate.subjectId, candidate.eligibility.eligible])).toEqual([
        ['hung', true],
        ['ngoc', true],
        ['anh', true],
        ['duc', true],
        ['mai', true],
        ['son', false],
        ['tuan', true],
      ]);
      await world.deliver();
      // Six on the ballot; everyone says yes, but Đức (the 4th) gets two yes of seven.
      for (const userId of [HEAD, 301, 302, 303, 304, 305, 306])
        for (let number = 1; number <= 6; number += 1)
          expect((await press(world, userId, number, number === 4 && userId > 302 ? 'no' : 'yes')).ok).toBe(true);
      world.clock.set(at('2026-12-10T11:00:00'));
      const result = value(await world.run((scope) => closeReview(scope, { userId: HEAD }, { reviewId: cstt })));
      expect(result.closed).toMatchObject({ members: 7, present: 7, quorumNeeded: 5, quorumMet: true });
      expect(
        result.candidates.map((candidate) => [candidate.subjectId, candidate.result?.yes, candidate.result?.status]),
      ).toEqual([
        ['hung', 7, 'proposed'],
        ['ngoc', 7, 'proposed'],
        ['anh', 7, 'proposed'],
        ['duc', 3, 'not-passed'],
        ['mai', 7, 'proposed'],
        ['son', 0, 'ineligible'],
        ['tuan', 7, 'proposed'],
      ]);
    });

    let cstdcs: number;
    it('the CSTĐCS review counts 70% of those who voted, within 40% of the unit’s CSTT', async () => {
      world.clock.set(at('2026-12-11T08:00:00'));
      const opened = value(
        await world.run((scope) =>
          openReview(scope, { userId: HEAD }, { unitId: TEAM_1, title: 'cstdcs', closesAt: at('2026-12-11T17:00:00') }),
        ),
      );
      cstdcs = opened.reviewId;
      expect(opened.candidates.map((candidate) => candidate.subjectId)).toEqual(['hung', 'ngoc']);
      await world.deliver();
      // Hưng: 6 of 7; Ngọc: 4 of 7, under 70% (needs 5).
      for (const [index, userId] of [HEAD, 301, 302, 303, 304, 305, 306].entries()) {
        expect((await press(world, userId, 1, index < 6 ? 'yes' : 'no')).ok).toBe(true);
        expect((await press(world, userId, 2, index < 4 ? 'yes' : 'no')).ok).toBe(true);
      }
      world.clock.set(at('2026-12-11T10:30:00'));
      const result = value(await world.run((scope) => closeReview(scope, { userId: HEAD }, { reviewId: cstdcs })));
      expect(result.closed?.quota).toEqual({
        of: 'cstt',
        share: { numerator: 40, denominator: 100 },
        limit: 2,
        holders: 5,
      });
      expect(result.candidates.map((candidate) => [candidate.subjectId, candidate.result])).toEqual([
        ['hung', { yes: 6, no: 1, base: 7, needed: 5, status: 'proposed' }],
        ['ngoc', { yes: 4, no: 3, base: 7, needed: 5, status: 'not-passed' }],
      ]);
    });

    it('the unit’s papers: the minutes, the list and the letter, drafts until a decision', async () => {
      world.clock.set(at('2026-12-12T09:00:00'));
      const minutes = value(
        await world.run((scope) =>
          reviewMinutesInput(
            scope,
            { userId: HEAD },
            { reviewId: cstt, paper: { ...PLACE, symbol: 'BB-Đ1' }, secretaryPersonId: 'ngoc' },
          ),
        ),
      );
      const minutesText = words(reviewMinutesPaper(minutes));
      for (const line of [
        'BIÊN BẢN',
        'Lạng Sơn, ngày 10 tháng 12 năm 2026',
        'Vào hồi 08 giờ 00 phút, ngày 10 tháng 12 năm 2026',
        'tổng số 7 đồng chí; có mặt 7 đồng chí; vắng mặt 0 đồng chí',
        'Số phiếu phát ra: 7; số phiếu thu về: 7; số phiếu hợp lệ: 7',
        'cần đạt từ 50% trở lên số phiếu đồng ý so với số người dự họp',
        '4 | Thiếu úy Hoàng Văn Đức | Cán bộ | 3/7 | 42,9 | Không đạt',
        '6 | Hạ sĩ Lý Văn Sơn | Cán bộ | 0/7 | 0 | Không đủ điều kiện',
        'cho 5 trường hợp',
        'Cuộc họp kết thúc vào hồi 11 giờ 00 phút',
        'THƯ KÝ\nTrung úy Nông Thị Bích Ngọc',
        'CHỦ TRÌ\nThiếu tá Nguyễn Văn Ẩn',
        'DỰ THẢO',
      ])
        expect(minutesText).toContain(line);
      // The flag's reason stays with the commanders: no paper carries it.
      expect(minutesText).not.toContain('đơn thư');

      const list = value(
        await world.run((scope) =>
          proposalListInput(scope, { userId: HEAD }, { unitId: TEAM_1, letterSymbol: 'TTr-Đ1', paper: PLACE }),
        ),
      );
      const listText = words(proposalListPaper(list));
      expect(listText).toContain('I. DANH HIỆU “CHIẾN SĨ TIÊN TIẾN”: 5 đồng chí');
      expect(listText).toContain('1 | Thiếu úy Hà Văn Hưng | Cán bộ, Đội Cảnh sát giao thông số 1 | 100 |');
      expect(listText).toContain('II. DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ”: 1 đồng chí');
      expect(listText).toContain('1 | Thiếu úy Hà Văn Hưng | Cán bộ, Đội Cảnh sát giao thông số 1 | 85,7 |');
      expect(listText).toContain('III. DANH HIỆU “ĐƠN VỊ TIÊN TIẾN”: 1 tập thể');
      expect(listText).toContain('Tổng cộng: 6 cá nhân, 1 tập thể.');
      const letter = value(
        await world.run((scope) =>
          proposalLetterInput(
            scope,
            { userId: HEAD },
            { unitId: TEAM_1, addressee: 'Hội đồng Thi đua – Khen thưởng Công an tỉnh Lạng Sơn', paper: PLACE },
          ),
        ),
      );
      const letterText = words(proposalLetterPaper(letter));
      expect(letterText).toContain('Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;');
      expect(letterText).toContain(
        'Căn cứ kết quả họp bình xét thi đua của Đội Cảnh sát giao thông số 1 ngày 11 tháng 12 năm 2026,',
      );
      expect(letterText).toContain('- Danh hiệu “Chiến sĩ thi đua cơ sở”: 1 đồng chí;');
      expect(letterText).toContain('DỰ THẢO');
      expect(
        await world.run((scope) => proposalListInput(scope, { userId: 301 }, { unitId: TEAM_1, paper: PLACE })),
      ).toEqual({ ok: false, error: { kind: 'year.error.notCommander' } });
    });

    it('the council votes the list per title, counted against its whole membership', async () => {
      world.clock.set(at('2026-12-14T08:00:00'));
      for (const personId of ['an', 'chief', 'clerk'])
        value(await world.run((scope) => addToCouncil(scope, { userId: ADMIN }, { personId })));
      const council = value(
        await world.run((scope) =>
          openCouncilReview(scope, { userId: ADMIN }, { title: 'cstdcs', closesAt: at('2026-12-15T17:00:00') }),
        ),
      );
      expect(council.candidates.map((candidate) => candidate.subjectId)).toEqual(['hung']);
      expect(council.voters).toBe(2);
      const units = value(
        await world.run((scope) =>
          openCouncilReview(scope, { userId: ADMIN }, { title: 'dvtt', closesAt: at('2026-12-15T17:00:00') }),
        ),
      );
      expect(units.candidates.map((candidate) => [candidate.subjectId, candidate.eligibility.eligible])).toEqual([
        ['unit:3', true],
      ]);
      await world.deliver();
      for (const userId of [HEAD, CHIEF]) {
        // Each council member got two ballots; the press goes to the right one by its message.
        for (const reviewId of [council.reviewId, units.reviewId]) {
          const messages = Array.from({ length: 20 }, (_, index) => world.api.message(userId, index + 1)).filter(
            (message) => message?.text?.includes('Hội đồng'),
          );
          const ballot = messages.find((message) => JSON.stringify(message).includes(`"yb:${reviewId}:`))!;
          const data = (ballot as unknown as { reply_markup: { inline_keyboard: { callback_data: string }[][] } })
            .reply_markup.inline_keyboard[0]![0]!.callback_data;
          expect((await press(world, userId, 1, 'yes', { data, messageId: ballot.message_id })).ok).toBe(true);
        }
      }
      world.clock.set(at('2026-12-15T17:00:00'));
      const { closeDueReviews } = await import('../../../src/features/year');
      const closed = await world.run((scope) => closeDueReviews(scope));
      expect(
        closed.map((result) => [
          result.title,
          result.closed?.members,
          result.closed?.present,
          result.candidates[0]?.result,
        ]),
      ).toEqual([
        ['cstdcs', 3, 2, { yes: 2, no: 0, base: 3, needed: 2, status: 'proposed' }],
        ['dvtt', 3, 2, { yes: 2, no: 0, base: 3, needed: 2, status: 'proposed' }],
      ]);
    });

    it('the decision records the titles; a date ahead of today or before the proposal is refused', async () => {
      world.clock.set(at('2026-12-28T10:00:00'));
      const decision = { year: 2026, number: '1234/QĐ-CAT', signer: 'Đại tá Hoàng Minh Chiến, Giám đốc' };
      expect(
        await world.run((scope) =>
          recordTitleDecision(
            scope,
            { userId: ADMIN },
            { ...decision, title: 'cstdcs', subjectIds: ['hung'], date: '2026-12-29' },
          ),
        ),
      ).toEqual({ ok: false, error: { kind: 'year.error.decisionInFuture' } });
      expect(
        await world.run((scope) =>
          recordTitleDecision(
            scope,
            { userId: ADMIN },
            { ...decision, title: 'cstdcs', subjectIds: ['hung'], date: '2026-12-12' },
          ),
        ),
      ).toEqual({ ok: false, error: { kind: 'year.error.decisionTooEarly', day: '2026-12-15' } });
      expect(
        await world.run((scope) =>
          recordTitleDecision(
            scope,
            { userId: HEAD },
            { ...decision, title: 'cstdcs', subjectIds: ['hung'], date: '2026-12-28' },
          ),
        ),
      ).toEqual({ ok: false, error: { kind: 'year.error.notAdmin' } });
      for (const [title, subjectIds] of [
        ['cstt', ['hung', 'ngoc', 'anh', 'mai', 'tuan']],
        ['cstdcs', ['hung']],
        ['dvtt', ['unit:3']],
      ] as const)
        expect(
          await world.run((scope) =>
            recordTitleDecision(scope, { userId: ADMIN }, { ...decision, title, subjectIds, date: '2026-12-28' }),
          ),
        ).toEqual({ ok: true, value: { recorded: subjectIds.length } });
      const list = value(
        await world.run((scope) => proposalListInput(scope, { userId: HEAD }, { unitId: TEAM_1, paper: PLACE })),
      );
      expect(words(proposalListPaper(list))).not.toContain('DỰ THẢO');
    });

    it('the year’s review paragraphs: the campaign’s figures, registrations against results', async () => {
      world.clock.set(at('2026-12-30T10:00:00'));
      const year = value(
        await world.run((scope) => yearParagraph(scope, { userId: HEAD }, { unitId: TEAM_1, part: 'year' })),
      );
      expect(year.heading).toBe('Tổng kết năm 2026');
      expect(year.paragraph).toContain('Trong năm 2026');
      expect(year.paragraph).toContain('1/1 đơn vị đã đăng ký danh hiệu thi đua tập thể');
      expect(year.paragraph).toContain(
        'Danh hiệu “Chiến sĩ tiên tiến”: 5 cá nhân đăng ký, 5 được đề nghị, 5 được công nhận.',
      );
      expect(year.paragraph).toContain(
        'Danh hiệu “Chiến sĩ thi đua cơ sở”: 2 cá nhân đăng ký, 1 được đề nghị, 1 được công nhận.',
      );
      expect(year.paragraph).toContain(
        'Danh hiệu “Đơn vị tiên tiến”: 1 tập thể đăng ký, 1 được đề nghị, 1 được công nhận.',
      );
      const half = value(
        await world.run((scope) =>
          yearParagraph(scope, { userId: HEAD }, { unitId: TEAM_1, part: 'half', locale: 'en' }),
        ),
      );
      expect(half.heading).toBe('Mid-year review, first half of 2026');
      expect(half.paragraph).toContain('From 1/2026 to the end of 6/2026');
    });

    it('next year: the titles by year, and the chain that makes Hưng a candidate for the ministry’s title', async () => {
      world.clock.set(at('2027-01-04T09:00:00'));
      const held = value(await world.run((scope) => titlesOf(scope, { userId: 301 }, { subjectId: 'hung' })));
      expect(held.map((title) => `${title.year} ${title.title} ${title.source}`)).toEqual([
        '2024 cstt imported',
        '2024 cstdcs imported',
        '2025 cstt imported',
        '2025 cstdcs imported',
        '2025 giaykhen imported',
        '2026 cstt decision',
        '2026 cstdcs decision',
      ]);
      expect(held.at(-1)?.decision).toEqual({
        number: '1234/QĐ-CAT',
        date: '2026-12-28',
        signer: 'Đại tá Hoàng Minh Chiến, Giám đốc',
      });
      const prospects = value(
        await world.run((scope) => chainProspects(scope, { userId: HEAD }, { unitId: TEAM_1, year: 2027 })),
      );
      expect(prospects).toEqual([
        { subjectId: 'hung', title: 'cstd-bo', of: 'cstdcs', years: 4, needed: 3, ifEarnedThisYear: true },
      ]);
      // One subject's prospects (as /hoso reads them), the same.
      expect(
        value(await world.run((scope) => chainProspects(scope, { userId: 301 }, { subjectId: 'hung', year: 2027 }))),
      ).toEqual(prospects);
      // With proposals: nothing pending, every 2026 title of Hưng's is decided.
      const withProposals = value(
        await world.run((scope) => titlesOf(scope, { userId: 301 }, { subjectId: 'hung', withProposals: true })),
      );
      expect(withProposals).toEqual(held);
      // The new year starts over: Hưng pledges the ministry's title.
      value(await world.run((scope) => pledge(scope, { userId: 301 }, { unitId: TEAM_1, title: 'cstd-bo' })));
      const registrations = value(
        await world.run((scope) => unitRegistrations(scope, { userId: 301 }, { unitId: TEAM_1 })),
      );
      expect(registrations.people.map((person) => [person.personId, person.title])).toEqual([['hung', 'cstd-bo']]);
    });
  });
}
