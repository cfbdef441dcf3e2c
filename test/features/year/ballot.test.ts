import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closeDueReviews,
  closeReview,
  openReview,
  parseBallotData,
  pledge,
  reviewStatus,
} from '../../../src/features/year';
import { choiceKeyOf } from '../../../src/features/year/ballot-token';
import { DIALECTS } from '../../helpers/dialects';
import {
  ballotOf,
  dumpAllTables,
  everyCallbackData,
  HOOK_TIMEOUT_MS,
  officer,
  press,
  TEAM_1,
  TEAM_2,
  type YearWorld,
  yearWorld,
} from './year-world';

const JANUARY = new Date('2026-01-12T02:00:00Z');
const DECEMBER = new Date('2026-12-10T02:00:00Z');
const HOUR = 3600_000;
const COMMANDER = 300;
/** Team 1's officers: users 301–306, persons p301–p306; the commander is p300. */
const OFFICERS = [301, 302, 303, 304, 305, 306];

/** CSTT at the unit's meeting: at least half of those who voted, a quorum of two thirds of the members. */
const CSTT_BY_HALF = {
  cstt: { review: { share: '1/2', comparison: 'at-least', base: 'present', quorum: '2/3' } },
} as const;

async function teamWithCandidates(world: YearWorld, candidates: readonly number[] = [301, 302]): Promise<void> {
  officer(world, 'p300', COMMANDER, TEAM_1, { rank: 'Thiếu tá', fullName: 'Nguyễn Văn Ẩn', position: 'Đội trưởng' });
  const names = [
    'Hà Văn Hưng',
    'Nông Thị Bích Ngọc',
    'Lường Thị Ngọc Ánh',
    'Hoàng Văn Đức',
    'Vi Thị Mai',
    'Lý Văn Sơn',
  ];
  for (const [index, userId] of OFFICERS.entries())
    officer(world, `p${userId}`, userId, TEAM_1, { rank: 'Thiếu úy', fullName: names[index]!, position: 'Cán bộ' });
  world.clock.set(JANUARY);
  for (const userId of candidates) {
    const pledged = await world.run((scope) => pledge(scope, { userId }, { unitId: TEAM_1, title: 'cstt' }));
    expect(pledged.ok).toBe(true);
  }
  world.clock.set(DECEMBER);
}

const open = (world: YearWorld, closesAt = new Date(DECEMBER.getTime() + 48 * HOUR)) =>
  world.run((scope) => openReview(scope, { userId: COMMANDER }, { unitId: TEAM_1, title: 'cstt', closesAt }));

const opened = async (world: YearWorld) => {
  const result = await open(world);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  await world.deliver();
  return result.value;
};

