import type { Message, User } from '../../telegram/update-schema';

/**
 * The other person a command replies to: the author of the replied-to message, unless that is the sender, a bot
 * (the bot's own confirmations included), a chat posting anonymously, or the opening message of a forum topic
 * (which every message in a topic replies to without the sender choosing it).
 */
export function otherPersonRepliedTo(message: Message): User | undefined {
  const replied = message.reply_to_message;
  if (!replied?.from || replied.from.is_bot || replied.sender_chat || replied.from.id === message.from?.id) {
    return undefined;
  }
  const topicHeader =
    replied.forum_topic_created !== undefined ||
    (message.is_topic_message === true && replied.message_id === message.message_thread_id);
  return topicHeader ? undefined : replied.from;
}
