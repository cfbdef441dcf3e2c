import type { Chat, Message, NonChannelChat, User } from '../telegram/update-schema';
import { CONSOLE_HELP, type ConsoleLine, parseConsoleLine } from './console-line';
import type { ApiCall, CallOutcome, FakeBotApi } from './fake-bot-api';
import { type RenderableButton, renderHtml, renderKeyboard } from './render';
import { createUpdateFactory, type UpdateFactory } from './update-factory';

export interface ConsoleSessionOptions {
  readonly api: FakeBotApi;
  /** Receives the transcript, one line (or block of lines) per call. */
  readonly write: (text: string) => void;
  readonly ansi?: boolean;
  /** The persona the session starts as; its id should be in ADMIN_IDS. */
  readonly admin: { readonly id: number; readonly name?: string };
  /** Texts the bot sends when a handler failed: seeing one counts as a problem. */
  readonly errorTexts?: readonly string[];
  /** How long the bot must stay silent before a line counts as answered. */
  readonly quietMs?: number;
  /** How long to wait for the bot to finish one update before giving up on it. */
  readonly settleTimeoutMs?: number;
  /** Whether everything the bot means to send has gone out (its outbox is empty); answers arrive after the commit. */
  readonly delivered?: () => Promise<boolean>;
}

interface Group {
  readonly label: string;
  chat: NonChannelChat;
}

const FIRST_USER_ID = 1001;
const FIRST_GROUP_ID = -1001000000001;

const nameOf = (user: User) => (user.last_name ? `${user.first_name} ${user.last_name}` : user.first_name);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keyOf = (chatId: number, messageId: number) => `${chatId}:${messageId}`;

/**
 * One person playing several users in several chats against a bot polling a FakeBotApi: turns console lines into
 * updates, and prints what the bot does, numbering every message so later lines can reply to it or press its buttons.
 */
export class ConsoleSession {
  /** What went wrong so far: error answers, failed API calls, updates the bot never finished, logged errors. */
  readonly problems: string[] = [];

  private readonly api: FakeBotApi;
  private readonly options: ConsoleSessionOptions;
  private readonly updates: UpdateFactory;
  private readonly users = new Map<string, User>();
  private readonly groups = new Map<string, Group>();
  private readonly transcript = new Map<number, { chatId: number; messageId: number }>();
  private readonly numbers = new Map<string, number>();
  private readonly unanswered = new Set<string>();
  private readonly unsubscribe: () => void;
  private userKey = 'admin';
  private groupKey: string | undefined;
  private nextNumber = 1;
  private echo: string | undefined;

  constructor(options: ConsoleSessionOptions) {
    this.options = options;
    this.api = options.api;
    this.updates = createUpdateFactory({
      now: () => this.api.clock.now(),
      nextMessageId: (chatId) => this.api.nextMessageId(chatId),
    });
    this.users.set('admin', { id: options.admin.id, is_bot: false, first_name: options.admin.name ?? 'Admin' });
    this.unsubscribe = this.api.onCall((call, outcome) => this.show(call, outcome));
  }

  /** `[Full Name @ GROUP] > ` */
  prompt(): string {
    return `[${nameOf(this.user())} @ ${this.groupKey ? this.groups.get(this.groupKey)!.label : 'private'}] > `;
  }

  /** Runs one line and waits until the bot has finished with it; with `echo`, prints the line first (scripts). */
  async run(line: string, options: { echo?: boolean } = {}): Promise<'continue' | 'quit'> {
    const parsed = parseConsoleLine(line);
    this.echo = options.echo === true && parsed.kind !== 'empty' ? `${this.prompt()}${line.trim()}` : undefined;
    const pushed = this.execute(parsed);
    this.out();
    if (pushed === 'quit') return 'quit';
    if (pushed !== undefined) await this.settle(pushed);
    return 'continue';
  }

  /** Records a problem found outside the transcript (a logged error, a crash) and prints it. */
  flag(problem: string): void {
    this.problems.push(problem);
    this.out(`! ${problem}`);
  }

  /**
   * Writes to the transcript, after the echo of the line being run (scripts), which a sent message numbers:
   * `[An @ PC06] > /log cccd 120   (#9)`.
   */
  private out(text?: string, number?: number): void {
    if (this.echo !== undefined) {
      this.options.write(number === undefined ? this.echo : `${this.echo}   (#${number})`);
      this.echo = undefined;
    }
    if (text !== undefined) this.options.write(text);
  }

  /** Stops listening to the API. */
  dispose(): void {
    this.unsubscribe();
  }

