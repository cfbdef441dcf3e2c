import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(() => bot.close());

const inPrivate = (text: string) => bot.send(users.admin, chats.private(users.admin), text);

describe('units and groups', () => {
  it('builds the unit tree and lists it with the groups bound to each unit', async () => {
    await inPrivate('/unit add CAT Công an tỉnh Lạng Sơn');
    await inPrivate('/unit add pc06 Phòng PC06 parent=CAT');
    await bot.send(users.admin, chats.pc06, '/register PC06');
    const list = await inPrivate('/donvi list');

    expect(list.text).toBe(
      ['Các đơn vị', '• CAT Công an tỉnh Lạng Sơn', '  • PC06 Phòng PC06 · nhóm: PC06 - Phòng CS QLHC về TTXH'].join(
        '\n',
      ),
    );
  });

  it.each([
    ['/unit add CAT Trùng mã', 'đã có'],
    ['/unit add X1 Tên parent=NOPE', 'Không có đơn vị cấp trên "NOPE"'],
    ['/unit add', 'Cú pháp'],
    ['/unit add X2', 'Thiếu tên đơn vị'],
    ['/unit add Đội1 Tên', 'không hợp lệ'],
    ['/unit remove CAT', 'Cú pháp'],
  ])('refuses %j and changes nothing', async (text, expected) => {
    await inPrivate('/unit add CAT Công an tỉnh');
    const answer = await inPrivate(text);

    expect(answer.text).toContain(expected);
    expect(await bot.db.selectFrom('units').select('code').execute()).toEqual([{ code: 'CAT' }]);
  });

  it('refuses /register for an unknown unit and in a private chat', async () => {
    const unknown = await bot.send(users.admin, chats.pc06, '/register NOPE');
    const privately = await inPrivate('/register CAT');

    expect(unknown.text).toContain('Không có đơn vị "NOPE"');
    expect(privately.text).toContain('nhóm của đơn vị');
    expect(await bot.db.selectFrom('chats').select('unit_id').where('unit_id', 'is not', null).execute()).toEqual([]);
  });

  it('keeps the unit of a group upgraded to a supergroup', async () => {
    await inPrivate('/unit add PC06 Phòng PC06');
    const group = { id: -4000123, type: 'group' as const, title: 'PC06 cũ' };
    await bot.send(users.admin, group, '/register PC06');
    await bot.deliver(
      bot.updates.raw({
        message: {
          message_id: 50,
          date: 1_764_000_000,
          chat: group,
          from: users.admin,
          migrate_to_chat_id: -1004000123,
        },
      }),
    );
    const upgraded = { id: -1004000123, type: 'supergroup' as const, title: 'PC06 cũ' };
    const answer = await bot.send(users.alice, upgraded, '/log cccd 3');

    expect(answer.text).toContain('Tuần 23/11–29/11, Phòng PC06: ');
  });
});

describe('only admins administer', () => {
  it.each(['/unit add X Tên', '/unit list', '/register CAT', '/role commander', '/metric max cccd 10'])(
    'refuses %j from an officer',
    async (text) => {
      const answer = await bot.send(users.alice, chats.pc06, text);

      expect(answer.text).toBe('Chỉ quản trị viên của bot được dùng lệnh này.');
    },
  );
});

describe('/role', () => {
  beforeEach(() => bot.setUpUnits());

  it('appoints a commander by reply and by text mention, and takes the role away', async () => {
    const hello = bot.updates.message({ from: users.binh, chat: chats.pc06, text: 'chào' });
    await bot.deliver(hello);
    const byReply = await bot.send(users.admin, chats.pc06, '/role commander', { replyTo: hello.message });
    const text = '/vaitro officer Lê Văn Chí';
    const byMention = await bot.deliver(
      bot.updates.message({
        from: users.admin,
        chat: chats.pc06,
        text,
        entities: [
          { type: 'bot_command', offset: 0, length: 7 },
          { type: 'text_mention', offset: text.indexOf('Lê'), length: 'Lê Văn Chí'.length, user: users.chi },
        ],
      }),
    );

    expect(byReply.text).toBe('Trần Thị Bình là chỉ huy của Phòng Cảnh sát QLHC về TTXH.');
    expect(byMention.text).toBe('Lê Văn Chí là cán bộ của Phòng Cảnh sát QLHC về TTXH.');
    const roles = await bot.db.selectFrom('roles').select(['user_id', 'role']).execute();
    expect(roles).toEqual([{ user_id: users.binh.id, role: 'commander' }]);
  });

  it('finds a member by @username once the bot has seen them', async () => {
    await bot.send(users.alice, chats.pc06, '/log cccd 1');
    const text = '/role commander @an_pc06';
    const answer = await bot.deliver(
      bot.updates.message({
        from: users.admin,
        chat: chats.pc06,
        text,
        entities: [
          { type: 'bot_command', offset: 0, length: 5 },
          { type: 'mention', offset: text.indexOf('@'), length: '@an_pc06'.length },
        ],
      }),
    );

    expect(answer.text).toContain('Nguyễn Văn An là chỉ huy');
  });

  it('asks for a target when there is none, and for a role when it is wrong', async () => {
    const noTarget = await bot.send(users.admin, chats.pc06, '/role commander');
    const badRole = await bot.send(users.admin, chats.pc06, '/role general');

    expect(noTarget.text).toContain('Hãy trả lời tin nhắn');
    expect(badRole.text).toContain('Cú pháp');
    expect(await bot.db.selectFrom('roles').selectAll().execute()).toEqual([]);
  });
});

