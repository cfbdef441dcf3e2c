import type { Message } from '../telegram/update-schema';

/**
 * Why a message is not its sender's own command, or undefined when it is:
 * - `anonymous`: posted on behalf of a chat (an anonymous admin posts as the group itself, `from` being
 *   GroupAnonymousBot; a member may also post as a channel), so nobody can be credited or checked;
 * - `forwarded`: a copy of someone else's message (`forward_origin`): the work is not the forwarder's;
 * - `viaBot`: written through another bot's inline mode (`via_bot`);
 * - `bot`: sent by a bot.
 */
export type RelayKind = 'anonymous' | 'forwarded' | 'viaBot' | 'bot';

/** The one place that decides whether a message may act as its sender's command (see RelayKind). */
export function relayKindOf(
  message: Pick<Message, 'from' | 'sender_chat' | 'forward_origin' | 'via_bot'>,
): RelayKind | undefined {
  if (message.sender_chat) return 'anonymous';
  if (message.forward_origin) return 'forwarded';
  if (message.via_bot) return 'viaBot';
  if (message.from?.is_bot) return 'bot';
  return undefined;
}
