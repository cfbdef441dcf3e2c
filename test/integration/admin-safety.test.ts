import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, commandEntities, users } from '../helpers/updates';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
  await bot.setUpUnits();
});
afterEach(() => bot.close());

const inPrivate = (text: string) => bot.send(users.admin, chats.private(users.admin), text);
const unitOfGroup = async (chatId: number) =>
  (
    await bot.db
      .selectFrom('chats')
      .innerJoin('units', 'units.id', 'chats.unit_id')
      .select('units.code')
      .where('chats.chat_id', '=', chatId)
      .executeTakeFirst()
  )?.code;
const later = (minutes: number) => bot.clock.set(new Date(bot.clock.now().getTime() + minutes * 60_000));

describe('/register in a group bound to another unit', () => {
  it('asks for confirmation and changes nothing until an admin presses within 10 minutes', async () => {
    const asked = await bot.send(users.admin, chats.pc08, '/register PC06');
    const card = asked.sent[0]!;

    expect(asked.text).toContain('đang gắn với đơn vị PC08');
    expect(asked.text).toContain('Chuyển sang PC06');
    expect(card.reply_markup?.inline_keyboard[0]?.map((button) => button.text)).toEqual([
      '✅ Chuyển sang PC06',
      '✖️ Giữ nguyên',
    ]);
    expect(await unitOfGroup(chats.pc08.id)).toBe('PC08');

    const byOfficer = await bot.press(users.alice, card);
    expect(byOfficer.calls.find((call) => call.method === 'answerCallbackQuery')?.payload.text).toContain(
      'Chỉ quản trị viên',
    );
    expect(await unitOfGroup(chats.pc08.id)).toBe('PC08');

    const confirmed = await bot.press(users.admin, card);
    expect(await unitOfGroup(chats.pc08.id)).toBe('PC06');
    const edit = confirmed.calls.find((call) => call.method === 'editMessageText');
    expect(edit?.payload.text).toContain('đã chuyển từ PC08 sang đơn vị <b>PC06</b>');

    // A second press (or a redelivered one) finds the request answered, its buttons gone: nothing changes again.
    const again = await bot.press(users.admin, card);
    expect(again.calls.find((call) => call.method === 'answerCallbackQuery')?.payload.text).toContain(
      'không còn hiệu lực',
    );
    expect(await unitOfGroup(chats.pc08.id)).toBe('PC06');
  });

  it('refuses an expired press and says why', async () => {
    const card = (await bot.send(users.admin, chats.pc08, '/register PC06')).sent[0]!;
    later(11);
    const pressed = await bot.press(users.admin, card);

    expect(pressed.calls.find((call) => call.method === 'answerCallbackQuery')?.payload.text).toContain('quá 10 phút');
    expect(await unitOfGroup(chats.pc08.id)).toBe('PC08');
  });

  it('refuses crafted data under another message, and keeps the unit when asked to', async () => {
    const card = (await bot.send(users.admin, chats.pc08, '/register PC06')).sent[0]!;
    const other = (await bot.send(users.admin, chats.pc08, '/unit list')).sent[0]!;
    const data = card.reply_markup?.inline_keyboard[0]?.[0]?.callback_data ?? '';
    const forged = await bot.press(users.admin, other, data);

    expect(forged.calls.find((call) => call.method === 'answerCallbackQuery')?.payload.text).toContain(
      'không còn hiệu lực',
    );
    expect(await unitOfGroup(chats.pc08.id)).toBe('PC08');

    const keepData = card.reply_markup?.inline_keyboard[0]?.[1]?.callback_data ?? '';
    const kept = await bot.press(users.admin, card, keepData);
    expect(kept.calls.find((call) => call.method === 'editMessageText')?.payload.text).toContain('vẫn gắn với PC08');
    expect(await unitOfGroup(chats.pc08.id)).toBe('PC08');
  });

  it('says so when the group already has that unit, and binds a new group at once', async () => {
    const same = await bot.send(users.admin, chats.pc06, '/register PC06');
    const fresh = { id: -1001000000099, type: 'supergroup' as const, title: 'Đội mới' };
    const bound = await bot.send(users.admin, fresh, '/register PC08-DK');

    expect(same.text).toContain('đã gắn với đơn vị PC06');
    expect(same.text).toContain('không có gì thay đổi');
    expect(same.sent[0]?.reply_markup).toBeUndefined();
    expect(bound.text).toContain('Nhóm này đã gắn với đơn vị PC08-DK');
    expect(await unitOfGroup(fresh.id)).toBe('PC08-DK');
  });
});