describe('/metric', () => {
  beforeEach(() => bot.setUpUnits());

  it('adds a metric, an alias and a maximum that /log then uses', async () => {
    const added = await inPrivate('/metric add cuuho Cứu hộ cứu nạn | Rescues | vụ');
    const alias = await inPrivate('/metric alias cuuho cứu nạn');
    const max = await inPrivate('/metric max cuuho 50');
    const logged = await bot.send(users.alice, chats.pc06, '/log cứu nạn 3');
    const tooMany = await bot.send(users.alice, chats.pc06, '/log cuuho 51');

    expect(added.text).toContain('Đã thêm chỉ tiêu cuuho');
    expect(alias.text).toContain('"cứu nạn" nay cũng là tên gọi của cuuho');
    expect(max.text).toContain('50');
    expect(logged.text).toContain('Cứu hộ cứu nạn 3 vụ');
    expect(tooMany.text).toContain('vượt mức tối đa 50');
  });

  it('refuses a code or alias that is taken, and an unknown metric', async () => {
    const taken = await inPrivate('/metric add cccd Trùng');
    const aliasTaken = await inPrivate('/metric alias dkoto căn cước');
    const unknown = await inPrivate('/metric max nope 5');

    expect(taken.text).toContain('đã có');
    expect(aliasTaken.text).toBe('"căn cước" đã là mã hoặc tên gọi khác của chỉ tiêu cccd.');
    expect(unknown.text).toContain('Không có chỉ tiêu "nope"');
  });
});

describe('/metric add with a code /log could never reach', () => {
  beforeEach(() => bot.setUpUnits());

  it.each([
    ['today', 'đọc thành một ngày'],
    ['homqua', 'đọc thành một ngày'],
    ['t2', 'đọc thành một ngày'],
    ['1400', 'là một con số'],
    ['tuan', 'từ chỉ kỳ'],
    ['quy', 'từ chỉ kỳ'],
  ])('refuses %s and says why, storing nothing', async (code, why) => {
    const refused = await inPrivate(`/metric add ${code} Thử nghiệm`);
    expect(refused.text).toContain(why);
    expect(
      await bot.db.selectFrom('metrics').select('code').where('code', '=', code).executeTakeFirst(),
    ).toBeUndefined();
  });
});

describe('/lang', () => {
  beforeEach(() => bot.setUpUnits());

  it('is for commanders and admins in a group, and for anyone in private', async () => {
    const officer = await bot.send(users.alice, chats.pc06, '/lang en');
    const privately = await bot.send(users.alice, chats.private(users.alice), '/lang en');
    const help = await bot.send(users.alice, chats.private(users.alice), '/help');

    expect(officer.text).toContain('Chỉ chỉ huy');
    expect(privately.text).toBe('Switched to English.');
    expect(help.text).toContain('record work');
    expect(help.text).not.toContain('Administration');
  });

  it('shows admins the admin commands in /help', async () => {
    const help = await inPrivate('/huongdan');

    expect(help.text).toContain('Quản trị');
  });
});

describe('joining a group', () => {
  const joined = (chat: { id: number; type: 'supergroup'; title: string }, from: string, to: string) =>
    bot.updates.raw({
      my_chat_member: {
        chat,
        from: users.admin,
        date: 1_764_000_000,
        old_chat_member: { status: from, user: users.bot },
        new_chat_member: { status: to, user: users.bot },
      },
    });

  it('introduces itself and says how to register the group', async () => {
    const stranger = { id: -1009999, type: 'supergroup' as const, title: 'Nhóm mới' };
    const answer = await bot.deliver(joined(stranger, 'left', 'member'));

    expect(answer.text).toContain('/register MÃ_ĐƠN_VỊ');
  });

  it('names the unit when added back to a registered group, and stays quiet on other changes', async () => {
    await bot.setUpUnits();
    const back = await bot.deliver(joined(chats.pc06, 'kicked', 'member'));
    const leaving = await bot.deliver(joined(chats.pc06, 'member', 'left'));

    expect(back.text).toContain('Nhóm này đã gắn với Phòng Cảnh sát QLHC về TTXH');
    expect(leaving.calls).toEqual([]);
  });
});
