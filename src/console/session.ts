import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Chat, Message, MessageEntity, NonChannelChat, UpdateMessage, User } from '../telegram/update-schema';
import { type ClockTarget, CONSOLE_HELP, type ConsoleLine, parseConsoleLine } from './console-line';
import { instantOf, localLabel } from './console-time';
import type { ApiCall, CallOutcome, FakeBotApi, MessageWithFile } from './fake-bot-api';
import { markText } from './mentions';
import { type RenderableButton, renderHtml, renderKeyboard } from './render';
import { createUpdateFactory, type UpdateFactory } from './update-factory';

/** What the bot still owes after a line: whether it is at work, and the replies it holds back. */
export interface Backlog {
  /** The outbox holds rows the bot can send now, or is sending: the line is not answered yet, unless a limit holds. */
  readonly busy: boolean;
  /** Some row is out for delivery: claimed, in the transport, which may be waiting out a chat's limit. */
  readonly sending?: boolean;
  /** The bot is writing /export files: the line is not answered yet. */
  readonly writing?: boolean;
  /** Replies queued since the mark that have not gone out, with the instant they may go when the bot set one. */
  readonly held: readonly { readonly chatId: number; readonly notBefore?: Date }[];
}

/** The bot's outbox as the console watches it; see runConsole. */
export interface BacklogWatch {
  /** A mark before a line runs: replies queued after it are that line's. */
  mark(): Promise<number>;
  read(mark: number): Promise<Backlog>;
  /** Whether the transport waits out a chat's limit (a group's 20 messages a minute), rather than working. */
  limitHeld(): boolean;
}

/** The bot's clock and its scheduled jobs, for `:clock`; see runConsole. */
export interface ConsoleTime {
  now(): Date;
  /** Sets the bot's clock (forward only). */
  moveTo(instant: Date): void;
  readonly timeZone: string;
  /** The scheduled jobs due in (from, to], oldest first. */
  firings(from: Date, to: Date): readonly { readonly job: string; readonly dueAt: Date }[];
  /** Runs a job as its alarm would at `dueAt` (the clock reads dueAt then); how many posts it planned and queued. */
  run(job: string, dueAt: Date): Promise<{ readonly planned: number; readonly queued: number }>;
}

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
  /** The bot's outbox: answers arrive after the commit, and some are held back. Without it, quiet is enough. */
  readonly backlog?: BacklogWatch;
  /** The clock `:clock` moves; without it `:clock` is refused. */
  readonly time?: ConsoleTime;
}

/** A file the bot sent, under its transcript number. */
interface SentFile {
  readonly kind: 'document' | 'photo';
  readonly fileId: string;
  readonly name: string;
  readonly size: number;
}

interface Group {
  readonly label: string;
  chat: NonChannelChat;
}

