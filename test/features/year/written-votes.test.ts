/**
 * The council's paper ballots, on both databases: members without Telegram vote on paper at the meeting, members
 * away send written votes; an admin enters the sums. Paper ballots at the meeting count toward the quorum, written
 * votes from away do not; both count toward the yes votes over the whole council. Nothing stored ties a member to
 * a choice, and a member who voted one way cannot vote the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addToCouncil,
  closeReview,
  openCouncilReview,
  pledge,
  recordWrittenVotes,
  reviewMinutesInput,
  type WrittenVotesInput,
} from '../../../src/features/year';
import { resultText } from '../../../src/features/year/review-text';
import { reviewMinutesPaper } from '../../../src/files/papers';
import { DIALECTS } from '../../helpers/dialects';
import {
  ADMIN,
  decideTitle,
  HOOK_TIMEOUT_MS,
  officer,
  PC08,
  press,
  TEAM_1,
  type YearWorld,
  yearWorld,
} from './year-world';

const at = (local: string) => new Date(`${local}+07:00`);
const HEAD = 300;

const value = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

for (const dialect of DIALECTS) {
  describe(`the council's paper ballots on ${dialect}`, () => {
    let world: YearWorld;
    beforeAll(async () => {
      world = await yearWorld(dialect, at('2026-01-05T09:00:00'));
      for (const [id, userId, fullName] of [
        ['an', HEAD, 'Nguyễn Văn Ẩn'],
        ['hung', 301, 'Hà Văn Hưng'],
        ['ngoc', 302, 'Nông Thị Bích Ngọc'],
        ['duc', 304, 'Hoàng Văn Đức'],
      ] as const)
        officer(world, id, userId, TEAM_1, { rank: 'Thiếu úy', fullName, position: 'Cán bộ' });
      // The council's secretary has no Telegram account.
      officer(world, 'clerk', undefined, PC08, { rank: 'Thiếu tá', fullName: 'Đinh Thị Thư', position: 'Thư ký' });
      value(await world.run((scope) => pledge(scope, { userId: HEAD }, { unitId: TEAM_1, title: 'dvtt' })));
      world.clock.set(at('2026-12-09T09:00:00'));
      // Three of the team's four are CSTT: the team may be proposed for Đơn vị tiên tiến.
      value(
        await decideTitle(world, {
          title: 'cstt',
          subjectIds: ['an', 'hung', 'ngoc'],
          number: '90/QĐ-CAT',
          date: '2026-12-09',
        }),
      );
      for (const personId of ['an', 'hung', 'ngoc', 'clerk', 'duc'])
        value(await world.run((scope) => addToCouncil(scope, { userId: ADMIN }, { personId })));
    }, HOOK_TIMEOUT_MS);
    afterAll(() => world.dispose());

    const open = async (day: string) => {
      world.clock.set(at(`${day}T08:00:00`));
      const opened = value(
        await world.run((scope) =>
          openCouncilReview(scope, { userId: ADMIN }, { title: 'dvtt', closesAt: at(`${day}T17:00:00`) }),
        ),
      );
      await world.deliver();
      return opened;
    };
    const write = (input: WrittenVotesInput, userId = ADMIN) =>
      world.run((scope) => recordWrittenVotes(scope, { userId }, input));
    const writtenRows = async () => ({
      ballots: await world.db.selectFrom('year_written_ballots').selectAll().orderBy('person_id').execute(),
      totals: await world.db.selectFrom('year_written_totals').selectAll().orderBy('position').execute(),
    });

    it('counts written votes from away as cast, not as present: four yes, but no quorum', async () => {
      const opened = await open('2026-12-10');
      // The four linked members got a chat ballot; the secretary did not.
      expect(opened.voters).toBe(4);
      const reviewId = opened.reviewId;
      for (const userId of [HEAD, 301]) expect((await press(world, userId, 1, 'yes')).ok).toBe(true);

      const before = await writtenRows();
      const refused = async (input: WrittenVotesInput, kind: string, userId = ADMIN) => {
        expect(await write(input, userId)).toEqual({ ok: false, error: expect.objectContaining({ kind }) });
        expect(await writtenRows()).toEqual(before);
      };
      const clerk = { reviewId, personIds: ['clerk'], present: true, votes: [{ yes: 1, no: 0 }] };
      await refused(clerk, 'year.error.notAdmin', HEAD);
      await refused({ ...clerk, votes: [{ yes: 1, no: 1 }] }, 'year.error.writtenCounts');
      await refused({ ...clerk, votes: [] }, 'year.error.writtenCounts');
      await refused({ ...clerk, personIds: ['clerk', 'clerk'] }, 'year.error.writtenCounts');
      await refused({ ...clerk, personIds: ['hung'] }, 'year.error.votedInChat');
      await refused({ ...clerk, personIds: ['tuan'] }, 'year.error.notCouncilVoter');

      expect(value(await write(clerk))).toEqual({ reviewId, recorded: 1, total: 1 });
      const duc = { reviewId, personIds: ['duc'], present: false, votes: [{ yes: 1, no: 0 }] };
      expect(value(await write(duc))).toEqual({ reviewId, recorded: 1, total: 2 });
      const recorded = await writtenRows();
      expect(await write(duc)).toEqual({ ok: false, error: { kind: 'year.error.writtenTwice' } });
      // Đức's chat ballot takes no press once his written vote is in.
      expect(await press(world, 304, 1, 'no')).toEqual({ ok: false, error: { kind: 'year.error.votedInWriting' } });
      expect(await writtenRows()).toEqual(recorded);
      // Who sent a paper ballot, apart from the sums: no table row holds both a member and a choice.
      expect(recorded.ballots.map((row) => [row.person_id, Number(row.present)])).toEqual([
        ['clerk', 1],
        ['duc', 0],
      ]);
      expect(Object.keys(recorded.ballots[0]!).sort()).toEqual([
        'person_id',
        'present',
        'recorded_at',
        'recorded_by',
        'review_id',
      ]);
      expect(recorded.totals.map((row) => [Number(row.yes), Number(row.no)])).toEqual([[2, 0]]);
      expect(Object.keys(recorded.totals[0]!).sort()).toEqual(['no', 'position', 'review_id', 'yes']);

      world.clock.set(at('2026-12-10T10:00:00'));
      const result = value(await world.run((scope) => closeReview(scope, { userId: ADMIN }, { reviewId })));
      // 5 members; present: 2 in chat and the secretary's paper ballot at the meeting; 2/3 of 5 needs 4.
      expect(result.closed).toMatchObject({ members: 5, present: 3, quorumNeeded: 4, quorumMet: false });
      expect(result.written).toEqual({ present: 1, absent: 1 });
      expect(result.candidates[0]!.result).toMatchObject({ yes: 4, no: 0, base: 5, status: 'no-quorum' });
      expect(resultText('vi', result, await world.run((scope) => scope.directory.units()))).toContain(
        '📝 Phiếu giấy: 1 bỏ tại cuộc họp, 1 gửi bằng văn bản (không tính vào số có mặt).',
      );
      // The sums are gone once counted; who sent a paper ballot stays, as who voted in chat does.
      expect((await writtenRows()).totals).toEqual([]);
      expect(await write({ ...clerk, personIds: ['ngoc'] })).toEqual({
        ok: false,
        error: { kind: 'year.error.ballotClosed' },
      });

      const minutes = reviewMinutesPaper(
        value(
          await world.run((scope) => reviewMinutesInput(scope, { userId: ADMIN }, { reviewId, paper: { place: '' } })),
        ),
      );
      // An empty place is no place: the council's from the top unit, "Công an tỉnh Lạng Sơn".
      expect(minutes.heading.placeDate).toBe('Lạng Sơn, ngày 10 tháng 12 năm 2026');
      const text = minutes.body.map((block) =>
        block.kind === 'paragraph' ? block.runs.map((r) => r.text).join('') : '',
      );
      expect(text).toContain('Hình thức: bỏ phiếu kín. Số phiếu phát ra: 5; số phiếu thu về: 4; số phiếu hợp lệ: 4.');
      expect(text.join('\n')).toContain('Thiếu úy Hoàng Văn Đức (gửi phiếu bằng văn bản)');
    });

    it('counts paper ballots cast at the meeting toward the quorum', async () => {
      const { reviewId } = await open('2026-12-11');
      for (const userId of [HEAD, 301]) expect((await press(world, userId, 1, 'yes')).ok).toBe(true);
      value(await write({ reviewId, personIds: ['clerk', 'ngoc'], present: true, votes: [{ yes: 1, no: 1 }] }));
      world.clock.set(at('2026-12-11T10:00:00'));
      const result = value(await world.run((scope) => closeReview(scope, { userId: ADMIN }, { reviewId })));
      expect(result.closed).toMatchObject({ members: 5, present: 4, quorumNeeded: 4, quorumMet: true });
      // 3 yes of the whole council of 5: more than half.
      expect(result.candidates[0]!.result).toMatchObject({ yes: 3, no: 1, base: 5, status: 'proposed' });
    });
  });
}
