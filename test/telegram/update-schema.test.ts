import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageEntitySchema, parseUpdate, type Update } from '../../src/telegram/update-schema';

const an = { id: 1001, is_bot: false, first_name: 'Nguyễn Văn', last_name: 'An', language_code: 'vi' };
const pc06 = { id: -1001000000006, title: 'PC06 - Phòng CS QLHC về TTXH', type: 'supergroup', is_forum: true };

const parsed = (raw: unknown): Update => {
  const result = parseUpdate(raw);
  if (!result.ok) throw new Error(`rejected: ${result.issues.join('; ')}`);
  return result.update;
};

describe('parseUpdate accepts what Telegram sends', () => {
  it('a command in a forum topic of a supergroup', () => {
    const update = parsed({
      update_id: 815000001,
      message: {
        message_id: 77,
        from: an,
        chat: pc06,
        date: 1_700_000_000,
        message_thread_id: 5,
        is_topic_message: true,
        text: '/log@ThiDuaBot cccd 120',
        entities: [{ offset: 0, length: 14, type: 'bot_command' }],
      },
    });
    expect(update.message).toMatchObject({
      chat: { id: -1001000000006, type: 'supergroup', is_forum: true },
      message_thread_id: 5,
      is_topic_message: true,
      entities: [{ type: 'bot_command', offset: 0, length: 14 }],
    });
  });

  it('a reply with a text_mention, a mention and a forum topic root as the replied message', () => {
    const binh = { id: 1002, is_bot: false, first_name: 'Trần Thị Bình' };
    const update = parsed({
      update_id: 2,
      message: {
        message_id: 80,
        from: an,
        chat: pc06,
        date: 1_700_000_100,
        text: '/role commander Trần Thị Bình @chi',
        entities: [
          { offset: 0, length: 5, type: 'bot_command' },
          { offset: 16, length: 13, type: 'text_mention', user: binh },
          { offset: 30, length: 4, type: 'mention' },
        ],
        reply_to_message: {
          message_id: 79,
          from: binh,
          chat: pc06,
          date: 1_700_000_050,
          text: 'xin chào',
          reply_to_message: { message_id: 1, chat: pc06, date: 1 },
        },
      },
    });
    const entities = update.message?.entities ?? [];
    expect(entities.map((entity) => entity.type)).toEqual(['bot_command', 'text_mention', 'mention']);
    const mention = entities[1];
    expect(mention?.type === 'text_mention' && mention.user.first_name).toBe('Trần Thị Bình');
    // Telegram never nests replies twice; a nested one is dropped, not trusted.
    expect(update.message?.reply_to_message?.message_id).toBe(79);
    expect(update.message?.reply_to_message).not.toHaveProperty('reply_to_message');
  });

  it('a callback query, with an accessible and with an inaccessible message', () => {
    const message = {
      message_id: 81,
      from: { id: 7000000001, is_bot: true, first_name: 'Thi đua', username: 'ThiDuaBot' },
      chat: pc06,
      date: 1_700_000_200,
      text: 'Đã ghi 120 thẻ',
      reply_markup: { inline_keyboard: [[{ text: '↩️ Hoàn tác', callback_data: 'undo:815000001' }]] },
    };
    const query = { id: '4382bfdwdsb323b2d9', from: an, chat_instance: '-8293740123', data: 'undo:815000001' };
    const update = parsed({ update_id: 3, callback_query: { ...query, message } });
    expect(update.callback_query?.data).toBe('undo:815000001');
    const accessible = update.callback_query?.message;
    expect(accessible && 'reply_markup' in accessible && accessible.reply_markup?.inline_keyboard[0]?.[0]).toEqual({
      text: '↩️ Hoàn tác',
      callback_data: 'undo:815000001',
    });

    const old = parsed({ update_id: 4, callback_query: { ...query, message: { chat: pc06, message_id: 2, date: 0 } } });
    expect(old.callback_query?.message).toEqual({
      chat: { id: pc06.id, type: 'supergroup', title: pc06.title, is_forum: true },
      message_id: 2,
      date: 0,
    });
  });

  it('the service message of a group upgraded to a supergroup', () => {
    const update = parsed({
      update_id: 5,
      message: {
        message_id: 12,
        from: an,
        chat: { id: -4000000001, title: 'PC06', type: 'group', all_members_are_administrators: false },
        date: 1_700_000_300,
        migrate_to_chat_id: -1001000000006,
      },
    });
    expect(update.message?.migrate_to_chat_id).toBe(-1001000000006);
    expect(update.message?.chat).toEqual({ id: -4000000001, title: 'PC06', type: 'group' });
  });

  it('an edited message, and the bot being added to a group', () => {
    const update = parsed({
      update_id: 6,
      edited_message: {
        message_id: 77,
        from: an,
        chat: { id: 1001, type: 'private', first_name: 'Nguyễn Văn', last_name: 'An' },
        date: 1_700_000_000,
        edit_date: 1_700_000_060,
        text: '/log cccd 12',
      },
    });
    expect(update.edited_message).toMatchObject({ edit_date: 1_700_000_060, text: '/log cccd 12' });

    const added = parsed({
      update_id: 7,
      my_chat_member: {
        chat: pc06,
        from: an,
        date: 1_700_000_000,
        old_chat_member: { user: { id: 7000000001, is_bot: true, first_name: 'Thi đua' }, status: 'left' },
        new_chat_member: { user: { id: 7000000001, is_bot: true, first_name: 'Thi đua' }, status: 'member' },
      },
    });
    expect(added.my_chat_member?.new_chat_member.status).toBe('member');
  });
});

