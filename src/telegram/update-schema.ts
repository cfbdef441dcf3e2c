import * as z from 'zod';

// Only the slice of the Bot API the bot reads. z.object strips unknown keys, so fields Telegram adds later pass
// through harmlessly; the type test (test/telegram/update-schema.type.test.ts) keeps every inferred type
// assignable to @grammyjs/types, so code written against either reads the same fields the same way.

const id = z.number().int();

/**
 * An array that keeps the elements `item` accepts and drops the rest, so one entity or button of a kind this
 * schema does not know (Telegram adds new ones) cannot cost the bot the whole update.
 */
const tolerantArray = <T extends z.ZodType>(item: T) =>
  z.array(z.unknown()).transform((elements) =>
    elements.flatMap((element) => {
      const parsed = item.safeParse(element);
      return parsed.success ? [parsed.data as z.output<T>] : [];
    }),
  );

/** A Telegram user or bot. */
export const userSchema = z.object({
  id,
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
export type User = z.infer<typeof userSchema>;

// A field the other chat types have, typed as absent like grammY's, so `chat.title` reads without narrowing; a
// value Telegram might send anyway is dropped rather than failing the update.
const absent = z
  .unknown()
  .transform(() => undefined)
  .optional();

const privateChatSchema = z.object({
  id,
  type: z.literal('private'),
  title: absent,
  username: z.string().optional(),
  first_name: z.string(),
  last_name: z.string().optional(),
  is_forum: absent,
});
const groupChatSchema = z.object({
  id,
  type: z.literal('group'),
  title: z.string(),
  username: absent,
  first_name: absent,
  last_name: absent,
  is_forum: absent,
});
const supergroupChatSchema = z.object({
  id,
  type: z.literal('supergroup'),
  title: z.string(),
  username: z.string().optional(),
  first_name: absent,
  last_name: absent,
  is_forum: z.literal(true).optional(),
});
const channelChatSchema = z.object({
  id,
  type: z.literal('channel'),
  title: z.string(),
  username: z.string().optional(),
  first_name: absent,
  last_name: absent,
  is_forum: absent,
});

/** A chat as it appears inside messages; a union on `type`, because private chats have names and groups titles. */
export const chatSchema = z.discriminatedUnion('type', [
  privateChatSchema,
  groupChatSchema,
  supergroupChatSchema,
  channelChatSchema,
]);
export type Chat = z.infer<typeof chatSchema>;

/** A chat people can write in as themselves: what `message` and `edited_message` updates carry. */
export const nonChannelChatSchema = z.discriminatedUnion('type', [
  privateChatSchema,
  groupChatSchema,
  supergroupChatSchema,
]);
export type NonChannelChat = z.infer<typeof nonChannelChatSchema>;

const entityBase = { offset: z.number().int(), length: z.number().int() };

/** A formatted span of a message's text; a union on `type`, since only some kinds carry a url, user or language. */
export const messageEntitySchema = z.discriminatedUnion('type', [
  z.object({
    ...entityBase,
    type: z.enum([
      'mention',
      'hashtag',
      'cashtag',
      'bot_command',
      'url',
      'email',
      'phone_number',
      'bold',
      'italic',
      'underline',
      'strikethrough',
      'spoiler',
      'blockquote',
      'expandable_blockquote',
      'code',
    ]),
  }),
  z.object({ ...entityBase, type: z.literal('pre'), language: z.string().optional() }),
  z.object({ ...entityBase, type: z.literal('text_link'), url: z.string() }),
  z.object({ ...entityBase, type: z.literal('text_mention'), user: userSchema }),
  z.object({ ...entityBase, type: z.literal('custom_emoji'), custom_emoji_id: z.string() }),
]);
export type MessageEntity = z.infer<typeof messageEntitySchema>;

// The `?: undefined` halves let code read `button.callback_data` without first narrowing the union.
const inlineButtonSchema = z.union([
  z.object({ text: z.string(), callback_data: z.string(), url: z.undefined().optional() }),
  z.object({ text: z.string(), url: z.string(), callback_data: z.undefined().optional() }),
]);

/** An inline keyboard under a message; buttons of kinds the bot never sends (web apps, games) are dropped. */
export const inlineKeyboardSchema = z.object({ inline_keyboard: z.array(tolerantArray(inlineButtonSchema)) });
export type InlineKeyboardMarkup = z.infer<typeof inlineKeyboardSchema>;

const forumTopicCreatedSchema = z.object({
  name: z.string(),
  icon_color: z.number(),
  icon_custom_emoji_id: z.string().optional(),
});

/**
 * Where a forwarded message came from. Any origin marks the message as forwarded, which is all the bot reads; a
 * kind this schema does not know yet is kept as an unnamed one rather than failing the update.
 */
export const messageOriginSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('user'), date: z.number().int(), sender_user: userSchema }),
    z.object({ type: z.literal('hidden_user'), date: z.number().int(), sender_user_name: z.string() }),
    z.object({
      type: z.literal('chat'),
      date: z.number().int(),
      sender_chat: chatSchema,
      author_signature: z.string().optional(),
    }),
    z.object({
      type: z.literal('channel'),
      date: z.number().int(),
      chat: channelChatSchema,
      message_id: id,
      author_signature: z.string().optional(),
    }),
  ])
  .catch({ type: 'hidden_user', date: 0, sender_user_name: '' });
