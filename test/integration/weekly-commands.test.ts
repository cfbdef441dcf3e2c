import { TelegramError } from 'telegraf';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runJob, runJobForPeriod } from '../../src/features/weekly/weekly-jobs';
import { parseJobPeriod } from '../../src/kernel/job-period';
import { chatUnreachableSince } from '../../src/outbox/chat-reachability-store';
import { outboxCounts } from '../../src/outbox/outbox-store';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';
import { deliverDue, dung, em, jobDepsOf, MONDAY_0730, setUpWeek, team, textTo } from '../helpers/weekly';

/** Monday 30/11/2026 10:00 in Vietnam: "last week" is 2026-W48. */
const MONDAY_1000 = new Date('2026-11-30T03:00:00Z');

describe('/digest and /settings', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    await setUpWeek(bot);
    bot.clock.set(MONDAY_1000);
  });
  afterAll(() => bot.close());

  describe('/digest (/tonghop)', () => {
    it('refuses officers, in private and in groups', async () => {
      const inPrivate = await bot.send(users.alice, chats.private(users.alice), '/tonghop');
      const inGroup = await bot.send(users.alice, chats.pc06, '/digest');

      for (const answer of [inPrivate, inGroup]) {
        expect(answer.text).toBe(
          'Bản tổng hợp tuần dành cho chỉ huy và quản trị viên. Đồng chí xem kết quả của mình bằng /toi và bảng xếp hạng bằng /bxh.',
        );
      }
    });

    it("gives a commander last week's digest of their units, in private", async () => {
      const answer = await bot.send(dung, chats.private(dung), '/digest');

      expect(answer.text).toContain('📊 Tổng hợp tuần 23/11/2026–29/11/2026 (2026-W48)');
      expect(answer.text).toContain('Phòng Cảnh sát QLHC về TTXH và các đơn vị trực thuộc');
      expect(answer.text).toContain('⏳ Đề cử chờ đồng chí quyết định (1):');
    });

    it("gives a commander their group's digest for a chosen week, and refuses them in another unit's group", async () => {
      const own = await bot.send(dung, chats.pc06, '/tonghop 2026-w47');
      const other = await bot.send(dung, chats.pc08, '/tonghop');

      expect(own.text).toContain('(2026-W47)');
      expect(own.text).toContain('• Cấp mới căn cước công dân: 100 thẻ (▲ mới)');
      expect(other.text).toBe('Chỉ chỉ huy của đơn vị hoặc quản trị viên được dùng lệnh này trong nhóm.');
    });

    it('gives an admin the whole province in private, and the group’s unit in a group', async () => {
      const province = await bot.send(users.admin, chats.private(users.admin), '/digest');
      const inTeam = await bot.send(users.admin, team, '/digest');

      expect(province.text).toContain('Công an tỉnh Lạng Sơn và các đơn vị trực thuộc');
      expect(province.text).toContain('• PC08-DK Đội Đăng ký xe');
      expect(inTeam.text).toContain('Đội Đăng ký xe và các đơn vị trực thuộc');
    });

    it('explains a week it cannot read', async () => {
      const answer = await bot.send(em, chats.private(em), '/digest tuần trước');

      expect(answer.text).toBe('Cú pháp: /tonghop (tuần trước) hoặc /tonghop 2026-W47 (một tuần theo ISO).');
    });
  });

  describe('/settings (/caidat)', () => {
    it('shows and changes reminders for a commander of the group', async () => {
      const before = await bot.send(dung, chats.pc06, '/caidat');
      const off = await bot.send(dung, chats.pc06, '/caidat nhắc nhở tắt');
      const after = await bot.send(dung, chats.pc06, '/caidat');

      expect(before.text).toBe(
        [
          '⚙️ Cài đặt nhóm (Phòng Cảnh sát QLHC về TTXH)',
          '• Nhắc nhở hằng tuần: bật',
          '• Ngôn ngữ: Tiếng Việt',
          '• Xác nhận /log: tự động (trả lời khi nhóm còn hạn mức tin nhắn, thả ✍ và gộp xác nhận khi hết)',
          '',
          'Đổi: /caidat nhacnho bat|tat, /caidat ngonngu vi|en, /caidat xacnhan traloi|bieutuong|tudong; trong nhóm có chủ đề, gõ /caidat chude trong chủ đề sẽ nhận bài hằng tuần.',
        ].join('\n'),
      );
      expect(off.text).toBe('🔕 Đã tắt nhắc nhở hằng tuần cho nhóm này.');
      expect(after.text).toContain('• Nhắc nhở hằng tuần: tắt');
    });

    it('changes the language as /lang does', async () => {
      const changed = await bot.send(users.admin, team, '/settings lang en');
      const shown = await bot.send(users.admin, team, '/settings');

      expect(changed.text).toBe('Switched to English.');
      expect(shown.text).toContain('• Weekly reminders: on\n• Language: English');
    });

    it("sends a forum group's weekly posts to the topic chosen with /caidat chude, and back to General", async () => {
      const inTopic = await bot.send(users.admin, chats.pc08, '/caidat chude', { threadId: 42 });
      const notForum = await bot.send(users.admin, chats.pc06, '/caidat chude');
      await runJobForPeriod(jobDepsOf(bot), 'leaderboard', parseJobPeriod('leaderboard', '2026-W48')!, MONDAY_1000);
      const sent = await deliverDue(bot);
      const general = await bot.send(users.admin, chats.pc08, '/settings topic');

      expect(inTopic.text).toContain('đăng vào chủ đề này');
      expect(notForum.text).toContain('không chia chủ đề');
      expect(sent.find((message) => message.chat.id === chats.pc08.id)?.message_thread_id).toBe(42);
      expect(sent.find((message) => message.chat.id === chats.pc06.id)?.message_thread_id).toBeUndefined();
      expect(general.text).toContain('General');
    });

    it('refuses officers, private chats, unregistered groups and unknown settings', async () => {
      const officer = await bot.send(users.alice, chats.pc06, '/caidat');
      const inPrivate = await bot.send(users.binh, chats.private(users.binh), '/caidat');
      const stranger = { id: -1001000000099, type: 'supergroup', title: 'Nhóm lạ' } as const;
      const unregistered = await bot.send(users.admin, stranger, '/caidat');
      const unknown = await bot.send(users.admin, chats.province, '/caidat màu xanh');

      expect(officer.text).toBe('Chỉ chỉ huy của đơn vị hoặc quản trị viên được dùng lệnh này trong nhóm.');
      expect(inPrivate.text).toContain('Lệnh này dùng trong nhóm của đơn vị');
      expect(unregistered.text).toContain('Nhóm này chưa gắn với đơn vị nào');
      expect(unknown.text).toBe(
        'Cú pháp: /caidat (xem), /caidat nhacnho bat|tat, /caidat ngonngu vi|en, /caidat xacnhan traloi|bieutuong|tudong, /caidat chude.',
      );
    });
  });
});