describe("parseUpdate keeps what tells a relayed message from its sender's own", () => {
  const message = (extra: object) => ({
    update_id: 9,
    message: { message_id: 1, from: an, chat: pc06, date: 1_700_000_000, text: '/log cccd 1', ...extra },
  });
  const channel = { id: -1002000000001, type: 'channel', title: 'Tin tức Công an tỉnh' };

  it.each([
    [{ type: 'user', date: 1, sender_user: an }],
    [{ type: 'hidden_user', date: 1, sender_user_name: 'Ẩn danh' }],
    [{ type: 'chat', date: 1, sender_chat: pc06, author_signature: 'BCĐ' }],
    [{ type: 'channel', date: 1, chat: channel, message_id: 5 }],
  ])('forward_origin %j', (origin) => {
    expect(parsed(message({ forward_origin: origin })).message?.forward_origin).toEqual(origin);
  });

  it('a forward_origin of a kind it does not know, or malformed, still marks the message as forwarded', () => {
    for (const origin of [{ type: 'from_the_future', date: 1 }, { type: 'user' }, 'x']) {
      expect(parsed(message({ forward_origin: origin })).message?.forward_origin).toMatchObject({
        type: 'hidden_user',
      });
    }
  });

  it('via_bot and sender_chat', () => {
    const bot = { id: 5550001, is_bot: true, first_name: 'Other', username: 'OtherBot' };
    const update = parsed(message({ via_bot: bot, sender_chat: pc06 }));
    expect(update.message?.via_bot).toEqual(bot);
    expect(update.message?.sender_chat).toMatchObject({ id: pc06.id, type: 'supergroup' });
  });
});

describe('parseUpdate tolerates what Telegram may add', () => {
  it('strips unknown fields and update kinds', () => {
    const update = parsed({
      update_id: 8,
      message_reaction: { chat: pc06 },
      message: {
        message_id: 1,
        from: { ...an, is_premium: true },
        chat: { ...pc06, is_direct_messages: true },
        date: 1,
        text: 'hi',
        link_preview_options: { is_disabled: true },
        some_field_from_bot_api_12: { x: 1 },
      },
    });
    expect(update).not.toHaveProperty('message_reaction');
    expect(update.message).not.toHaveProperty('some_field_from_bot_api_12');
    expect(update.message?.from).not.toHaveProperty('is_premium');
    expect(update.message?.chat).not.toHaveProperty('is_direct_messages');
  });

  it('drops entities and buttons of unknown kinds instead of rejecting the update', () => {
    const update = parsed({
      update_id: 9,
      message: {
        message_id: 1,
        from: an,
        chat: pc06,
        date: 1,
        text: '/log 1',
        entities: [
          { offset: 0, length: 4, type: 'bot_command' },
          { offset: 5, length: 1, type: 'date_time', unix_time: 1, date_time_format: 'd' },
          { offset: 5, length: 1, type: 'sparkles_from_the_future' },
        ],
        reply_markup: {
          inline_keyboard: [
            [
              { text: 'app', web_app: { url: 'https://x' } },
              { text: 'a', url: 'u' },
            ],
          ],
        },
      },
    });
    expect(update.message?.entities).toEqual([{ offset: 0, length: 4, type: 'bot_command' }]);
    expect(update.message?.reply_markup?.inline_keyboard).toEqual([[{ text: 'a', url: 'u' }]]);
  });
});

describe('parseUpdate rejects malformed updates without throwing', () => {
  const message = { message_id: 1, from: an, chat: pc06, date: 1, text: 'x' };
  it.each([
    ['missing update_id', { message }, 'update_id'],
    ['a string chat id', { update_id: 1, message: { ...message, chat: { ...pc06, id: '-100' } } }, 'message.chat.id'],
    ['a null message', { update_id: 1, message: null }, 'message'],
    [
      'a channel post disguised as a message',
      { update_id: 1, message: { ...message, chat: { ...pc06, type: 'channel' } } },
      'message.chat',
    ],
    ['a message without a sender', { update_id: 1, message: { ...message, from: undefined } }, 'message.from'],
    ['not an object', 'update', '(root)'],
  ])('%s', (_name, raw, path) => {
    const result = parseUpdate(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.some((issue) => issue.startsWith(path))).toBe(true);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (raw) => {
        const result = parseUpdate(raw);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on update-shaped noise either', () => {
    const noisyUpdate = fc.record({
      update_id: fc.oneof(fc.nat(), fc.string(), fc.constant(null)),
      message: fc.option(
        fc.dictionary(fc.constantFrom('message_id', 'chat', 'from', 'text', 'entities'), fc.jsonValue()),
      ),
      callback_query: fc.option(fc.jsonValue()),
    });
    fc.assert(
      fc.property(noisyUpdate, (raw) => typeof parseUpdate(raw).ok === 'boolean'),
      { numRuns: 300 },
    );
  });
});

describe('messageEntitySchema', () => {
  it('requires the field each kind carries', () => {
    expect(messageEntitySchema.safeParse({ type: 'text_link', offset: 0, length: 1 }).success).toBe(false);
    expect(messageEntitySchema.safeParse({ type: 'text_link', offset: 0, length: 1, url: 'https://x' }).success).toBe(
      true,
    );
  });
});