  /** Returns the update id it pushed, 'quit', or nothing when the line only changed or printed console state. */
  private execute(line: ConsoleLine): number | 'quit' | undefined {
    switch (line.kind) {
      case 'empty':
        return undefined;
      case 'invalid':
        this.out(`? ${line.problem}`);
        return undefined;
      case 'message':
        return this.send(line.text);
      case 'as':
        this.switchUser(line.key, line.name);
        return undefined;
      case 'in':
        this.switchGroup(line.key, line.title);
        return undefined;
      case 'reply':
        return this.reply(line.ref, line.text);
      case 'press':
        return this.press(line.ref, line.button);
      case 'users':
        for (const [key, user] of this.users)
          this.out(`  ${key === this.userKey ? '*' : ' '} ${key}: ${nameOf(user)} (id ${user.id})`);
        return undefined;
      case 'groups':
        for (const [key, group] of this.groups)
          this.out(`  ${key === this.groupKey ? '*' : ' '} ${group.label}: ${group.chat.title} (id ${group.chat.id})`);
        if (this.groups.size === 0) this.out('  no groups yet: :in <group> [title]');
        return undefined;
      case 'help':
        for (const help of CONSOLE_HELP) this.out(`  ${help}`);
        return undefined;
      case 'quit':
        return 'quit';
    }
  }

  private user(): User {
    return this.users.get(this.userKey)!;
  }

  private chat(): NonChannelChat {
    if (this.groupKey) return this.groups.get(this.groupKey)!.chat;
    const user = this.user();
    return {
      id: user.id,
      type: 'private',
      first_name: user.first_name,
      ...(user.last_name !== undefined && { last_name: user.last_name }),
      ...(user.username !== undefined && { username: user.username }),
    };
  }

  private switchUser(rawKey: string, name: string | undefined): void {
    const key = rawKey.toLowerCase();
    const known = this.users.get(key);
    if (known) {
      if (name) this.users.set(key, { ...known, first_name: name });
    } else {
      const id = FIRST_USER_ID + [...this.users.keys()].filter((other) => other !== 'admin').length;
      // Short keys double as usernames so `@key` mentions work; Telegram's own minimum is 5 letters.
      const username = /^[a-z][a-z0-9_]{2,31}$/.test(key) ? key : undefined;
      this.users.set(key, { id, is_bot: false, first_name: name ?? rawKey, ...(username && { username }) });
      this.out(`  (new user ${key}: ${name ?? rawKey}, id ${id})`);
    }
    this.userKey = key;
  }

  private switchGroup(rawKey: string, title: string | undefined): void {
    const key = rawKey.toLowerCase();
    if (key === 'private') {
      this.groupKey = undefined;
      return;
    }
    const known = this.groups.get(key);
    if (known) {
      if (title) known.chat = { ...known.chat, title } as NonChannelChat;
    } else {
      const id = FIRST_GROUP_ID - this.groups.size;
      this.groups.set(key, { label: rawKey, chat: { id, type: 'supergroup', title: title ?? rawKey } });
      this.out(`  (new group ${rawKey}: ${title ?? rawKey}, id ${id})`);
    }
    this.groupKey = key;
  }

  private send(text: string, replyTo?: Message): number {
    const update = this.api.pushUpdate(this.updates.message({ from: this.user(), chat: this.chat(), text, replyTo }));
    const number = this.number(update.message.chat.id, update.message.message_id);
    if (this.echo === undefined) this.out(`  (#${number})`);
    else this.out(undefined, number);
    return update.update_id;
  }

  private target(ref: number): Message | undefined {
    const entry = this.transcript.get(ref);
    const message = entry && this.api.message(entry.chatId, entry.messageId);
    if (!message) this.out(`? there is no message #${ref}${entry ? ' any more' : ''}`);
    return message;
  }

  private reply(ref: number, text: string): number | undefined {
    const message = this.target(ref);
    if (!message) return undefined;
    if (message.chat.id !== this.chat().id) {
      this.out(`? #${ref} is in ${this.chatLabel(message.chat)}; go there first (:in ...)`);
      return undefined;
    }
    return this.send(text, message);
  }

  private press(ref: number, choice: { index: number } | { text: string } | undefined): number | undefined {
    const message = this.target(ref);
    if (!message) return undefined;
    const buttons: RenderableButton[] = (message.reply_markup?.inline_keyboard ?? []).flat();
    let button: RenderableButton | undefined;
    if (!choice) button = buttons.length === 1 ? buttons[0] : undefined;
    else if ('index' in choice) button = buttons[choice.index - 1];
    else button = buttons.find((candidate) => candidate.text.toLowerCase().includes(choice.text.toLowerCase()));
    if (!button) {
      const listed = renderKeyboard(message.reply_markup?.inline_keyboard ?? []).join(' ') || 'none';
      this.out(`? which button of #${ref}? buttons: ${listed}`);
      return undefined;
    }
    if (button.callback_data === undefined) {
      this.out(`  (opens ${button.url ?? 'nothing'})`);
      return undefined;
    }
    const update = this.updates.callback({ from: this.user(), message, data: button.callback_data });
    this.unanswered.add(update.callback_query.id);
    return this.api.pushUpdate(update).update_id;
  }