const FIRST_USER_ID = 1001;
/** How long a delivery must stay held by a limit before the line counts it as held: past the 1 s limits' waits. */
const LIMIT_CONFIRM_MS = 1500;
/** How far `:clock` moves at once: its jobs are found minute by minute. */
const MAX_CLOCK_MOVE_MS = 31 * 86_400_000;
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
  private readonly files = new Map<number, SentFile>();
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
      nextUpdateId: () => this.api.nextUpdateId(),
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
    const mark = await this.options.backlog?.mark();
    const pushed = await this.execute(parsed);
    this.out();
    if (pushed === 'quit') return 'quit';
    if (pushed !== undefined) await this.settle(pushed, mark);
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
  private async execute(line: ConsoleLine): Promise<number | 'quit' | undefined> {
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
      case 'edit':
        return this.edit(line.ref, line.text);
      case 'file':
        return this.sendFile(line.path, line.caption);
      case 'files':
        for (const [number, file] of this.files) this.out(`  #${number} ${this.fileLabel(file)}`);
        if (this.files.size === 0) this.out('  no files yet');
        return undefined;
      case 'save':
        this.save(line.ref, line.path);
        return undefined;
      case 'clock':
        await this.clock(line.to);
        return undefined;
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

  /** Typed text as Telegram delivers it (mentions resolved), or nothing after saying who is unknown. */
  private marked(typed: string): { text: string; entities: MessageEntity[] } | undefined {
    const marked = markText(typed, (key) => this.users.get(key));
    if (marked.ok) return marked;
    this.out(`? there is no one called "${marked.unknown}" here (:users lists them)`);
    return undefined;
  }

  private send(typed: string, replyTo?: Message): number | undefined {
    const marked = this.marked(typed);
    if (!marked) return undefined;
    const { text, entities } = marked;
    const update = this.api.pushUpdate(
      this.updates.message({ from: this.user(), chat: this.chat(), text, entities, replyTo }),
    );
    return this.pushed(update.update_id, update.message);
  }

  /** Numbers a message the person sent, on the echo line or a line of its own. */
  private pushed(updateId: number, message: Message): number {
    const number = this.number(message.chat.id, message.message_id);
    if (this.echo === undefined) this.out(`  (#${number})`);
    else this.out(undefined, number);
    return updateId;
  }

  /** The author's edit of their message #ref: an edited_message update, as the bot gets when a /log is corrected. */
  private edit(ref: number, typed: string): number | undefined {
    const message = this.target(ref);
    if (!message) return undefined;
    if (message.from?.id !== this.user().id) {
      const author = message.from ? nameOf(message.from) : 'someone else';
      this.out(`? #${ref} was sent by ${author}; only its author can edit it`);
      return undefined;
    }
    if (message.text === undefined) {
      this.out(`? #${ref} has no text to edit`);
      return undefined;
    }
    const marked = this.marked(typed);
    if (!marked) return undefined;
    if (marked.text === message.text) {
      this.out(`? #${ref} already says that`);
      return undefined;
    }
    const update = this.api.pushUpdate(this.updates.edited(message as UpdateMessage, marked.text, marked.entities));
    if (this.echo === undefined) this.out(`  (#${ref} edited)`);
    return update.update_id;
  }

  /** A file from disk sent as a document by the current person, its caption marked like a typed text. */
  private sendFile(path: string, caption: string | undefined): number | undefined {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      this.out(`? cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    if (bytes.length === 0) {
      this.out(`? ${path} is empty; Telegram does not send empty files`);
      return undefined;
    }
    const marked = caption === undefined ? undefined : this.marked(caption);
    if (caption !== undefined && !marked) return undefined;
    const document = this.api.uploadDocument(bytes, basename(path));
    const update = this.api.pushUpdate(
      this.updates.document({
        from: this.user(),
        chat: this.chat(),
        document,
        ...(marked && { caption: marked.text, captionEntities: marked.entities }),
      }),
    );
    return this.pushed(update.update_id, update.message);
  }

  /** Writes the file of message #ref (a document or photo the bot sent) to `path`. */
  private save(ref: number, path: string): void {
    const file = this.files.get(ref);
    const bytes = file && this.api.fileOf(file.fileId)?.bytes;
    if (!file || !bytes) {
      this.out(`? #${ref} carries no file the bot sent (:files lists them)`);
      return;
    }
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
      this.out(`  (saved the ${file.kind} of #${ref} to ${path}, ${bytes.length} bytes)`);
    } catch (error) {
      this.out(`? cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Shows the clock, or moves it forward: the scheduled jobs it passes run one by one with the clock at their
   * time (through the code the scheduler runs), each delivered before the next, as if the time had gone by.
   */
  private async clock(target: ClockTarget | undefined): Promise<void> {
    const time = this.options.time;
    if (!time) {
      this.out('? this console has no clock to move');
      return;
    }
    const from = time.now();
    const label = (instant: Date) => localLabel(instant, time.timeZone);
    if (!target) {
      this.out(`  (the clock reads ${label(from)}, ${time.timeZone})`);
      return;
    }
    const to = instantOf(target, from, time.timeZone);
    if (to.getTime() <= from.getTime()) {
      this.out(`? the clock only moves forward; it reads ${label(from)}`);
      return;
    }
    if (to.getTime() - from.getTime() > MAX_CLOCK_MOVE_MS) {
      this.out('? the clock moves at most 31 days at a time');
      return;
    }
    for (const { job, dueAt } of time.firings(from, to)) {
      const mark = await this.options.backlog?.mark();
      time.moveTo(dueAt);
      this.out(`  (${label(dueAt)}: ${job})`);
      const run = await time.run(job, dueAt);
      if (run.queued === 0) this.out(run.planned === 0 ? '   nothing to post' : '   posted before');
      await this.settle(undefined, mark);
    }
    const mark = await this.options.backlog?.mark();
    time.moveTo(to);
    this.out(`  (the clock reads ${label(to)})`);
    // Replies the bot held until now go out.
    await this.settle(undefined, mark);
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

  /**
   * Waits until the bot confirmed the update (its handler finished), stayed quiet for a moment and owes nothing it
   * could send now; then says which of this line's replies it holds back (a group's limit, a decider's hour).
   */
  private async settle(updateId: number | undefined, mark: number | undefined): Promise<void> {
    const quietMs = this.options.quietMs ?? 150;
    const deadline = performance.now() + (this.options.settleTimeoutMs ?? 10_000);
    const pushedAt = performance.now();
    const watch = this.options.backlog;
    let backlog: Backlog = { busy: false, held: [] };
    let limitedSince: number | undefined;
    for (;;) {
      const now = performance.now();
      const quiet = now - Math.max(this.api.lastCallAt, pushedAt) >= quietMs;
      if ((updateId === undefined || this.api.isConfirmed(updateId)) && quiet) {
        backlog = watch ? await watch.read(mark ?? 0) : backlog;
        if (!backlog.writing && !backlog.busy) break;
        // A row out for delivery that stays out while the transport waits long: held by a group's limit. It must
        // last longer than the short waits (a second) that only delay a message.
        const limited = !backlog.writing && backlog.sending === true && watch?.limitHeld() === true;
        limitedSince = limited ? (limitedSince ?? now) : undefined;
        if (limitedSince !== undefined && now - limitedSince >= LIMIT_CONFIRM_MS) break;
      }
      if (now > deadline) {
        this.unanswered.clear();
        this.flag(
          updateId === undefined
            ? 'the bot did not deliver its posts in time'
            : `the bot did not finish update ${updateId} in time`,
        );
        return;
      }
      await sleep(10);
    }
    for (const id of this.unanswered) this.out(`  (the bot never answered the button press ${id})`);
    this.unanswered.clear();
    for (const note of new Set(backlog.held.map((held) => this.heldNote(held)))) this.out(`  ${note}`);
  }

  /** Why a reply waits: until an instant the bot set (move the clock past it), or a chat's limit on messages. */
  private heldNote(held: Backlog['held'][number]): string {
    const time = this.options.time;
    if (held.notBefore && time) {
      const where = this.chatLabel({ id: held.chatId, type: held.chatId < 0 ? 'supergroup' : 'private' });
      return `(held until ${localLabel(held.notBefore, time.timeZone)}, ${where}: move the :clock past it)`;
    }
    return held.chatId < 0 ? "(held: the group's limit)" : "(held: the chat's limit)";
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

  /** `#12 Thi đua @ PC06, reply to #11` */
  private heading(number: number, message: Message): string {
    const replied = message.reply_to_message
      ? this.numbers.get(keyOf(message.chat.id, message.reply_to_message.message_id))
      : undefined;
    const replyNote = replied === undefined ? '' : `, reply to #${replied}`;
    return `#${number} ${this.api.bot.first_name} @ ${this.chatLabel(message.chat)}${replyNote}`;
  }

  /** The file a sent message carries: a document, or a photo's largest size. */
  private sentFile(message: MessageWithFile): SentFile | undefined {
    if (message.document) {
      const { file_id, file_name, file_size } = message.document;
      return { kind: 'document', fileId: file_id, name: file_name ?? '', size: file_size ?? 0 };
    }
    const photo = message.photo?.at(-1);
    return photo && { kind: 'photo', fileId: photo.file_id, name: '', size: photo.file_size ?? 0 };
  }

  /** `document report.xlsx, 5432 bytes` */
  private fileLabel(file: SentFile): string {
    return `${file.kind}${file.name ? ` ${file.name}` : ''}, ${file.size} bytes`;
  }

  private show(call: ApiCall, outcome: CallOutcome): void {
    const method = call.method.toLowerCase();
    const { payload } = call;
    if (!outcome.ok) {
      this.flag(`${call.method} failed: ${outcome.error.description}`);
      return;
    }
    switch (method) {
      case 'sendmessage': {
        const message = outcome.result as Message;
        const number = this.number(message.chat.id, message.message_id);
        this.out([`${this.heading(number, message)}:`, ...this.body(payload), ...this.keyboard(message)].join('\n'));
        return;
      }
      case 'senddocument':
      case 'sendphoto': {
        const message = outcome.result as MessageWithFile;
        const number = this.number(message.chat.id, message.message_id);
        const file = this.sentFile(message);
        if (file) this.files.set(number, file);
        const what = file ? `[${this.fileLabel(file)}]` : '[no file]';
        const caption = typeof payload.caption === 'string' ? this.body({ ...payload, text: payload.caption }) : [];
        this.out([`${this.heading(number, message)}:`, `   ${what}`, ...caption].join('\n'));
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
