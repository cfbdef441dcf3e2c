/**
 * Ties at a quota's last place, on both databases (issue 18 §4: "ties and members who join after the opening are
 * handled as the rules say"): candidates level on the vote across the cut are all marked tied (ngang phiếu), none of
 * them is proposed by the count, and the result and the minutes say the commander or the council settles it; the
 * settlement is the title's decision. Someone who joins the unit after the opening gets no ballot and is not in the
 * base.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeReview, openReview, pledge, reviewMinutesInput, titlesOf } from '../../../src/features/year';
import { resultText } from '../../../src/features/year/review-text';
import { type Paper, reviewMinutesPaper } from '../../../src/files/papers';
import { DIALECTS } from '../../helpers/dialects';
import { decideTitle, HOOK_TIMEOUT_MS, officer, press, TEAM_1, type YearWorld, yearWorld } from './year-world';

const at = (local: string) => new Date(`${local}+07:00`);
const HEAD = 300;
const TEAM: [string, number, string][] = [
  ['an', HEAD, 'Nguyễn Văn Ẩn'],
  ['hung', 301, 'Hà Văn Hưng'],
  ['ngoc', 302, 'Nông Thị Bích Ngọc'],
  ['anh', 303, 'Lường Thị Ngọc Ánh'],
  ['duc', 304, 'Hoàng Văn Đức'],
  ['mai', 305, 'Vi Thị Mai'],
];

const value = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

/** The paragraphs and table rows of a paper, one a line. */
const bodyText = (paper: Paper): string =>
  paper.body
    .flatMap((block) =>
      block.kind === 'paragraph'
        ? [block.runs.map((run) => run.text).join('')]
        : block.rows.map((row) => row.join(' | ')),
    )
    .join('\n');

for (const dialect of DIALECTS) {
  describe(`a tie at the CSTĐCS quota's last place on ${dialect}`, () => {
    let world: YearWorld;
    let reviewId: number;
    beforeAll(async () => {
      world = await yearWorld(dialect, at('2026-01-05T09:00:00'));
      for (const [id, userId, fullName] of TEAM)
        officer(world, id, userId, TEAM_1, { rank: 'Thiếu úy', fullName, position: 'Cán bộ' });
      // 40 % of the unit's 6 CSTT holders: 2 places.
      world.settings = { ruleOverrides: { cstdcs: { quota: { share: '40%' } } } };
      for (const userId of [301, 302, 303]) {
        world.clock.advance(60_000);
        value(await world.run((scope) => pledge(scope, { userId }, { unitId: TEAM_1, title: 'cstdcs' })));
      }
      world.clock.set(at('2026-12-09T09:00:00'));
      value(
        await decideTitle(world, {
          title: 'cstt',
          subjectIds: TEAM.map(([id]) => id),
          number: '90/QĐ-CAT',
          date: '2026-12-09',
        }),
      );
    }, HOOK_TIMEOUT_MS);
    afterAll(() => world.dispose());

    it('marks both candidates level at the cut as tied, proposes neither, and says who settles it', async () => {
      world.clock.set(at('2026-12-10T08:00:00'));
      const opened = value(
        await world.run((scope) =>
          openReview(scope, { userId: HEAD }, { unitId: TEAM_1, title: 'cstdcs', closesAt: at('2026-12-10T17:00:00') }),
        ),
      );
      reviewId = opened.reviewId;
      expect(opened.candidates.map((candidate) => candidate.subjectId)).toEqual(['hung', 'ngoc', 'anh']);
      await world.deliver();
      // Sơn joins the team an hour after the opening: no ballot, and not in the base.
      world.clock.set(at('2026-12-10T09:00:00'));
      world.roster.add({
        personId: 'son',
        name: { rank: 'Hạ sĩ', fullName: 'Lý Văn Sơn' },
        unitId: TEAM_1,
        userId: 306,
        since: world.clock.now().toISOString(),
      });
      await world.deliver();
      expect(world.api.sentMessages(306)).toEqual([]);
      // Hưng: 6 of 6; Ngọc and Ánh: 5 of 6 each (70 % needs 5), level for the second place.
      for (const [index, userId] of [HEAD, 301, 302, 303, 304, 305].entries()) {
        expect((await press(world, userId, 1, 'yes')).ok).toBe(true);
        expect((await press(world, userId, 2, index === 0 ? 'no' : 'yes')).ok).toBe(true);
        expect((await press(world, userId, 3, index === 1 ? 'no' : 'yes')).ok).toBe(true);
      }
      world.clock.set(at('2026-12-10T10:00:00'));
      const result = value(await world.run((scope) => closeReview(scope, { userId: HEAD }, { reviewId })));
      expect(result.issued).toBe(6);
      expect(result.closed).toMatchObject({ members: 6, present: 6, quota: { limit: 2, holders: 6 } });
      expect(result.candidates.map((candidate) => [candidate.subjectId, candidate.result?.status])).toEqual([
        ['hung', 'proposed'],
        ['ngoc', 'tied'],
        ['anh', 'tied'],
      ]);
      const text = resultText('vi', result, await world.run((scope) => scope.directory.units()));
      expect(text).toContain(
        '2. Thiếu úy Nông Thị Bích Ngọc: 5/6 đồng ý (83,3%) — ngang phiếu ở suất cuối, chờ quyết định',
      );
      expect(text).toContain(
        '⚖️ 2 đồng chí ngang phiếu ở suất cuối của chỉ tiêu (còn 1 suất): không ai trong số đó được đề nghị tự động.',
      );
      expect(resultText('en', result, await world.run((scope) => scope.directory.units()))).toContain(
        '2 candidates are tied at the quota',
      );
    });

    it('the minutes name the tie and leave the choice to the head of the unit or the council', async () => {
      const minutes = value(
        await world.run((scope) => reviewMinutesInput(scope, { userId: HEAD }, { reviewId, paper: {} })),
      );
      const paper = reviewMinutesPaper(minutes);
      // No place configured: the team's province, from "Công an tỉnh Lạng Sơn" above it; the day the review closed.
      expect(paper.heading.placeDate).toBe('Lạng Sơn, ngày 10 tháng 12 năm 2026');
      const text = bodyText(paper);
      expect(text).toContain('2 | Thiếu úy Nông Thị Bích Ngọc | Cán bộ | 5/6 | 83,3 | Ngang phiếu, chờ quyết định');
      expect(text).toContain('3 | Thiếu úy Lường Thị Ngọc Ánh | Cán bộ | 5/6 | 83,3 | Ngang phiếu, chờ quyết định');
      expect(text).toContain(
        'Có 2 đồng chí ngang phiếu ở suất cuối của chỉ tiêu (còn 1 suất); không đồng chí nào trong số đó được đề nghị theo kết quả bỏ phiếu. Việc lựa chọn do thủ trưởng đơn vị hoặc Hội đồng Thi đua – Khen thưởng quyết định.',
      );
    });

    it('the choice is recorded as the title’s decision, for the one chosen', async () => {
      world.clock.set(at('2026-12-12T09:00:00'));
      value(
        await decideTitle(world, {
          title: 'cstdcs',
          subjectIds: ['hung', 'anh'],
          number: '95/QĐ-CAT',
          date: '2026-12-12',
        }),
      );
      const held = value(await world.run((scope) => titlesOf(scope, { userId: 303 }, { subjectId: 'anh' })));
      expect(held.map((title) => `${title.year} ${title.title} ${title.source}`)).toEqual([
        '2026 cstt decision',
        '2026 cstdcs decision',
      ]);
    });
  });
}