describe('/register requests: one-shot, bound to their message, chat and requesting admin', () => {
  const otherAdmin = { id: 9002, is_bot: false, first_name: 'Lý Thị Hoa' };
  const alertText = (answer: Awaited<ReturnType<TestBot['press']>>) =>
    answer.calls.find((call) => call.method === 'answerCallbackQuery')?.payload.text;
  const dataOf = (message: { reply_markup?: { inline_keyboard: { callback_data?: string }[][] } }, index: number) =>
    message.reply_markup?.inline_keyboard[0]?.[index]?.callback_data ?? '';

  it('refuses a replay of "move" after "keep", and of "keep" after "move"', async () => {
    const first = (await bot.send(users.admin, chats.pc08, '/register PC06')).sent[0]!;
    await bot.press(users.admin, first, dataOf(first, 1));
    const replayed = await bot.press(users.admin, bot.api.message(first.chat.id, first.message_id)!, dataOf(first, 0));
    expect(alertText(replayed)).toContain('không còn hiệu lực');
    expect(await unitOfGroup(chats.pc08.id)).toBe('PC08');

    const second = (await bot.send(users.admin, chats.pc08, '/register PC06')).sent[0]!;
    await bot.press(users.admin, second, dataOf(second, 0));
    expect(await unitOfGroup(chats.pc08.id)).toBe('PC06');
    const kept = await bot.press(users.admin, bot.api.message(second.chat.id, second.message_id)!, dataOf(second, 1));
    expect(alertText(kept)).toContain('không còn hiệu lực');
    expect(bot.api.message(second.chat.id, second.message_id)?.text).toContain('đã chuyển từ PC08');
  });

  it('is answered only by the admin who asked', async () => {
    await bot.db
      .insertInto('roles')
      .values({ user_id: otherAdmin.id, role: 'admin', unit_id: null, granted_by: users.admin.id, granted_at: '' })
      .execute();
    bot.app.services.directory.forget('roles');
    const request = (await bot.send(users.admin, chats.pc08, '/register PC06')).sent[0]!;
    for (const index of [0, 1]) {
      const foreign = await bot.press(otherAdmin, request, dataOf(request, index));
      expect(alertText(foreign)).toContain('Chỉ quản trị viên đã gõ /register này');
      expect(foreign.calls.some((call) => call.method === 'editMessageText')).toBe(false);
    }
    expect(await unitOfGroup(chats.pc08.id)).toBe('PC08');
    await bot.press(users.admin, request, dataOf(request, 0));
    expect(await unitOfGroup(chats.pc08.id)).toBe('PC06');
  });

  it('refuses crafted data on its own message: another unit, another admin, another request', async () => {
    const request = (await bot.send(users.admin, chats.pc08, '/register PC06')).sent[0]!;
    const [prefix, updateId, toUnit, fromUnit, adminId] = dataOf(request, 0).split(':');
    for (const crafted of [
      [prefix, updateId, Number(toUnit) + 2, fromUnit, adminId].join(':'),
      [prefix, updateId, toUnit, fromUnit, otherAdmin.id].join(':'),
      [prefix, Number(updateId) - 1, toUnit, fromUnit, adminId].join(':'),
      `regkeep:${updateId}:${fromUnit}`,
    ]) {
      const pressed = await bot.press(users.admin, request, crafted);
      expect(alertText(pressed), crafted).toContain('không còn hiệu lực');
      expect(pressed.calls.map((call) => call.method)).toEqual(['answerCallbackQuery']);
    }
    expect(await unitOfGroup(chats.pc08.id)).toBe('PC08');
    expect(bot.api.message(request.chat.id, request.message_id)?.text).toContain('Chuyển sang PC06');
  });
});

