/** One line typed into the chat console, parsed. */
export type ConsoleLine =
  | { kind: 'empty' }
  /** Text sent as a message from the current user in the current chat (commands included). */
  | { kind: 'message'; text: string }
  /** Switch to a user, creating them (with `name` as their Telegram name) when new. */
  | { kind: 'as'; key: string; name?: string }
  /** Switch to a group, creating it (with `title`) when new; the key `private` is the chat with the bot. */
  | { kind: 'in'; key: string; title?: string }
  | { kind: 'reply'; ref: number; text: string }
  /** Press a button of a transcript message: by 1-based index, by (part of) its text, or the only one. */
  | { kind: 'press'; ref: number; button?: { index: number } | { text: string } }
  | { kind: 'users' }
  | { kind: 'groups' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'invalid'; problem: string };

const KEY = /^[\p{L}\p{N}_-]{1,32}$/u;

/** Usage lines for `:help`. */
export const CONSOLE_HELP: readonly string[] = [
  '/command args        send a command as the current user in the current chat',
  'text                 send an ordinary message',
  ':as <user> [name]    act as another user (created on first use, with an optional full name)',
  ':in <group> [title]  move to a group (created on first use); `:in private` = private chat with the bot',
  ':reply <n> <text>    reply to message #n of the transcript',
  ':press <n> [button]  press a button of message #n, by number or by (part of) its text',
  ':users  :groups      list the people and groups so far',
  ':help  :quit',
];

const refOf = (word: string | undefined): number | undefined =>
  word !== undefined && /^#?\d+$/.test(word) ? Number(word.replace('#', '')) : undefined;

/** Parses one console line; never throws. Meta-commands start with `:`; everything else is chat. */
export function parseConsoleLine(line: string): ConsoleLine {
  const trimmed = line.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (!trimmed.startsWith(':')) return { kind: 'message', text: trimmed };

  const [head = '', ...words] = trimmed.slice(1).split(/\s+/);
  const name = head.toLowerCase();
  const rest = (from: number) => words.slice(from).join(' ');
  switch (name) {
    case 'as':
    case 'in': {
      const key = words[0];
      if (!key) return { kind: 'invalid', problem: `usage: :${name} <${name === 'as' ? 'user' : 'group'}> [name]` };
      if (!KEY.test(key)) return { kind: 'invalid', problem: `"${key}" is not a short name (letters, digits, _ or -)` };
      const label = rest(1) || undefined;
      return name === 'as'
        ? { kind: 'as', key, ...(label && { name: label }) }
        : { kind: 'in', key, ...(label && { title: label }) };
    }
    case 'reply': {
      const ref = refOf(words[0]);
      const text = rest(1);
      if (ref === undefined || !text) return { kind: 'invalid', problem: 'usage: :reply <n> <text>' };
      return { kind: 'reply', ref, text };
    }
    case 'press': {
      const ref = refOf(words[0]);
      if (ref === undefined) return { kind: 'invalid', problem: 'usage: :press <n> [button number or text]' };
      const choice = rest(1);
      if (!choice) return { kind: 'press', ref };
      return { kind: 'press', ref, button: /^\d+$/.test(choice) ? { index: Number(choice) } : { text: choice } };
    }
    case 'users':
    case 'groups':
    case 'help':
    case 'quit':
      return words.length === 0 ? { kind: name } : { kind: 'invalid', problem: `:${name} takes no arguments` };
    case 'q':
    case 'exit':
      return { kind: 'quit' };
    default:
      return { kind: 'invalid', problem: `unknown console command ":${head}" (try :help)` };
  }
}
