import type {
  CallbackQuery as GrammyCallbackQuery,
  Chat as GrammyChat,
  ChatMemberUpdated as GrammyChatMemberUpdated,
  InlineKeyboardMarkup as GrammyInlineKeyboardMarkup,
  Message as GrammyMessage,
  MessageEntity as GrammyMessageEntity,
  Update as GrammyUpdate,
  User as GrammyUser,
} from '@grammyjs/types';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CallbackQuery,
  Chat,
  ChatMemberUpdated,
  EditedMessage,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  NonChannelChat,
  Update,
  UpdateMessage,
  User,
} from '../../src/telegram/update-schema';

// Every type the schemas infer must be usable where grammY's hand-written Bot API types are expected.
describe('update schema types fit @grammyjs/types', () => {
  it('User, Chat, MessageEntity', () => {
    expectTypeOf<User>().toExtend<GrammyUser>();
    expectTypeOf<Chat>().toExtend<GrammyChat>();
    expectTypeOf<NonChannelChat>().toExtend<Exclude<GrammyChat, GrammyChat.ChannelChat>>();
    expectTypeOf<MessageEntity>().toExtend<GrammyMessageEntity>();
    expectTypeOf<InlineKeyboardMarkup>().toExtend<GrammyInlineKeyboardMarkup>();
  });

  it('Message, and the messages inside updates', () => {
    expectTypeOf<Message>().toExtend<GrammyMessage>();
    expectTypeOf<UpdateMessage>().toExtend<NonNullable<GrammyUpdate['message']>>();
    expectTypeOf<EditedMessage>().toExtend<NonNullable<GrammyUpdate['edited_message']>>();
    expectTypeOf<NonNullable<Message['reply_to_message']>>().toExtend<NonNullable<GrammyMessage['reply_to_message']>>();
  });

  it('CallbackQuery, ChatMemberUpdated, Update', () => {
    expectTypeOf<CallbackQuery>().toExtend<GrammyCallbackQuery>();
    expectTypeOf<ChatMemberUpdated>().toExtend<GrammyChatMemberUpdated>();
    expectTypeOf<Update>().toExtend<GrammyUpdate>();
  });

  it('is not vacuous: a looser shape is refused', () => {
    expectTypeOf<{ id: number; type: string }>().not.toExtend<GrammyChat>();
    expectTypeOf<Omit<Update, 'update_id'>>().not.toExtend<GrammyUpdate>();
  });
});
