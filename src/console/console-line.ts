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
  /** Edit message #ref (one's own) to a new text: an `edited_message` update. */
  | { kind: 'edit'; ref: number; text: string }
  /** Show the bot's clock, or move it forward (running the scheduled jobs it passes). */
  | { kind: 'clock'; to?: ClockTarget }
  /** List the files the bot sent. */
  | { kind: 'files' }
  /** Save the file of message #ref to a path. */
  | { kind: 'save'; ref: number; path: string }
  /** Send a file from disk as a document, with an optional caption. */
  | { kind: 'file'; path: string; caption?: string }
  | { kind: 'users' }
  | { kind: 'groups' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'invalid'; problem: string };

/** Where `:clock` moves the clock: by a span, to an instant, or to a local time in the bot's time zone. */
export type ClockTarget =
  | { readonly by: number }
  | { readonly at: Date }
  /** A local day and minutes past its midnight, read in the bot's time zone. */
  | { readonly day: string; readonly minute: number };

const KEY = /^[\p{L}\p{N}_-]{1,32}$/u;
const SPAN = /^\+(\d{1,5})([mhdw])$/;
const SPAN_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}):(\d{2}))?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** `+1d`, `+7d`, `+2h`, `+30m`, `+1w`; `2026-11-30` or `2026-11-30 08:00` (local); an ISO instant with its zone. */
export function parseClockTarget(text: string): ClockTarget | undefined {
  const span = SPAN.exec(text);
  if (span) return Number(span[1]) > 0 ? { by: Number(span[1]) * SPAN_MS[span[2]!]! } : undefined;
  const local = LOCAL_TIME.exec(text);
  if (local) {
    const [, day = '', hour = '0', minute = '0'] = local;
    const midnight = new Date(`${day}T00:00:00Z`);
    const valid =
      !Number.isNaN(midnight.getTime()) &&
      midnight.toISOString().startsWith(day) &&
      Number(hour) < 24 &&
      Number(minute) < 60;
    return valid ? { day, minute: Number(hour) * 60 + Number(minute) } : undefined;
  }
  const at = INSTANT.test(text) ? new Date(text) : undefined;
  return at && !Number.isNaN(at.getTime()) ? { at } : undefined;
}

/** A path, possibly in double quotes (for spaces), and the words after it. */
function pathAndRest(text: string): { path: string; rest: string } | undefined {
  const quoted = /^"([^"]+)"\s*(.*)$/s.exec(text);
  if (quoted) return { path: quoted[1]!, rest: quoted[2]!.trim() };
  const [path = '', ...rest] = text.split(/\s+/);
  return path ? { path, rest: rest.join(' ') } : undefined;
}

/** Usage lines for `:help`. */
export const CONSOLE_HELP: readonly string[] = [
  '/command args        send a command as the current user in the current chat',
  'text                 send an ordinary message',
  ':as <user> [name]    act as another user (created on first use, with an optional full name)',
  ':in <group> [title]  move to a group (created on first use); `:in private` = private chat with the bot',
  ':reply <n> <text>    reply to message #n of the transcript',
  ':press <n> [button]  press a button of message #n, by number or by (part of) its text',
  ':edit <n> <text>     edit your own message #n (the bot reads an edited /log as a correction)',
  ':file <path> [text]  send a file (an XLSX or CSV) as a document, the text as its caption',
  ':files               list the files the bot sent (documents, photos)',
  ':save <n> <path>     save the file of message #n',
  ':clock [when]        show the clock, or move it forward: +1d, +7d, +2h, 2026-11-30 08:00 or an ISO',
  '                     instant; the weekly jobs and reminders run as it passes their times',
  '@user  @{user}       mention a person in any text (@{user}: their name, linked to their account)',
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
  /** The line after the command word, spacing kept. */
  const after = trimmed.slice(1 + head.length).trim();
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
    case 'edit': {
      const ref = refOf(words[0]);
      const text = rest(1);
      if (ref === undefined || !text) return { kind: 'invalid', problem: 'usage: :edit <n> <text>' };
      return { kind: 'edit', ref, text };
    }
    case 'clock': {
      if (words.length === 0) return { kind: 'clock' };
      const to = parseClockTarget(rest(0));
      if (!to)
        return { kind: 'invalid', problem: 'usage: :clock [+1d | +7d | +2h | +30m | 2026-11-30 08:00 | ISO instant]' };
      return { kind: 'clock', to };
    }
    case 'save': {
      const ref = refOf(words[0]);
      const target = pathAndRest(after.replace(/^\S+\s*/, ''));
      if (ref === undefined || !target || target.rest) return { kind: 'invalid', problem: 'usage: :save <n> <path>' };
      return { kind: 'save', ref, path: target.path };
    }
    case 'file': {
      const target = pathAndRest(after);
      if (!target) return { kind: 'invalid', problem: 'usage: :file <path> [caption]' };
      return { kind: 'file', path: target.path, ...(target.rest && { caption: target.rest }) };
    }
    case 'files':
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
