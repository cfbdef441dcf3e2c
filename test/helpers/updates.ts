import { asReplied, commandEntities, createUpdateFactory } from '../../src/console/update-factory';
import { type Message, messageSchema, type NonChannelChat, type User } from '../../src/telegram/update-schema';

export type {
  CallbackOptions,
  MessageOptions,
  UpdateFactory,
  UpdateFactoryOptions,
} from '../../src/console/update-factory';
export { asReplied, commandEntities, createUpdateFactory };

/** People of the fixture units; ids are stable so tests can list them in ADMIN_IDS or roles. */
export const users = {
  /** An officer of PC06. */
  alice: { id: 1001, is_bot: false, first_name: 'Nguyễn Văn An', username: 'an_pc06', language_code: 'vi' },
  /** An officer of PC06. */
  binh: { id: 1002, is_bot: false, first_name: 'Trần Thị', last_name: 'Bình', username: 'binh_pc06' },
  /** An officer of PC08, without a username: mentionable only by text_mention. */
  chi: { id: 1003, is_bot: false, first_name: 'Lê Văn Chí' },
  /** Campaign staff: put 9001 in ADMIN_IDS. */
  admin: { id: 9001, is_bot: false, first_name: 'Đỗ Ngọc Bình', username: 'bcd_admin' },
  /** The bot itself, as FakeBotApi answers getMe by default. */
  bot: { id: 7000000001, is_bot: true, first_name: 'Thi đua', username: 'ThiDuaBot' },
} as const satisfies Record<string, User>;

/** The private chat a user has with the bot. */
const privateChat = (user: User): NonChannelChat => ({
  id: user.id,
  type: 'private',
  first_name: user.first_name,
  ...(user.last_name !== undefined && { last_name: user.last_name }),
  ...(user.username !== undefined && { username: user.username }),
});

/** Groups of the fixture units, and private chats with the bot. */
export const chats = {
  pc06: { id: -1001000000006, type: 'supergroup', title: 'PC06 - Phòng CS QLHC về TTXH' },
  /** A forum: its messages may sit in topics. */
  pc08: { id: -1001000000008, type: 'supergroup', title: 'PC08 - Phòng Cảnh sát Giao thông', is_forum: true },
  province: { id: -1001000000001, type: 'supergroup', title: 'Công an tỉnh Lạng Sơn' },
  private: privateChat,
} as const satisfies Record<string, NonChannelChat | ((user: User) => NonChannelChat)>;

/** A FakeBotApi sendMessage result (or any Bot API message) as a Message, usable as `replyTo` or under a button. */
export function asMessage(result: unknown): Message {
  return messageSchema.parse(result);
}
