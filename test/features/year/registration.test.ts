import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addToCouncil,
  councilMembers,
  flag,
  flagsOf,
  parsePledgeWindow,
  pledge,
  previewReview,
  removeFromCouncil,
  unflag,
  unitRegistrations,
} from '../../../src/features/year';
import { yearErrorText } from '../../../src/i18n/year-text';
import { DIALECTS } from '../../helpers/dialects';
import { ADMIN, HOOK_TIMEOUT_MS, officer, PC08, TEAM_1, TEAM_2, type YearWorld, yearWorld } from './year-world';

const JANUARY = new Date('2026-01-12T02:00:00Z');
const APRIL = new Date('2026-04-02T02:00:00Z');
/** Commanders: 200 of PC08 (and so of both teams), 300 of team 1. */
const PC08_HEAD = 200;
const TEAM_1_HEAD = 300;

describe('parsePledgeWindow', () => {
  it.each([
    ['1-3', { from: '01-01', to: '03-31' }],
    ['2-2', { from: '02-01', to: '02-29' }],
    ['11-2', { from: '11-01', to: '02-29' }],
    ['01-01..03-15', { from: '01-01', to: '03-15' }],
    ['13-2', undefined],
    ['01-32..03-01', undefined],
    ['January', undefined],
  ])('reads %j', (text, window) => {
    expect(parsePledgeWindow(text)).toEqual(window);
  });
});