export type MessageOrigin = z.infer<typeof messageOriginSchema>;

/** A general file in a message (a spreadsheet sent to the bot): what getFile needs, and what Telegram tells of it. */
export const documentSchema = z.object({
  file_id: z.string(),
  file_unique_id: z.string(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  file_size: z.number().int().optional(),
});
export type TelegramDocument = z.infer<typeof documentSchema>;

const messageFields = {
  message_id: id,
  date: z.number().int(),
  chat: chatSchema,
  from: userSchema.optional(),
  sender_chat: chatSchema.optional(),
  message_thread_id: id.optional(),
  is_topic_message: z.literal(true).optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  document: documentSchema.optional(),
  entities: tolerantArray(messageEntitySchema).optional(),
  caption_entities: tolerantArray(messageEntitySchema).optional(),
  forum_topic_created: forumTopicCreatedSchema.optional(),
  migrate_to_chat_id: id.optional(),
  migrate_from_chat_id: id.optional(),
  new_chat_members: z.array(userSchema).optional(),
  left_chat_member: userSchema.optional(),
  reply_markup: inlineKeyboardSchema.optional(),
  via_bot: userSchema.optional(),
  forward_origin: messageOriginSchema.optional(),
  edit_date: z.number().int().optional(),
};

/**
 * The message a message replies to. Telegram never nests a second level, and a nested one is stripped; the type
 * says so with `reply_to_message: undefined`, as grammY's does.
 */
export const repliedMessageSchema = z
  .object(messageFields)
  .transform((message) => message as typeof message & { reply_to_message: undefined });
export type RepliedMessage = z.infer<typeof repliedMessageSchema>;

const messageShape = { ...messageFields, reply_to_message: repliedMessageSchema.optional() };

/** Any message the bot may see: in an update, replied to, or under a pressed button. */
export const messageSchema = z.object(messageShape);
export type Message = z.infer<typeof messageSchema>;

/** A message in a `message` update: never from a channel, always with a sender (anonymous admins appear as a bot). */
export const updateMessageSchema = z.object({ ...messageShape, chat: nonChannelChatSchema, from: userSchema });
export type UpdateMessage = z.infer<typeof updateMessageSchema>;

/** An `edited_message`: as above, with the time of the edit. */
export const editedMessageSchema = updateMessageSchema.extend({ edit_date: z.number().int() });
export type EditedMessage = z.infer<typeof editedMessageSchema>;

/** A message under a pressed button that has since become too old or was deleted: only its chat and id remain. */
export const inaccessibleMessageSchema = z.object({ chat: chatSchema, message_id: id, date: z.literal(0) });
export type InaccessibleMessage = z.infer<typeof inaccessibleMessageSchema>;

/** A press of an inline button. */
export const callbackQuerySchema = z.object({
  id: z.string(),
  from: userSchema,
  // The inaccessible shape first: its `date: 0` would also satisfy the full message schema.
  message: z.union([inaccessibleMessageSchema, messageSchema]).optional(),
  inline_message_id: z.string().optional(),
  chat_instance: z.string(),
  data: z.string().optional(),
});
export type CallbackQuery = z.infer<typeof callbackQuerySchema>;

const permissionFlags = <const K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, z.boolean().default(false)])) as {
    [P in K]: z.ZodDefault<z.ZodBoolean>;
  };

