import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message, NonChannelChat, User } from '../../src/telegram/update-schema';
import { type Answer, startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

const dung = { id: 1004, is_bot: false, first_name: 'Phạm Văn Dũng' } satisfies User;
/** A new group of the team PC08-DK, bound to no unit yet. */
const teamGroup = { id: -1001000000081, type: 'supergroup', title: 'Đội Đăng ký xe' } satisfies NonChannelChat;

let bot: TestBot;
afterEach(() => bot.close());

const buttonsOf = (message: Message | undefined) => message?.reply_markup?.inline_keyboard.flat() ?? [];
const alertOf = (answer: Answer) => answer.calls.find((call) => call.method === 'answerCallbackQuery')?.payload;

describe('/help', () => {
  beforeEach(async () => {
    bot = await startTestBot();
    await bot.setUpUnits();
    await bot.appointCommander(dung, chats.pc06);
    bot.api.clear();
  });

  it('shows an officer in private the officer’s commands only', async () => {
    const help = await bot.send(users.alice, chats.private(users.alice), '/help');

    expect(help.text).toContain('/log');
    expect(help.text).toContain('/khen');
    expect(help.text).not.toContain('Chỉ huy');
    expect(help.text).not.toContain('/bangdieukhien');
    expect(help.text).not.toContain('Quản trị');
  });

  it('adds the commanders’ commands, /bangdieukhien among them, for a commander', async () => {
    const help = await bot.send(dung, chats.private(dung), '/huongdan');

    expect(help.text).toContain('/log');
    expect(help.text).toContain('Chỉ huy');
    expect(help.text).toContain('/bangdieukhien (/dashboard)');
    expect(help.text).toContain('/xuat');
    expect(help.text).not.toContain('Quản trị');
  });

  it('shows an admin every section', async () => {
    const help = await bot.send(users.admin, chats.private(users.admin), '/help');

    expect(help.text).toContain('/log');
    expect(help.text).toContain('/tonghop');
    expect(help.text).toContain('Quản trị');
    expect(help.text).toContain('/unit add');
  });

  it('keeps every command the help taught before', async () => {
    const help = (await bot.send(users.admin, chats.private(users.admin), '/help')).text;

    for (const command of [
      '/log',
      '/undo',
      '/me',
      '/history',
      '/top',
      '/metrics',
      '/khen',
      '/decu',
      '/khenthuong',
      '/hoso',
      '/chungnhan',
      '/quyetdinh',
      '/tonghop',
      '/caidat',
      '/baocao',
      '/bieudo',
      '/xuat',
      '/muctieu',
      '/phongtrao',
      '/mohinh',
      '/lang',
      '/unit',
      '/register',
      '/role',
      '/metric',
    ])
      expect(help).toContain(command);
  });

  it('gives a group the short version with a button to the private help', async () => {
    const help = await bot.send(dung, chats.pc06, '/help');

    expect(help.text).toContain('/ghi');
    expect(help.text).not.toContain('/tonghop');
    expect(help.text).not.toContain('/unit');
    expect(help.text.length).toBeLessThan(500);
    expect(buttonsOf(help.sent[0])).toEqual([
      expect.objectContaining({ url: `https://t.me/${users.bot.username}?start=help` }),
    ]);
  });

  it('answers /start help in private with the full help', async () => {
    const full = await bot.send(dung, chats.private(dung), '/start help');

    expect(full.text).toContain('/bangdieukhien');
    expect(full.text).toContain('/log');
  });
});

describe('/start in private', () => {
  beforeEach(async () => {
    bot = await startTestBot();
  });

  it('tells an admin of a fresh bot to add units first', async () => {
    const start = await bot.send(users.admin, chats.private(users.admin), '/start');

    expect(start.text).toContain(`id ${users.admin.id}`);
    expect(start.text).toContain('quản trị viên');
    expect(start.text).toContain('/unit add');
    expect(start.text).toContain('/import');
  });

  it('names the units without a group and the missing commander, then says all is set', async () => {
    await bot.setUpUnits();
    const before = await bot.send(users.admin, chats.private(users.admin), '/start');
    expect(before.text).toContain('1 đơn vị chưa có nhóm: PC08-DK');
    expect(before.text).toContain('/role commander');

    await bot.appointCommander(dung, chats.pc06);
    await bot.send(users.admin, teamGroup, '/register PC08-DK');
    const after = await bot.send(users.admin, chats.private(users.admin), '/start');
    expect(after.text).not.toContain('chưa có nhóm');
    expect(after.text).not.toContain('/role commander');
    expect(after.text).toContain('Đã cài đặt xong');
  });

  it('tells an officer who they are, with no setup steps, and a button to the help', async () => {
    await bot.setUpUnits();
    const start = await bot.send(users.alice, chats.private(users.alice), '/start');

    expect(start.text).toContain(String(users.alice.id));
    expect(start.text).toContain('Vai trò: cán bộ.');
    expect(start.text).not.toContain('Việc còn lại');
    const [helpButton] = buttonsOf(start.sent[0]);
    expect(helpButton?.callback_data).toBeDefined();

    const pressed = await bot.press(users.alice, start.sent[0]!);
    expect(pressed.text).toContain('/log');
    expect(pressed.text).not.toContain('Quản trị');
  });

  it('names a commander’s units', async () => {
    await bot.setUpUnits();
    await bot.appointCommander(dung, chats.pc06);
    const start = await bot.send(dung, chats.private(dung), '/start');

    expect(start.text).toContain('Vai trò: chỉ huy PC06.');
  });

  it('names the roster’s person when the account is linked', async () => {
    await bot.setUpUnits();
    const pc06 = await bot.db.selectFrom('units').select('id').where('code', '=', 'PC06').executeTakeFirstOrThrow();
    await bot.db
      .insertInto('people')
      .values({
        full_name: 'Hà Văn Hưng',
        name_key: 'ha van hung',
        rank: 'Thiếu úy',
        position: 'Cán bộ',
        unit_id: pc06.id,
        service_number: 'A-9',
        role: 'officer',
        user_id: users.alice.id,
        pending_user_id: null,
        pending_username: null,
        left_on: null,
        created_at: '2026-11-01T00:00:00.000Z',
        updated_at: '2026-11-01T00:00:00.000Z',
      })
      .execute();

    const linked = await bot.send(users.alice, chats.private(users.alice), '/start');
    const unlinked = await bot.send(users.binh, chats.private(users.binh), '/start');

    expect(linked.text).toContain('Thiếu úy Hà Văn Hưng, Phòng Cảnh sát QLHC về TTXH');
    expect(linked.text).not.toContain('chưa gắn với danh sách');
    expect(unlinked.text).toContain(`id ${users.binh.id}`);
    expect(unlinked.text).toContain('chưa gắn với danh sách');
  });

  it('refuses a help press with crafted data', async () => {
    const start = await bot.send(users.alice, chats.private(users.alice), '/start');
    const crafted = await bot.press(users.alice, start.sent[0]!, 'help:other');

    expect(crafted.sent).toEqual([]);
    expect(alertOf(crafted)?.show_alert).toBe(true);
  });
});

describe('/start with the web app on', () => {
  beforeEach(async () => {
    bot = await startTestBot({ env: { PUBLIC_URL: 'https://bot.example.org', PORT: '8080' } });
    await bot.setUpUnits();
    await bot.appointCommander(dung, chats.pc06);
  });

  it('gives a commander the dashboard button beside the help, and an officer the help only', async () => {
    const commander = await bot.send(dung, chats.private(dung), '/start');
    const officer = await bot.send(users.alice, chats.private(users.alice), '/start');

    // The stored message keeps no web_app button: read what the bot sent.
    type SentKeyboard = { inline_keyboard: { callback_data?: string; web_app?: { url: string } }[][] };
    const keyboardSent = (answer: Answer) => {
      const payload = answer.calls.find((call) => call.method === 'sendMessage')?.payload;
      return (payload?.reply_markup as SentKeyboard | undefined)?.inline_keyboard.flat() ?? [];
    };
    expect(keyboardSent(commander).map((b) => b.web_app?.url ?? b.callback_data)).toEqual([
      'help:full',
      'https://bot.example.org/app/',
    ]);
    expect(buttonsOf(officer.sent[0]).map((b) => b.callback_data)).toEqual(['help:full']);
  });
});

describe('/register without a code', () => {
  beforeEach(async () => {
    bot = await startTestBot();
    await bot.setUpUnits();
    await bot.send(users.admin, chats.private(users.admin), '/unit add PC06-A Đội Quản lý cư trú parent=PC06');
    await bot.appointCommander(dung, chats.pc06);
    await bot.appointCommander(users.chi, chats.pc08);
    bot.api.clear();
  });

  const unitOfGroup = async (chatId: number) => {
    const row = await bot.db.selectFrom('chats').select('unit_id').where('chat_id', '=', chatId).executeTakeFirst();
    if (!row?.unit_id) return undefined;
    const unit = await bot.db.selectFrom('units').select('code').where('id', '=', row.unit_id).executeTakeFirst();
    return unit?.code;
  };
  const offered = (answer: Answer) => buttonsOf(answer.sent[0]).map((b) => b.text.split(' · ')[0]);
  const dataOf = (answer: Answer, code: string) =>
    buttonsOf(answer.sent[0]).find((b) => b.text.startsWith(`${code} · `))?.callback_data ?? '';

  it('offers an admin every unit without a group, in tree order; a commander only theirs', async () => {
    const byAdmin = await bot.send(users.admin, teamGroup, '/register');
    const byDung = await bot.send(dung, teamGroup, '/dangky');

    expect(byAdmin.text).toContain('chưa gắn với đơn vị nào');
    expect(offered(byAdmin)).toEqual(['PC06-A', 'PC08-DK']);
    expect(offered(byDung)).toEqual(['PC06-A']);
  });

  it('binds the group when the unit’s commander presses, as /register CODE would, and only once', async () => {
    const offer = await bot.send(users.chi, teamGroup, '/register');
    const message = offer.sent[0]!;

    const pressed = await bot.press(users.chi, message, dataOf(offer, 'PC08-DK'));
    expect(alertOf(pressed)?.show_alert).toBeFalsy();
    expect(await unitOfGroup(teamGroup.id)).toBe('PC08-DK');
    const edited = bot.api.message(teamGroup.id, message.message_id);
    expect(edited?.text).toContain('PC08-DK');
    expect(edited?.reply_markup?.inline_keyboard.flat() ?? []).toEqual([]);

    const again = await bot.press(users.admin, message, dataOf(offer, 'PC08-DK'));
    expect(alertOf(again)?.show_alert).toBe(true);
    expect(await unitOfGroup(teamGroup.id)).toBe('PC08-DK');
    const log = await bot.send(users.alice, teamGroup, '/log cccd 3');
    expect(log.text).toContain('Đội Đăng ký xe');
  });

  it('refuses presses by an officer, by another unit’s commander and with crafted data; nothing is bound', async () => {
    const offer = await bot.send(users.admin, teamGroup, '/register');
    const message = offer.sent[0]!;

    const byOfficer = await bot.press(users.alice, message, dataOf(offer, 'PC08-DK'));
    const byOther = await bot.press(dung, message, dataOf(offer, 'PC08-DK'));
    const crafted = await bot.press(users.admin, message, 'regpick:1');

    for (const refused of [byOfficer, byOther, crafted]) {
      expect(alertOf(refused)?.show_alert).toBe(true);
      expect(refused.sent).toEqual([]);
    }
    expect(String(alertOf(byOther)?.text)).toContain('Chỉ quản trị viên hoặc chỉ huy');
    expect(await unitOfGroup(teamGroup.id)).toBeUndefined();
  });

  it('never moves a group bound meanwhile: a late press changes nothing', async () => {
    const offer = await bot.send(users.admin, teamGroup, '/register');
    await bot.send(users.admin, teamGroup, '/register PC06-A');

    const late = await bot.press(users.admin, offer.sent[0]!, dataOf(offer, 'PC08-DK'));

    expect(alertOf(late)?.show_alert).toBe(true);
    expect(String(alertOf(late)?.text)).toContain('đã được gắn');
    expect(await unitOfGroup(teamGroup.id)).toBe('PC06-A');
  });

  it('refuses an officer, names a bound group’s unit, and says when no unit is left', async () => {
    const officer = await bot.send(users.alice, teamGroup, '/register');
    const bound = await bot.send(users.admin, chats.pc06, '/register');
    await bot.send(users.admin, teamGroup, '/register PC06-A');
    const other = { ...teamGroup, id: -1001000000082, title: 'Nhóm khác' };
    await bot.send(users.admin, other, '/register PC08-DK');
    const third = { ...teamGroup, id: -1001000000083, title: 'Nhóm thứ ba' };
    const none = await bot.send(users.admin, third, '/register');

    expect(officer.text).toContain('Chỉ chỉ huy');
    expect(bound.text).toContain('PC06');
    expect(buttonsOf(bound.sent[0])).toEqual([]);
    expect(none.text).toContain('Không còn đơn vị nào');
    expect(await unitOfGroup(third.id)).toBeUndefined();
  });

  it('offers at most 20 units and says how many more there are', async () => {
    for (let index = 1; index <= 23; index++)
      await bot.send(users.admin, chats.private(users.admin), `/unit add X${index} Đơn vị ${index} parent=CAT`);

    const offer = await bot.send(users.admin, teamGroup, '/register');

    expect(buttonsOf(offer.sent[0])).toHaveLength(20);
    expect(offer.text).toContain('25 đơn vị chưa có nhóm');
    expect(offer.text).toContain('Còn 5 đơn vị khác');
  });
});