  /** Waits until the bot confirmed the update (its handler finished) and then stayed quiet for a moment. */
  private async settle(updateId: number): Promise<void> {
    const quietMs = this.options.quietMs ?? 150;
    const deadline = performance.now() + (this.options.settleTimeoutMs ?? 10_000);
    const pushedAt = performance.now();
    for (;;) {
      const now = performance.now();
      const quiet = now - Math.max(this.api.lastCallAt, pushedAt) >= quietMs;
      if (this.api.isConfirmed(updateId) && quiet && (await (this.options.delivered?.() ?? true))) break;
      if (now > deadline) {
        this.unanswered.clear();
        this.flag(`the bot did not finish update ${updateId} in time`);
        return;
      }
      await sleep(10);
    }
    for (const id of this.unanswered) this.out(`  (the bot never answered the button press ${id})`);
    this.unanswered.clear();
  }

  private number(chatId: number, messageId: number): number {
    const key = keyOf(chatId, messageId);
    const known = this.numbers.get(key);
    if (known !== undefined) return known;
    const number = this.nextNumber++;
    this.numbers.set(key, number);
    this.transcript.set(number, { chatId, messageId });
    return number;
  }

  private chatLabel(chat: Pick<Chat, 'id' | 'type'> & { title?: string; first_name?: string }): string {
    for (const group of this.groups.values()) if (group.chat.id === chat.id) return group.label;
    if (chat.type === 'private') {
      const user = [...this.users.values()].find((candidate) => candidate.id === chat.id);
      return `private with ${user ? nameOf(user) : (chat.first_name ?? chat.id)}`;
    }
    return chat.title ?? String(chat.id);
  }

  private body(payload: Record<string, unknown>): string[] {
    const text = typeof payload.text === 'string' ? payload.text : '';
    const html = typeof payload.parse_mode === 'string' && payload.parse_mode.toUpperCase() === 'HTML';
    if ((this.options.errorTexts ?? []).includes(text)) this.problems.push('the bot answered with its error text');
    const rendered = html ? renderHtml(text, { ansi: this.options.ansi ?? false }) : text;
    return rendered.split('\n').map((line) => `   ${line}`);
  }

  private keyboard(message: Message): string[] {
    return renderKeyboard(message.reply_markup?.inline_keyboard ?? []).map((row) => `   ${row}`);
  }

  private show(call: ApiCall, outcome: CallOutcome): void {
    const method = call.method.toLowerCase();
    const { payload } = call;
    if (!outcome.ok) {
      this.flag(`${call.method} failed: ${outcome.error.description}`);
      return;
    }
    const bot = this.api.bot.first_name;
    switch (method) {
      case 'sendmessage': {
        const message = outcome.result as Message;
        const number = this.number(message.chat.id, message.message_id);
        const replied = message.reply_to_message
          ? this.numbers.get(keyOf(message.chat.id, message.reply_to_message.message_id))
          : undefined;
        const replyNote = replied === undefined ? '' : `, reply to #${replied}`;
        this.out(
          [
            `#${number} ${bot} @ ${this.chatLabel(message.chat)}${replyNote}:`,
            ...this.body(payload),
            ...this.keyboard(message),
          ].join('\n'),
        );
        return;
      }
      case 'senddocument':
      case 'sendphoto': {
        const message = outcome.result as Message;
        const field = method === 'sendphoto' ? 'photo' : 'document';
        const file = payload[field] as { source?: Uint8Array; filename?: string } | undefined;
        const what = `[${field}${file?.filename ? ` ${file.filename}` : ''}, ${file?.source?.length ?? 0} bytes]`;
        const caption = typeof payload.caption === 'string' ? this.body({ ...payload, text: payload.caption }) : [];
        this.out(
          [
            `#${this.number(message.chat.id, message.message_id)} ${bot} @ ${this.chatLabel(message.chat)}:`,
            `   ${what}`,
            ...caption,
          ].join('\n'),
        );
        return;
      }
      case 'editmessagetext':
      case 'editmessagereplymarkup': {
        if (outcome.result === true) return;
        const message = outcome.result as Message;
        const number = this.number(message.chat.id, message.message_id);
        const lines = method === 'editmessagetext' ? this.body(payload) : [];
        const keyboard = this.keyboard(message);
        this.out(
          [
            `#${number} edited${lines.length ? '' : ' (buttons)'}:`,
            ...lines,
            ...(keyboard.length ? keyboard : ['   (no buttons)']),
          ].join('\n'),
        );
        return;
      }
      case 'deletemessage': {
        const number = this.numbers.get(keyOf(Number(payload.chat_id), Number(payload.message_id)));
        this.out(`#${number ?? '?'} deleted`);
        return;
      }
      case 'answercallbackquery': {
        this.unanswered.delete(String(payload.callback_query_id));
        if (typeof payload.text !== 'string') return;
        if ((this.options.errorTexts ?? []).includes(payload.text))
          this.problems.push('the bot answered with its error text');
        this.out(`   ${payload.show_alert === true ? '[alert]' : '[toast]'} ${payload.text}`);
        return;
      }
      default:
        return;
    }
  }
}
