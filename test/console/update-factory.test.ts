import { describe, expect, it } from 'vitest';
import { chatSchema, parseUpdate, userSchema } from '../../src/telegram/update-schema';
import { asMessage, chats, commandEntities, createUpdateFactory, users } from '../helpers/updates';

describe('createUpdateFactory', () => {
  it('builds message updates the schema accepts unchanged, numbering updates and messages per chat', () => {
    const updates = createUpdateFactory();
    const first = updates.message({ from: users.alice, chat: chats.pc06, text: '/log@ThiDuaBot cccd 120' });
    const second = updates.message({ from: users.binh, chat: chats.pc06, text: 'xin chào' });
    const elsewhere = updates.message({ from: users.chi, chat: chats.pc08, text: '/me', threadId: 7 });
    for (const update of [first, second, elsewhere]) expect(parseUpdate(update)).toEqual({ ok: true, update });
    expect([first.update_id, second.update_id, elsewhere.update_id]).toEqual([1, 2, 3]);
    expect([first.message.message_id, second.message.message_id, elsewhere.message.message_id]).toEqual([1, 2, 1]);
    expect(first.message.entities).toEqual([{ type: 'bot_command', offset: 0, length: 14 }]);
    expect(second.message).not.toHaveProperty('entities');
    expect(elsewhere.message).toMatchObject({ message_thread_id: 7, is_topic_message: true });
  });

  it('replies to a message without nesting its reply, and presses buttons under a message', () => {
    const updates = createUpdateFactory({ now: () => new Date('2021-06-26T03:00:00Z'), firstUpdateId: 500 });
    const question = updates.message({ from: users.alice, chat: chats.pc06, text: 'ai trực?' });
    const answer = updates.message({ from: users.binh, chat: chats.pc06, text: 'tôi', replyTo: question.message });
    const nested = updates.message({
      from: users.admin,
      chat: chats.pc06,
      text: '/role commander',
      replyTo: answer.message,
    });
    const { reply_to_message: _question, ...answerAlone } = answer.message;
    expect(nested.message.reply_to_message).toEqual(answerAlone);
    expect(nested.message.reply_to_message).not.toHaveProperty('reply_to_message');
    expect(nested.message.date).toBe(Date.parse('2021-06-26T03:00:00Z') / 1000);

    const press = updates.callback({ from: users.alice, message: question.message, data: 'undo:500' });
    expect(press.update_id).toBe(503);
    expect(parseUpdate(press)).toEqual({ ok: true, update: press });
    expect(press.callback_query).toMatchObject({
      from: users.alice,
      data: 'undo:500',
      chat_instance: String(chats.pc06.id),
    });
  });

  it('edits a message as its author does: same id, chat and date, the new text and entities, an edit_date', () => {
    let now = new Date('2026-11-24T02:00:00Z');
    const updates = createUpdateFactory({ now: () => now });
    const logged = updates.message({ from: users.alice, chat: chats.pc06, text: '/log cccd 120' });
    now = new Date('2026-11-24T02:05:00Z');
    const edited = updates.edited(logged.message, '/log cccd 150');
    expect(edited).toEqual({
      update_id: 2,
      edited_message: {
        ...logged.message,
        text: '/log cccd 150',
        entities: [{ type: 'bot_command', offset: 0, length: 4 }],
        edit_date: Date.parse('2026-11-24T02:05:00Z') / 1000,
      },
    });
    expect(parseUpdate(edited)).toEqual({ ok: true, update: edited });
    expect(updates.edited(logged.message, 'không còn là lệnh').edited_message).not.toHaveProperty('entities');
  });

  it('sends a document with a caption, the caption command marked, ids from the given counters', () => {
    let next = 100;
    const updates = createUpdateFactory({ nextUpdateId: () => next++ });
    const document = { file_id: 'BQAC1_x', file_unique_id: 'x', file_name: 'danh-sach.xlsx', file_size: 9 };
    const sent = updates.document({ from: users.admin, chat: chats.private(users.admin), document, caption: '/nhap' });
    expect(sent).toEqual({
      update_id: 100,
      message: {
        message_id: 1,
        from: users.admin,
        chat: chats.private(users.admin),
        date: Date.parse('2026-11-24T02:00:00Z') / 1000,
        document,
        caption: '/nhap',
        caption_entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    });
    // The schema keeps what it reads of such a message; the document is the telegram layer's to add.
    const { document: _file, ...rest } = sent.message;
    expect(parseUpdate(sent)).toEqual({ ok: true, update: { update_id: 100, message: expect.objectContaining(rest) } });
    expect(updates.document({ from: users.admin, chat: chats.pc06, document }).update_id).toBe(101);
  });

  it('numbers raw updates, keeping an update_id they bring', () => {
    const updates = createUpdateFactory();
    expect(updates.raw({ message: null })).toEqual({ update_id: 1, message: null });
    expect(updates.raw({ update_id: 'x' })).toEqual({ update_id: 'x' });
  });

  it.each([
    ['/log cccd 120', 4],
    ['/top@ThiDuaBot', 14],
    ['/', 0],
    ['log /x', 0],
  ])('commandEntities(%j) marks %i characters', (text, length) => {
    expect(commandEntities(text)).toEqual(length ? [{ type: 'bot_command', offset: 0, length }] : []);
  });
});

describe('fixtures', () => {
  it('are valid Telegram users and chats', () => {
    for (const user of Object.values(users)) expect(userSchema.parse(user)).toEqual(user);
    for (const chat of [chats.pc06, chats.pc08, chats.province, chats.private(users.binh)])
      expect(chatSchema.parse(chat)).toEqual(chat);
    expect(chats.private(users.binh)).toEqual({
      id: 1002,
      type: 'private',
      first_name: 'Trần Thị',
      last_name: 'Bình',
      username: 'binh_pc06',
    });
  });

  it('asMessage reads a sent message back', () => {
    const sent = { message_id: 3, date: 1, chat: chats.pc06, from: users.bot, text: 'ok', extra: true };
    expect(asMessage(sent)).toEqual({ message_id: 3, date: 1, chat: chats.pc06, from: users.bot, text: 'ok' });
  });
});
