import type { MessageEntity, User } from '../telegram/update-schema';
import { commandEntities } from './update-factory';

/** Typed text as Telegram would deliver it: mentions resolved, entities in order. */
export type MarkedText =
  | { readonly ok: true; readonly text: string; readonly entities: MessageEntity[] }
  | { readonly ok: false; readonly unknown: string };

// `@{key}` (braces) names a console person; `@word` is a username, unless it names a console person without one.
const MENTION = /(?<![\p{L}\p{N}_])@(?:\{([^{}\s]{1,32})\}|([A-Za-z0-9_]{1,32}))/gu;
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{2,31}$/;

const displayName = (user: User) => (user.last_name ? `${user.first_name} ${user.last_name}` : user.first_name);

/**
 * Marks typed text as a Telegram client does: a leading /command, `@username` as a `mention`, and a person picked
 * without a username as a `text_mention` (their name in the text, linked to their account). `@{key}` always makes a
 * text_mention of a console person; `@key` makes one when that person has no username. Offsets count UTF-16 code
 * units, as Telegram's do.
 */
export function markText(typed: string, person: (key: string) => User | undefined): MarkedText {
  const mentions: MessageEntity[] = [];
  let text = '';
  let last = 0;
  for (const match of typed.matchAll(MENTION)) {
    const [whole, braced, word] = match;
    const user = person((braced ?? word ?? '').toLowerCase());
    if (braced !== undefined && !user) return { ok: false, unknown: braced };
    text += typed.slice(last, match.index);
    last = match.index + whole.length;
    if (user && (braced !== undefined || user.username === undefined)) {
      const name = displayName(user);
      mentions.push({ type: 'text_mention', offset: text.length, length: name.length, user });
      text += name;
    } else {
      if (word !== undefined && USERNAME.test(word))
        mentions.push({ type: 'mention', offset: text.length, length: whole.length });
      text += whole;
    }
  }
  text += typed.slice(last);
  return { ok: true, text, entities: [...commandEntities(text), ...mentions] };
}
