import { splitHtml, truncateHtml } from '../i18n/split-html';
import type { AfterSentHook, OutboxReply, StoredFile, StoredKeyboard, StoredRender } from './outbox-store';

/** Where and how a message goes: in reply, in a forum topic, with buttons; told its message id once sent. */
export interface OutgoingOptions {
  readonly replyTo?: number;
  readonly threadId?: number;
  readonly keyboard?: StoredKeyboard;
  readonly afterSent?: AfterSentHook;
}

/** A /log confirmation: its own message while the group has budget, else one line of a merged message. */
export interface Confirmation {
  readonly html: string;
  readonly keyboard: StoredKeyboard;
  readonly mergeHeading: string;
  readonly mergeLine: string;
}

/**
 * What an update answers with, gathered while it is handled and written to the outbox in the update's own
 * transaction: nothing is sent before the effect is committed, and nothing is lost after.
 */
export class Outgoing {
  readonly #replies: OutboxReply[] = [];

  constructor(
    /** Shown at the end of an edit cut to fit Telegram ("… and 12 more"). */
    private readonly moreText: (dropped: number) => string,
  ) {}

  /** A message; a long one is split at line breaks into several, the buttons under the last. */
  send(chatId: number, html: string, options: OutgoingOptions = {}): void {
    const parts = splitHtml(html);
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      this.#replies.push({
        kind: 'message',
        chatId,
        html: part,
        threadId: options.threadId ?? null,
        payload: {
          ...(index === 0 && options.replyTo !== undefined && { replyTo: options.replyTo }),
          ...(last && options.keyboard && { keyboard: options.keyboard }),
          ...(last && options.afterSent && { afterSent: options.afterSent }),
        },
      });
    });
  }

  /** Replaces a message's text and buttons; cut to one message when too long. */
  edit(chatId: number, messageId: number, html: string, keyboard?: StoredKeyboard): void {
    this.#replies.push({
      kind: 'edit',
      chatId,
      html: truncateHtml(html, this.moreText),
      payload: { messageId, keyboard: keyboard ?? [] },
    });
  }

  /**
   * A file: bytes ready (an export's), kept base64 in the outbox row, or a render request (a draft certificate) the
   * sender draws just before sending, after the commit. The caption is cut to Telegram's 1,024.
   */
  document(
    chatId: number,
    file: ({ bytes: Uint8Array } | { render: StoredRender }) & { filename: string; caption?: string },
    options: Pick<OutgoingOptions, 'replyTo' | 'threadId'> = {},
  ): void {
    const stored: StoredFile =
      'bytes' in file ? { base64: Buffer.from(file.bytes).toString('base64') } : { render: file.render };
    this.#replies.push({
      kind: 'document',
      chatId,
      html: this.#caption(file.caption),
      threadId: options.threadId ?? null,
      payload: {
        ...(options.replyTo !== undefined && { replyTo: options.replyTo }),
        document: { ...stored, filename: file.filename },
      },
    });
  }

  /** A picture (a chart) the sender draws just before sending, after the commit; the caption is cut to 1,024. */
  photo(
    chatId: number,
    picture: { render: StoredRender; caption?: string },
    options: Pick<OutgoingOptions, 'replyTo' | 'threadId'> = {},
  ): void {
    this.#replies.push({
      kind: 'photo',
      chatId,
      html: this.#caption(picture.caption),
      threadId: options.threadId ?? null,
      payload: {
        ...(options.replyTo !== undefined && { replyTo: options.replyTo }),
        photo: { render: picture.render },
      },
    });
  }

  #caption(caption: string | undefined): string {
    return caption ? truncateHtml(caption, this.moreText, 1024) : '';
  }

  /**
   * The bot's reaction on a message: an acknowledgement that spends no message budget. `whenWaiting`: only if at
   * least that many of the chat's messages are waiting to go out when the update's replies are written.
   */
  react(chatId: number, messageId: number, emoji: string, options: { readonly whenWaiting?: number } = {}): void {
    this.#replies.push({
      kind: 'reaction',
      chatId,
      html: '',
      payload: { messageId, emoji },
      ...(options.whenWaiting !== undefined && { whenWaiting: options.whenWaiting }),
    });
  }

  /** A /log's confirmation, merged with others still waiting in the chat when they pile up. */
  confirm(chatId: number, replyTo: number, threadId: number | undefined, confirmation: Confirmation): void {
    this.#replies.push({
      kind: 'confirmation',
      chatId,
      html: truncateHtml(confirmation.html, this.moreText),
      threadId: threadId ?? null,
      payload: {
        replyTo,
        keyboard: confirmation.keyboard,
        mergeHeading: confirmation.mergeHeading,
        mergeLine: confirmation.mergeLine,
      },
    });
  }

  /** Everything gathered, in order. */
  get replies(): readonly OutboxReply[] {
    return this.#replies;
  }
}