for (const dialect of DIALECTS) {
  describe(`registration and flags on ${dialect}`, () => {
    let world: YearWorld;
    const as = (userId: number) => ({ userId });
    beforeEach(async () => {
      world = await yearWorld(dialect, JANUARY);
      officer(world, 'hung', 301, TEAM_1, { rank: 'Thiếu úy', fullName: 'Hà Văn Hưng', position: 'Cán bộ' });
      officer(world, 'ngoc', 302, TEAM_1, {
        rank: 'Trung úy',
        fullName: 'Nông Thị Bích Ngọc',
        position: 'Phó Đội trưởng',
      });
      officer(world, 'duc', 401, TEAM_2, { rank: 'Thiếu úy', fullName: 'Hoàng Văn Đức' });
      officer(world, 'an', TEAM_1_HEAD, TEAM_1, {
        rank: 'Thiếu tá',
        fullName: 'Nguyễn Văn Ẩn',
        position: 'Đội trưởng',
      });
    }, HOOK_TIMEOUT_MS);
    afterEach(() => world.dispose());

    it('registers an officer on the unit’s roster, and refuses anyone else with a clear answer', async () => {
      const pledged = await world.run((scope) => pledge(scope, as(301), { unitId: TEAM_1, title: 'cstdcs' }));
      expect(pledged).toMatchObject({
        ok: true,
        value: { year: 2026, title: 'cstdcs', subjectId: 'hung', onBehalf: false },
      });
      // Not on any roster; on another unit's; gone from the roster.
      for (const [userId, unitId] of [
        [999, TEAM_1],
        [401, TEAM_1],
      ] as const) {
        const refused = await world.run((scope) => pledge(scope, as(userId), { unitId, title: 'cstt' }));
        expect(refused).toEqual({ ok: false, error: { kind: 'year.error.notOnRoster' } });
      }
      world.roster.leave('ngoc', new Date(JANUARY.getTime() - 1000));
      expect(await world.run((scope) => pledge(scope, as(302), { unitId: TEAM_1, title: 'cstt' }))).toEqual({
        ok: false,
        error: { kind: 'year.error.notOnRoster' },
      });
      // A unit's title is the commander's to register; an officer's title is not a unit's.
      expect(await world.run((scope) => pledge(scope, as(301), { unitId: TEAM_1, title: 'dvtt' }))).toEqual({
        ok: false,
        error: { kind: 'year.error.notCommander' },
      });
      expect(
        await world.run((scope) => pledge(scope, as(TEAM_1_HEAD), { unitId: TEAM_1, title: 'dvqt', personId: 'hung' })),
      ).toEqual({ ok: false, error: { kind: 'year.error.collectiveTitle', title: 'dvqt' } });
      expect(await world.run((scope) => pledge(scope, as(301), { unitId: TEAM_1, title: 'cstt', year: 2028 }))).toEqual(
        {
          ok: false,
          error: { kind: 'year.error.yearOutOfRange', year: 2028 },
        },
      );
      // Each refusal reads as a sentence in both languages.
      expect(yearErrorText('vi', { kind: 'year.error.collectiveTitle', title: 'dvqt' })).toBe(
        '“Đơn vị quyết thắng” là danh hiệu tập thể: chỉ huy đăng ký cho cả đơn vị.',
      );
      expect(yearErrorText('en', { kind: 'year.error.notOnRoster' })).toContain('not on this unit’s roster');
      const stored = await world.db.selectFrom('year_registrations').select(['subject_id', 'title']).execute();
      expect(stored).toEqual([{ subject_id: 'hung', title: 'cstdcs' }]);
    });

    it('lets a commander register the unit, and someone on their behalf; a pledge again replaces the title', async () => {
      expect(
        await world.run((scope) => pledge(scope, as(TEAM_1_HEAD), { unitId: TEAM_1, title: 'dvqt' })),
      ).toMatchObject({
        ok: true,
        value: { subjectId: 'unit:3', title: 'dvqt' },
      });
      // The head of PC08 commands team 1 too.
      expect(
        await world.run((scope) => pledge(scope, as(PC08_HEAD), { unitId: TEAM_1, title: 'cstt', personId: 'ngoc' })),
      ).toMatchObject({ ok: true, value: { subjectId: 'ngoc', onBehalf: true } });
      expect(
        await world.run((scope) => pledge(scope, as(301), { unitId: TEAM_1, title: 'cstt', personId: 'ngoc' })),
      ).toEqual({ ok: false, error: { kind: 'year.error.notCommander' } });
      // The head of team 1 cannot register someone of team 2.
      expect(
        await world.run((scope) => pledge(scope, as(TEAM_1_HEAD), { unitId: TEAM_2, title: 'cstt', personId: 'duc' })),
      ).toEqual({ ok: false, error: { kind: 'year.error.notCommander' } });
      world.clock.set(new Date(JANUARY.getTime() + 3600_000));
      expect(await world.run((scope) => pledge(scope, as(302), { unitId: TEAM_1, title: 'cstdcs' }))).toMatchObject({
        ok: true,
        value: { replaced: 'cstt', onBehalf: false },
      });
      const listed = await world.run((scope) => unitRegistrations(scope, as(301), { unitId: TEAM_1 }));
      expect(listed).toEqual({
        ok: true,
        value: {
          year: 2026,
          unitId: TEAM_1,
          unitName: 'Đội Cảnh sát giao thông số 1',
          collective: { title: 'dvqt', registeredAt: JANUARY.toISOString() },
          people: [
            {
              personId: 'ngoc',
              name: { rank: 'Trung úy', fullName: 'Nông Thị Bích Ngọc' },
              position: 'Phó Đội trưởng',
              title: 'cstdcs',
              registeredAt: new Date(JANUARY.getTime() + 3600_000).toISOString(),
            },
          ],
        },
      });
    });

    it('keeps the window: outside it only a commander registers', async () => {
      world.settings = { pledgeWindow: parsePledgeWindow('1-3')! };
      expect((await world.run((scope) => pledge(scope, as(301), { unitId: TEAM_1, title: 'cstt' }))).ok).toBe(true);
      world.clock.set(APRIL);
      const late = await world.run((scope) => pledge(scope, as(302), { unitId: TEAM_1, title: 'cstt' }));
      expect(late).toEqual({ ok: false, error: { kind: 'year.error.windowClosed', from: '01-01', to: '03-31' } });
      expect(yearErrorText('vi', late.ok ? { kind: 'year.error.notAdmin' } : late.error)).toBe(
        'Thời gian đăng ký thi đua là từ ngày 01/01 đến ngày 31/03; ngoài thời gian này chỉ chỉ huy đơn vị đăng ký được.',
      );
      expect(
        (
          await world.run((scope) =>
            pledge(scope, as(TEAM_1_HEAD), { unitId: TEAM_1, title: 'cstt', personId: 'ngoc' }),
          )
        ).ok,
      ).toBe(true);
      expect((await world.run((scope) => pledge(scope, as(TEAM_1_HEAD), { unitId: TEAM_1, title: 'cstt' }))).ok).toBe(
        true,
      );
    });

    it('keeps flags to commanders of the unit and above, and to admins; a flag keeps a candidate out', async () => {
      for (const userId of [301, 302])
        await world.run((scope) => pledge(scope, as(userId), { unitId: TEAM_1, title: 'cstt' }));
      const input = {
        personId: 'hung',
        kind: 'discipline-pending',
        reason: 'Đang xem xét kỷ luật theo đơn ngày 3/11',
      } as const;
      expect(await world.run((scope) => flag(scope, as(301), input))).toEqual({
        ok: false,
        error: { kind: 'year.error.notCommander' },
      });
      expect(await world.run((scope) => flag(scope, as(TEAM_1_HEAD), { ...input, reason: ' ok ' }))).toEqual({
        ok: false,
        error: { kind: 'year.error.reasonNeeded' },
      });
      const flagged = await world.run((scope) => flag(scope, as(TEAM_1_HEAD), input));
      expect(flagged).toMatchObject({ ok: true, value: { subjectId: 'hung' } });
      // Seen by the team's head, PC08's and an admin; not by an officer, nor by a commander elsewhere.
      await world.db
        .insertInto('roles')
        .values({
          user_id: 400,
          role: 'commander',
          unit_id: TEAM_2,
          granted_by: ADMIN,
          granted_at: JANUARY.toISOString(),
        })
        .execute();
      for (const userId of [TEAM_1_HEAD, PC08_HEAD, ADMIN]) {
        const seen = await world.run((scope) => flagsOf(scope, as(userId), { unitId: TEAM_1 }));
        expect(seen.ok && seen.value.map((each) => [each.subjectId, each.reason, each.name.fullName])).toEqual([
          ['hung', input.reason, 'Hà Văn Hưng'],
        ]);
      }
      for (const userId of [301, 400])
        expect(await world.run((scope) => flagsOf(scope, as(userId), { unitId: TEAM_1 }))).toEqual({
          ok: false,
          error: { kind: 'year.error.notCommander' },
        });
      // The review's evidence: the flagged one is ineligible, with the flag's citation.
      world.clock.set(new Date('2026-12-10T02:00:00Z'));
      const preview = await world.run((scope) =>
        previewReview(scope, as(TEAM_1_HEAD), { unitId: TEAM_1, title: 'cstt' }),
      );
      if (!preview.ok) throw new Error(JSON.stringify(preview.error));
      const hung = preview.value.candidates.find((candidate) => candidate.subjectId === 'hung')!;
      expect(hung.eligibility.eligible).toBe(false);
      expect(hung.eligibility.checks.find((check) => check.kind === 'flags')).toMatchObject({
        outcome: 'fail',
        citation: { act: 'circular-04-2024-bca' },
      });
      expect(hung.flags.map((each) => each.reason)).toEqual([input.reason]);
      expect(preview.value.candidates.find((candidate) => candidate.subjectId === 'ngoc')!.eligibility.eligible).toBe(
        true,
      );

      const flagId = flagged.ok ? flagged.value.flagId : 0;
      expect(await world.run((scope) => unflag(scope, as(400), { flagId }))).toEqual({
        ok: false,
        error: { kind: 'year.error.notCommander' },
      });
      expect(await world.run((scope) => unflag(scope, as(PC08_HEAD), { flagId }))).toEqual({
        ok: true,
        value: { subjectId: 'hung' },
      });
      expect(await world.run((scope) => unflag(scope, as(PC08_HEAD), { flagId }))).toEqual({
        ok: false,
        error: { kind: 'year.error.unknownFlag' },
      });
      expect(await world.run((scope) => flagsOf(scope, as(ADMIN), { unitId: PC08 }))).toEqual({ ok: true, value: [] });
    });

    it('lets an admin alone name and remove the council’s members', async () => {
      expect(await world.run((scope) => addToCouncil(scope, as(PC08_HEAD), { personId: 'an' }))).toEqual({
        ok: false,
        error: { kind: 'year.error.notAdmin' },
      });
      expect((await world.run((scope) => addToCouncil(scope, as(ADMIN), { personId: 'an' }))).ok).toBe(true);
      expect(await world.run((scope) => addToCouncil(scope, as(ADMIN), { personId: 'an' }))).toEqual({
        ok: false,
        error: { kind: 'year.error.alreadyCouncil' },
      });
      expect(await world.run((scope) => addToCouncil(scope, as(ADMIN), { personId: 'nobody' }))).toEqual({
        ok: false,
        error: { kind: 'year.error.unknownPerson' },
      });
      expect((await world.run((scope) => addToCouncil(scope, as(ADMIN), { personId: 'ngoc' }))).ok).toBe(true);
      expect(await world.run((scope) => removeFromCouncil(scope, as(ADMIN), { personId: 'an' }))).toEqual({
        ok: true,
        value: { personId: 'an' },
      });
      expect(await world.run((scope) => removeFromCouncil(scope, as(ADMIN), { personId: 'an' }))).toEqual({
        ok: false,
        error: { kind: 'year.error.notCouncil' },
      });
      const members = await world.run((scope) => councilMembers(scope, as(301)));
      expect(members.ok && members.value.map((member) => member.personId)).toEqual(['ngoc']);
    });
  });
}
