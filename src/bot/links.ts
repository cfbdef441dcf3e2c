/**
 * A t.me link to a message in a supergroup (ids -100…), opening its topic when it has one.
 * Basic groups and private chats have no such links.
 */
export function messageLink(chatId: number, messageId: number, threadId?: number | null): string | undefined {
  const match = /^-100(\d+)$/.exec(String(chatId));
  if (!match) return undefined;
  return threadId ? `https://t.me/c/${match[1]}/${threadId}/${messageId}` : `https://t.me/c/${match[1]}/${messageId}`;
}