describe('/unit rename, move and retire', () => {
  it('renames a unit and moves it, refusing to move a unit under itself or its own subtree', async () => {
    const renamed = await inPrivate('/unit rename PC08 Phòng CSGT tỉnh');
    const cycle = await inPrivate('/unit move PC08 parent=PC08-DK');
    const self = await inPrivate('/unit move PC08 parent=PC08');
    const moved = await inPrivate('/unit move PC08-DK parent=PC06');
    const list = await inPrivate('/unit list');

    expect(renamed.text).toBe('Đã đổi tên đơn vị PC08: Phòng CSGT tỉnh.');
    expect(cycle.text).toContain('Không thể chuyển PC08 vào PC08-DK');
    expect(self.text).toContain('Không thể chuyển PC08 vào PC08');
    expect(moved.text).toBe('Đơn vị PC08-DK nay trực thuộc PC06.');
    expect(list.text).toBe(
      [
        'Các đơn vị',
        '• CAT Công an tỉnh Lạng Sơn · nhóm: Công an tỉnh Lạng Sơn',
        '  • PC06 Phòng Cảnh sát QLHC về TTXH · nhóm: PC06 - Phòng CS QLHC về TTXH',
        '    • PC08-DK Đội Đăng ký xe',
        '  • PC08 Phòng CSGT tỉnh · nhóm: PC08 - Phòng Cảnh sát Giao thông',
      ].join('\n'),
    );
  });

  it('retires a unit: its history stays, its groups are unbound and told, and it leaves the list and boards', async () => {
    await bot.send(users.chi, chats.pc08, '/log cccd 7');
    const refused = await inPrivate('/unit retire PC08');
    await inPrivate('/unit retire PC08-DK');
    const retired = await inPrivate('/unit retire PC08');
    const notice = retired.sent.find((message) => message.chat.id === chats.pc08.id);
    const reply = retired.sent.find((message) => message.chat.id === users.admin.id);
    const log = await bot.send(users.chi, chats.pc08, '/log cccd 1');
    const list = await inPrivate('/unit list');
    const board = await bot.send(users.alice, chats.province, '/top cccd');
    const twice = await inPrivate('/unit retire PC08');
    const register = await bot.send(users.admin, chats.pc08, '/register PC08');

    expect(refused.text).toContain('còn đơn vị cấp dưới PC08-DK');
    expect(reply?.text).toContain('Đơn vị PC08 (Phòng Cảnh sát Giao thông) đã ngừng hoạt động');
    expect(reply?.text).toContain(
      'không ghi được nữa cho đến khi gắn lại bằng /register MÃ: PC08 - Phòng Cảnh sát Giao thông.',
    );
    expect(notice?.text).toContain('nhóm này không còn gắn với đơn vị nào');
    expect(log.text).toContain('Nhóm này chưa gắn với đơn vị nào');
    expect(await unitOfGroup(chats.pc08.id)).toBeUndefined();
    expect(list.text).not.toContain('• PC08');
    expect(list.text).toContain('Đã ngừng hoạt động: PC08 (Phòng Cảnh sát Giao thông), PC08-DK (Đội Đăng ký xe)');
    expect(board.text).not.toContain('Giao thông');
    expect(twice.text).toBe('Đơn vị PC08 đã ngừng hoạt động.');
    expect(register.text).toBe('Đơn vị PC08 đã ngừng hoạt động.');
    const entries = await bot.standingEntries();
    expect(entries.map((entry) => [entry.metric_code, entry.amount])).toEqual([['cccd', 7]]);
  });

  it('refuses units that do not exist and a retired parent', async () => {
    await inPrivate('/unit retire PC08-DK');
    const unknown = await inPrivate('/unit rename NOPE Tên');
    const underRetired = await inPrivate('/unit add X1 Đội X parent=PC08-DK');
    const moveUnder = await inPrivate('/unit move PC06 parent=PC08-DK');

    expect(unknown.text).toContain('Không có đơn vị "NOPE"');
    expect(underRetired.text).toBe('Đơn vị PC08-DK đã ngừng hoạt động.');
    expect(moveUnder.text).toBe('Đơn vị PC08-DK đã ngừng hoạt động.');
  });
});