describe('a commander who never opened a private chat with the bot', () => {
  let bot: TestBot;
  /** Telegram refuses to message Dũng until he presses Start. */
  let started = false;
  beforeEach(async () => {
    started = false;
    bot = await startTestBot();
    await setUpWeek(bot);
    bot.clock.set(MONDAY_0730);
    // Dũng is the only commander here, so the posts are his digests and the notice.
    await bot.db.deleteFrom('roles').where('user_id', '=', em.id).execute();
    bot.app.services.directory.forget('roles');
    const call = bot.api.call.bind(bot.api);
    bot.api.call = async (method, payload = {}) => {
      if (method === 'sendMessage' && payload.chat_id === dung.id && !started) {
        throw new TelegramError({
          error_code: 403,
          description: "Forbidden: bot can't initiate conversation with a user",
        });
      }
      return call(method, payload);
    };
  });
  afterEach(() => bot.close());

  it('is told once in his unit group, skipped from then on, and reached again after /start', async () => {
    const deps = jobDepsOf(bot);
    // Two digests for him are waiting: both bounce, one notice.
    await runJobForPeriod(deps, 'digest', parseJobPeriod('digest', '2026-W47')!, MONDAY_0730);
    await runJob(deps, 'digest', MONDAY_0730, MONDAY_0730);
    const first = await deliverDue(bot);

    expect(first.map((message) => message.chat.id)).toEqual([chats.pc06.id]);
    const notice = first.find((message) => message.chat.id === chats.pc06.id);
    expect(notice?.text).toBe(
      '📭 Phạm Văn Dũng: bot chưa gửi được bản tổng hợp tuần cho đồng chí vì đồng chí chưa mở trò chuyện riêng với bot. ' +
        'Hãy bấm vào đây rồi bấm «Bắt đầu» để nhận bản tổng hợp từ tuần sau.',
    );
    expect(notice?.entities).toContainEqual(
      expect.objectContaining({ type: 'text_link', url: 'https://t.me/ThiDuaBot?start=digest' }),
    );
    expect(await outboxCounts(bot.db)).toMatchObject({ sent: 1, failed: 2 });
    expect(await chatUnreachableSince(bot.db, dung.id)).toEqual(MONDAY_0730);

    // A week later he is left out, and nobody is told again.
    const nextMonday = new Date('2026-12-07T00:30:00Z');
    bot.clock.set(nextMonday);
    const skipped = await runJob(deps, 'digest', nextMonday, nextMonday);
    expect(skipped).toMatchObject({ period: '2026-W49', planned: 0 });
    expect(textTo(await deliverDue(bot), chats.pc06.id)).toBeUndefined();

    // He presses Start (the link opens /start digest): he hears he will get it, and the next digest reaches him.
    started = true;
    const start = await bot.send(dung, chats.private(dung), '/start digest');
    expect(start.text).toContain('✅ Từ nay đồng chí sẽ nhận bản tổng hợp tuần tại đây.');
    expect(await chatUnreachableSince(bot.db, dung.id)).toBeUndefined();
    const again = await runJobForPeriod(deps, 'digest', parseJobPeriod('digest', '2026-W50')!, nextMonday);
    expect(again.planned).toBe(1);
    expect(textTo(await deliverDue(bot), dung.id)).toContain('(2026-W50)');
  });

  it('hears nothing special from /start when nothing bounced', async () => {
    started = true;
    const start = await bot.send(dung, chats.private(dung), '/start');

    expect(start.text).not.toContain('Từ nay');
  });
});