// Read loosely: the bot looks at status and user only, so missing permission flags default to false.
const chatMemberSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('creator'), user: userSchema, is_anonymous: z.boolean().default(false) }),
  z.object({
    status: z.literal('administrator'),
    user: userSchema,
    ...permissionFlags([
      'can_be_edited',
      'is_anonymous',
      'can_manage_chat',
      'can_delete_messages',
      'can_manage_video_chats',
      'can_restrict_members',
      'can_promote_members',
      'can_change_info',
      'can_invite_users',
      'can_post_stories',
      'can_edit_stories',
      'can_delete_stories',
    ]),
  }),
  z.object({ status: z.literal('member'), user: userSchema, until_date: z.number().int().optional() }),
  z.object({
    status: z.literal('restricted'),
    user: userSchema,
    until_date: z.number().int().default(0),
    ...permissionFlags([
      'is_member',
      'can_send_messages',
      'can_send_audios',
      'can_send_documents',
      'can_send_photos',
      'can_send_videos',
      'can_send_video_notes',
      'can_send_voice_notes',
      'can_send_polls',
      'can_send_other_messages',
      'can_add_web_page_previews',
      'can_react_to_messages',
      'can_change_info',
      'can_invite_users',
      'can_edit_tag',
      'can_pin_messages',
      'can_manage_topics',
    ]),
  }),
  z.object({ status: z.literal('left'), user: userSchema }),
  z.object({ status: z.literal('kicked'), user: userSchema, until_date: z.number().int().default(0) }),
]);
export type ChatMember = z.infer<typeof chatMemberSchema>;

/** A change of the bot's own membership in a chat (added, promoted, removed). */
export const chatMemberUpdatedSchema = z.object({
  chat: chatSchema,
  from: userSchema,
  date: z.number().int(),
  old_chat_member: chatMemberSchema,
  new_chat_member: chatMemberSchema,
});
export type ChatMemberUpdated = z.infer<typeof chatMemberUpdatedSchema>;

/** One update from getUpdates or a webhook; kinds the bot does not handle are stripped. */
export const updateSchema = z.object({
  update_id: z.number().int().nonnegative(),
  message: updateMessageSchema.optional(),
  edited_message: editedMessageSchema.optional(),
  callback_query: callbackQuerySchema.optional(),
  my_chat_member: chatMemberUpdatedSchema.optional(),
});
export type Update = z.infer<typeof updateSchema>;

/** Validates a raw update; never throws, and names every problem as `path: message`. */
export function parseUpdate(raw: unknown): { ok: true; update: Update } | { ok: false; issues: string[] } {
  try {
    const parsed = updateSchema.safeParse(raw);
    if (parsed.success) return { ok: true, update: parsed.data };
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`),
    };
  } catch (error) {
    // Hostile inputs (throwing getters, proxies) must not take the polling loop down.
    return { ok: false, issues: [`(root): ${error instanceof Error ? error.message : String(error)}`] };
  }
}