describe('/metric retire and aliases', () => {
  it('keeps a retired metric’s history; /log refuses it clearly and /metrics marks it', async () => {
    await bot.send(users.alice, chats.pc06, '/log vlnc 4');
    const retired = await inPrivate('/metric retire vlnc');
    const log = await bot.send(users.alice, chats.pc06, '/log cccd 5 vlnc 2');
    const metrics = await bot.send(users.alice, chats.pc06, '/metrics');
    const me = await bot.send(users.alice, chats.pc06, '/me');
    const alias = await inPrivate('/metric alias vlnc thuốc nổ');

    expect(retired.text).toContain('Đã ngừng theo dõi chỉ tiêu vlnc');
    expect(log.text).toContain('Chỉ tiêu vlnc (Giấy phép vận chuyển vật liệu nổ công nghiệp) đã ngừng theo dõi');
    expect(log.text).toContain('chưa ghi gì');
    expect(metrics.text).not.toContain('• vlnc');
    expect(metrics.text).toContain('Đã ngừng theo dõi (không ghi được nữa): vlnc (');
    expect(me.text).toContain('Giấy phép vận chuyển vật liệu nổ công nghiệp: 4');
    expect(alias.text).toBe('Chỉ tiêu vlnc đã ngừng theo dõi.');
    const entries = await bot.standingEntries();
    expect(entries.map((entry) => [entry.metric_code, entry.amount])).toEqual([['vlnc', 4]]);
  });

  it('shows an alias with its diacritics and still matches it folded', async () => {
    const added = await inPrivate('/metric alias dkoto Xe Ô Tô Mới');
    const metrics = await bot.send(users.alice, chats.pc06, '/chitieu');
    const logged = await bot.send(users.alice, chats.pc06, '/log xe o to moi 2');

    expect(added.text).toBe('"Xe Ô Tô Mới" nay cũng là tên gọi của dkoto.');
    expect(metrics.text).toContain('Xe Ô Tô Mới');
    expect(logged.text).toContain('Đăng ký mới xe ô tô 2 xe');
    const rows = await bot.db.selectFrom('metric_aliases').selectAll().where('metric_code', '=', 'dkoto').execute();
    expect(rows).toContainEqual({ alias: 'xe o to moi', metric_code: 'dkoto', display: 'Xe Ô Tô Mới' });
  });

  it.each([
    ['/metric alias cccd 120', 'không được là số'],
    ['/metric alias cccd hôm qua', 'trùng với cách viết ngày'],
    ['/metric alias cccd thứ hai', 'trùng với cách viết ngày'],
    ['/metric alias cccd dkoto', 'đã là mã hoặc tên gọi khác của chỉ tiêu dkoto'],
    ['/metric alias cccd Ô TÔ', 'đã là mã hoặc tên gọi khác của chỉ tiêu dkoto'],
    [`/metric alias cccd ${'a'.repeat(41)}`, 'tối đa 40 ký tự'],
  ])('refuses %j and stores nothing', async (text, expected) => {
    const before = await bot.db.selectFrom('metric_aliases').selectAll().execute();
    const answer = await inPrivate(text);

    expect(answer.text).toContain(expected);
    expect(await bot.db.selectFrom('metric_aliases').selectAll().execute()).toEqual(before);
  });
});

describe('/unit list with many units', () => {
  it('lists 150 units with their groups in messages that each fit Telegram', async () => {
    for (let index = 1; index <= 150; index++) {
      const code = `D${String(index).padStart(3, '0')}`;
      await inPrivate(`/unit add ${code} Đội ${'Cảnh sát '.repeat(10)}số ${index} parent=PC06`);
      if (index % 10 === 0) {
        await bot.send(
          users.admin,
          { id: -1002000000000 - index, type: 'supergroup', title: `Nhóm ${code}` },
          `/register ${code}`,
        );
      }
    }
    const list = await inPrivate('/unit list');
    const sentTexts = list.calls
      .filter((call) => call.method === 'sendMessage')
      .map((call) => String(call.payload.text));

    expect(sentTexts.length).toBeGreaterThan(1);
    for (const text of sentTexts) expect([...text].length).toBeLessThanOrEqual(4096);
    const all = list.sent.map((message) => message.text ?? '').join('\n');
    for (let index = 1; index <= 150; index++) expect(all).toContain(`D${String(index).padStart(3, '0')} Đội`);
    expect(all).toContain('D150 Đội');
    expect(all).toContain('· nhóm: Nhóm D150');
  }, 60_000);
});

describe('editing a /log to a retired metric', () => {
  it('leaves the entries as they were and says why', async () => {
    await inPrivate('/metric retire vlnc');
    const update = bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/log cccd 5' });
    await bot.deliver(update);
    const text = '/log vlnc 5';
    const edit = await bot.deliver(
      bot.updates.raw({
        edited_message: {
          ...update.message,
          text,
          entities: commandEntities(text),
          edit_date: Math.floor(bot.clock.now().getTime() / 1000),
        },
      }),
    );

    expect(edit.text).toContain('kết quả vẫn giữ như cũ');
    expect(edit.text).toContain('Chỉ tiêu vlnc');
    const entries = await bot.standingEntries();
    expect(entries.map((entry) => [entry.metric_code, entry.amount])).toEqual([['cccd', 5]]);
  });
});