const close = async (world: YearWorld, reviewId: number, by = COMMANDER) => {
  const result = await world.run((scope) => closeReview(scope, { userId: by }, { reviewId }));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

/** The ballot's state as stored: every choice row and every voter row, in a fixed order. */
const ballotRows = async (world: YearWorld) => ({
  choices: await world.db
    .selectFrom('year_ballot_choices')
    .selectAll()
    .orderBy('token_hash')
    .orderBy('position')
    .execute(),
  voters: await world.db.selectFrom('year_ballot_voters').selectAll().orderBy('user_id').execute(),
});

for (const dialect of DIALECTS) {
  describe(`the secret ballot on ${dialect}`, () => {
    let world: YearWorld;
    beforeEach(async () => {
      world = await yearWorld(dialect, JANUARY);
      world.settings = { ruleOverrides: CSTT_BY_HALF };
      await teamWithCandidates(world);
    }, HOOK_TIMEOUT_MS);
    afterEach(() => world.dispose());

    it('keeps who voted apart from what they voted: no table and no log line ties a choice to a voter', async () => {
      // Telegram failing now and then makes the sender and the transport log, the failed calls' payloads at hand.
      world.api.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
      world.api.failNext(
        'editMessageText',
        { error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 1 } },
        2,
      );
      const review = await opened(world);
      expect(review.voters).toBe(7);
      // Five of seven vote; two change their minds.
      const votes: [number, number, 'yes' | 'no'][] = [
        [301, 1, 'yes'],
        [301, 2, 'no'],
        [302, 1, 'no'],
        [302, 2, 'yes'],
        [303, 1, 'yes'],
        [304, 2, 'yes'],
        [305, 1, 'no'],
        [305, 1, 'yes'],
        [303, 2, 'no'],
        [303, 2, 'yes'],
      ];
      for (const [userId, number, choice] of votes) {
        expect((await press(world, userId, number, choice)).ok).toBe(true);
        await world.deliver();
      }
      // Each voter's ballot shows their own choices, ticked: Telegram holds them, the bot no longer does.
      expect(ballotOf(world, 301).rows).toHaveLength(2);

      const tokens = [...new Set(everyCallbackData(world).map((data) => parseBallotData(data)!.token))];
      expect(tokens).toHaveLength(7);
      const keys = tokens.map(choiceKeyOf);
      const voterIds = [COMMANDER, ...OFFICERS].flatMap((userId) => [String(userId), `p${userId}`]);

      const scan = async () => {
        const dump = await dumpAllTables(world);
        const cells = dump.flatMap(({ table, row }) => Object.values(row).map((cell) => ({ table, cell })));
        // No token anywhere: not in the outbox rows that carried the buttons, nor anywhere else.
        expect(cells.filter(({ cell }) => tokens.some((token) => cell.includes(token)))).toEqual([]);
        // The choices' keys appear in the choices table alone, whose rows name no voter and no time.
        expect(
          cells.filter(({ table, cell }) => table !== 'year_ballot_choices' && keys.some((key) => cell.includes(key))),
        ).toEqual([]);
        for (const { table, row } of dump.filter((each) => each.table === 'year_ballot_choices')) {
          expect(Object.keys(row).sort(), table).toEqual(['choice', 'position', 'review_id', 'token_hash']);
          expect(voterIds).not.toContain(row.token_hash);
        }
        // The rows the voters' ballots and edits went out in keep their chat and times, and no text or buttons.
        const ballotRowsOut = dump.filter(
          ({ table, row }) => table === 'outbox' && row.job === 'year-ballot' && row.status === 'sent',
        );
        expect(ballotRowsOut.length).toBeGreaterThan(0);
        for (const { row } of ballotRowsOut) expect([row.html, row.payload]).toEqual(['', '']);
        return dump;
      };

      const during = await scan();
      // Their storage order is the keys', not the voters'.
      if (dialect === 'sqlite') {
        const stored = await sql<{
          token_hash: string;
        }>`select token_hash from year_ballot_choices order by rowid`.execute(world.db);
        const order = stored.rows.map((row) => row.token_hash);
        expect(order).toEqual([...order].sort());
      } else {
        // Every vote rewrote every row of both tables: one row version (xmin) for all, naming no vote's rows.
        const versions = await sql<{ xmin: string }>`
          select xmin::text as xmin from year_ballot_choices union select xmin::text from year_ballot_voters`.execute(
          world.db,
        );
        expect(versions.rows).toHaveLength(1);
      }
      expect(during.filter(({ table }) => table === 'year_ballot_voters').map(({ row }) => row.voted)).toEqual([
        '0',
        '1',
        '1',
        '1',
        '1',
        '1',
        '0',
      ]);

      const result = await close(world, review.reviewId);
      await world.deliver();
      const after = await scan();
      expect(after.filter(({ table }) => table === 'year_ballot_choices')).toEqual([]);
      expect(result.closed).toMatchObject({ members: 7, present: 5, quorumNeeded: 5, quorumMet: true });
      expect(result.candidates.map((candidate) => [candidate.subjectId, candidate.result])).toEqual([
        ['p301', { yes: 3, no: 1, base: 5, needed: 3, status: 'proposed' }],
        ['p302', { yes: 3, no: 1, base: 5, needed: 3, status: 'proposed' }],
      ]);
      // The voters' ballots now say the ballot closed, with no buttons.
      expect(ballotOf(world, 301)).toMatchObject({ rows: [] });

      // Nothing the sender or the transport logged names a token or a choice key.
      expect(world.logs.length).toBeGreaterThan(0);
      const logged = JSON.stringify(world.logs);
      for (const secret of [...tokens, ...keys]) expect(logged).not.toContain(secret);
    });

    it('counts a changed vote once', async () => {
      const review = await opened(world);
      for (const choice of ['yes', 'no', 'yes', 'yes'] as const) {
        const pressed = await press(world, 301, 1, choice);
        expect(pressed.ok).toBe(true);
        await world.deliver();
      }
      const repeated = await press(world, 301, 1, 'yes');
      expect(repeated).toEqual({
        ok: true,
        value: { reviewId: review.reviewId, number: 1, choice: 'yes', changed: false },
      });
      const status = await world.run((scope) =>
        reviewStatus(scope, { userId: COMMANDER }, { reviewId: review.reviewId }),
      );
      expect(status.ok && status.value).toMatchObject({ issued: 7, voted: 1 });
      const result = await close(world, review.reviewId);
      expect(result.closed).toMatchObject({ present: 1 });
      expect(result.candidates[0]!.result).toMatchObject({ yes: 1, no: 0 });
      expect(result.candidates[1]!.result).toMatchObject({ yes: 0, no: 0 });
    });

    it('changes nothing on a late or foreign press', async () => {
      const review = await opened(world);
      expect((await press(world, 302, 1, 'yes')).ok).toBe(true);
      await world.deliver();
      const before = await ballotRows(world);
      const mine = ballotOf(world, 301);
      const theirs = ballotOf(world, 302);
      const refused = async (attempt: ReturnType<typeof press>, kind: string) => {
        expect(await attempt).toEqual({ ok: false, error: { kind } });
        expect(await ballotRows(world)).toEqual(before);
      };
      // Another voter's button pressed from my chat, on my ballot message: the token is not mine.
      await refused(press(world, 301, 1, 'no', { data: theirs.rows[0]![1]! }), 'year.error.notYourBallot');
      // My button, from another chat (a group), or on another message than my ballot.
      await refused(press(world, 301, 1, 'no', { chatId: -100123 }), 'year.error.notYourBallot');
      await refused(press(world, 301, 1, 'no', { messageId: mine.messageId + 1 }), 'year.error.notYourBallot');
      // Someone who was issued no ballot, pressing data they got hold of.
      officer(world, 'p999', 999, TEAM_2, { rank: 'Trung úy', fullName: 'Người Ngoài' });
      await refused(press(world, 301, 1, 'no', { by: 999 }), 'year.error.notYourBallot');
      // A made-up token, a candidate not on the ballot, a review that does not exist.
      const made = mine.rows[0]![1]!.replace(/:[^:]+$/, ':AAAAAAAAAAAAAAAAAAAAAA');
      await refused(press(world, 301, 1, 'no', { data: made }), 'year.error.notYourBallot');
      await refused(
        press(world, 301, 1, 'no', { data: mine.rows[0]![1]!.replace(/^yb:(\d+):0:/, 'yb:$1:7:') }),
        'year.error.notYourBallot',
      );
      await refused(
        press(world, 301, 1, 'no', { data: mine.rows[0]![1]!.replace(/^yb:\d+:/, 'yb:999:') }),
        'year.error.notYourBallot',
      );
      // After the deadline, before the job closed it; and after the close.
      world.clock.set(new Date(DECEMBER.getTime() + 48 * HOUR));
      await refused(press(world, 301, 1, 'no'), 'year.error.ballotClosed');
      world.clock.set(new Date(DECEMBER.getTime() + HOUR));
      await close(world, review.reviewId);
      const closedRows = await ballotRows(world);
      expect(await press(world, 302, 1, 'no', { data: theirs.rows[0]![1]!, messageId: theirs.messageId })).toEqual({
        ok: false,
        error: { kind: 'year.error.ballotClosed' },
      });
      expect(await ballotRows(world)).toEqual(closedRows);
    });

    it('meets the quorum and the share exactly at their boundaries', async () => {
      // 7 members, a quorum of 2/3: 5 must vote. At least 1/2 of those who voted: 3 of 5, 2 of 4.
      const first = await opened(world);
      for (const userId of [301, 302, 303]) expect((await press(world, userId, 1, 'yes')).ok).toBe(true);
      for (const userId of [304, 305]) expect((await press(world, userId, 1, 'no')).ok).toBe(true);
      for (const userId of [301, 302]) expect((await press(world, userId, 2, 'yes')).ok).toBe(true);
      const met = await close(world, first.reviewId);
      expect(met.closed).toMatchObject({ members: 7, present: 5, quorumNeeded: 5, quorumMet: true });
      expect(met.candidates.map((candidate) => candidate.result?.status)).toEqual(['proposed', 'not-passed']);
      expect(met.candidates.map((candidate) => candidate.result?.needed)).toEqual([3, 3]);

      // One fewer voter: the quorum is missed, whatever the shares.
      await world.run((scope) => scope.db.deleteFrom('year_registrations').where('subject_id', '=', 'p301').execute());
      const pledged = await world.run((scope) =>
        pledge(scope, { userId: COMMANDER }, { unitId: TEAM_1, title: 'cstt', personId: 'p301' }),
      );
      expect(pledged.ok).toBe(true);
      const second = await opened(world);
      for (const userId of [301, 302, 303, 304]) expect((await press(world, userId, 1, 'yes')).ok).toBe(true);
      const missed = await close(world, second.reviewId);
      expect(missed.closed).toMatchObject({ present: 4, quorumNeeded: 5, quorumMet: false });
      expect(missed.candidates.map((candidate) => candidate.result?.status)).toEqual(['no-quorum', 'no-quorum']);
    });

    it('closes once: a second close, the deadline job after it, or another close by the opener changes nothing', async () => {
      const review = await opened(world);
      expect((await press(world, 301, 1, 'yes')).ok).toBe(true);
      expect(await world.run((scope) => closeReview(scope, { userId: 301 }, { reviewId: review.reviewId }))).toEqual({
        ok: false,
        error: { kind: 'year.error.notOpener' },
      });
      const first = await close(world, review.reviewId);
      expect(first.alreadyClosed).toBeUndefined();
      const dump = await dumpAllTables(world);
      const again = await close(world, review.reviewId);
      expect(again).toEqual({ ...first, alreadyClosed: true });
      world.clock.set(new Date(DECEMBER.getTime() + 72 * HOUR));
      expect(await world.run((scope) => closeDueReviews(scope))).toEqual([]);
      expect(await dumpAllTables(world)).toEqual(dump);

      // The deadline closes the next one, with no closer; an admin's close after it is harmless.
      const next = await open(world, new Date(DECEMBER.getTime() + 96 * HOUR));
      expect(next.ok).toBe(true);
      world.clock.set(new Date(DECEMBER.getTime() + 96 * HOUR));
      const due = await world.run((scope) => closeDueReviews(scope));
      expect(due.map((result) => [result.reviewId, result.closed?.by])).toEqual([
        [next.ok && next.value.reviewId, null],
      ]);
      const late = await close(world, next.ok ? next.value.reviewId : 0, 1);
      expect(late.alreadyClosed).toBe(true);
    });

    it('gives no ballot to who joins after the opening, and counts no one who left', async () => {
      const review = await opened(world);
      officer(world, 'p307', 307, TEAM_1, { rank: 'Thiếu úy', fullName: 'Mới Đến' });
      world.roster.add({
        ...world.roster.people.get('p307')!,
        since: new Date(DECEMBER.getTime() + HOUR).toISOString(),
      });
      world.clock.set(new Date(DECEMBER.getTime() + 2 * HOUR));
      await world.deliver();
      expect(world.api.sentMessages(307)).toEqual([]);
      // 305 votes then leaves; 306 leaves without voting.
      expect((await press(world, 305, 1, 'yes')).ok).toBe(true);
      for (const userId of [301, 302, 303]) expect((await press(world, userId, 1, 'yes')).ok).toBe(true);
      world.roster.leave('p305', new Date(DECEMBER.getTime() + 3 * HOUR));
      world.roster.leave('p306', new Date(DECEMBER.getTime() + 3 * HOUR));
      world.clock.set(new Date(DECEMBER.getTime() + 4 * HOUR));
      const result = await close(world, review.reviewId);
      // 7 issued; 306 left and is no member; 305's ballot cannot be told apart, so it stays, with its voter.
      expect(result.closed).toMatchObject({
        members: 6,
        present: 4,
        leftAfterVoting: 1,
        quorumNeeded: 4,
        quorumMet: true,
      });
      expect(result.candidates[0]!.result).toMatchObject({ yes: 4, status: 'proposed' });
    });
  });
}
