/**
 * The outbox: everything the bot sends, as rows, delivered by a worker that claims them with a lease.
 *
 * Two sources. Scheduled posts (leaderboards, digests, reminders) are keyed by (job, period, chat): whichever process
 * wakes first for a period creates them, the others' inserts do nothing. Replies to an update are written in the
 * update's own transaction, keyed by (reply, update id and sequence, chat): a redelivered update, found in the
 * ledger, adds nothing, and a crash after the commit still delivers them.
 *
 * Lanes. Messages and edits spend a chat's message budget (20 a minute in a group); reactions do not. Each
 * (chat, lane) has at most one row out at a time, so a chat's messages go in order, even across workers.
 *
 * Claims. Only the holder of the token's sender lease (sender-lease-store.ts) claims rows, and its claims last as long
 * as that lease: renewed with it, lapsing with it (15 s after a holder's last renewal), and taken back at once by the
 * next process that takes the lease. So a claim covers every wait inside the transport (a group's minute, a 429's
 * retry_after) while its holder lives, and a dead holder's claims hold its chats back for seconds, not minutes.
 *
 * The one window. A worker claims a row (status sending), Telegram accepts it, then the worker marks the row sent. A
 * crash between Telegram's answer and the mark leaves the row `sending`; the next holder of the sender lease takes
 * it back and sends it again. That is the one place a duplicate can come from (at most one message per chat, since a
 * chat has one row out at a time), and it errs that way on purpose: a lost confirmation invites the officer to log
 * twice, a lost leaderboard never arrives. Claims never overlap and a mark lands only under the claim it was made by.
 */
import { sql } from 'kysely';
import type { Db, OutboxTable } from '../storage/schema';
import { inTransaction } from '../storage/unit-of-work';
import { LEDGER_DAYS } from '../storage/update-ledger';
import type { InlineKeyboard } from './transport';

/** Where a row stands. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** What a row asks Telegram for. */
export const OUTBOX_KINDS = ['post', 'message', 'confirmation', 'edit', 'reaction', 'document', 'photo'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** Whether a stored kind is one this version sends (a newer release may have written others). */
export const isOutboxKind = (kind: string): kind is OutboxKind => (OUTBOX_KINDS as readonly string[]).includes(kind);

/** Which budget a row spends: messages and edits share a chat's; reactions have their own. */
export type OutboxLane = 'message' | 'reaction';

/** Buttons as stored: rows of [text, callback data]. */
export type StoredKeyboard = InlineKeyboard;

/** Told with Telegram's message id once a row went out (a nomination card learns its message, say). */
export interface AfterSentHook {
  readonly kind: string;
  readonly id: number;
}

/**
 * A file drawn by the sender just before it goes out, after the update's commit: the renderer's name and its input
 * (a chart's SVG, a certificate's wording). The sender's `render` port knows the names; see src/files/renderers.ts.
 */
export interface StoredRender {
  readonly renderer: string;
  readonly input: unknown;
}

/** A file's bytes as stored: ready (base64), or to be drawn at sending time. */
export type StoredFile = { readonly base64: string } | { readonly render: StoredRender };

/** The JSON beside a row's text. */
export interface OutboxPayload {
  readonly replyTo?: number;
  readonly keyboard?: StoredKeyboard;
  /** edit and reaction: the message they apply to. */
  readonly messageId?: number;
  readonly emoji?: string;
  /** confirmation: its line and heading when several waiting confirmations go out as one message. */
  readonly mergeLine?: string;
  readonly mergeHeading?: string;
  readonly afterSent?: AfterSentHook;
  /** document: the file (an export's bytes, or a certificate to draw) and its name; the row's html is the caption. */
  readonly document?: StoredFile & { readonly filename: string };
  /** photo: the PNG (a chart to draw, usually); the row's html is the caption. */
  readonly photo?: StoredFile;
  /** The text and payload are blanked once the row is sent, failed or skipped (a secret ballot's buttons). */
  readonly forget?: true;
}

/** A scheduled post to enqueue. */
export interface OutboxPost {
  readonly job: string;
  /** The period the post reports on ("2026-W47", "2026-11-27"): with job and chat, its unique key. */
  readonly period: string;
  readonly chatId: number;
  readonly html: string;
  /** A forum topic to post in. */
  readonly threadId?: number | null;
  /** Not sent before this instant; by default, as soon as a worker runs. */
  readonly notBefore?: Date;
  /** Stale after this instant: skipped, never sent late. */
  readonly expiresAt?: Date | null;
  /** A photo (a weekly chart, drawn when sent) rather than a message; `html` is its caption. */
  readonly photo?: StoredFile;
}

/** Something an update answers with, written in the update's transaction. */
export interface OutboxReply {
  readonly kind: Exclude<OutboxKind, 'post'>;
  readonly chatId: number;
  readonly html: string;
  readonly threadId?: number | null;
  readonly payload?: OutboxPayload;
  /**
   * Written only when at least this many of the chat's messages are waiting to go out (pending or sending), counted
   * by the statement that writes it: a /log's ✍ when its confirmation will wait for the group's budget, decided
   * without a round trip of its own.
   */
  readonly whenWaiting?: number;
}

/** A row a worker holds the claim of. */
export interface ClaimedRow {
  readonly id: number;
  readonly job: string;
  readonly period: string;
  /** As stored: the sender refuses, loudly, a kind it does not know (see isOutboxKind). */
  readonly kind: string;
  readonly lane: OutboxLane;
  readonly chatId: number;
  readonly threadId: number | null;
  readonly html: string;
  readonly payload: OutboxPayload;
  /** Claims so far, this one included: with the owner, what names this claim (see Claim). */
  readonly attempts: number;
  readonly expiresAt: Date | null;
  /** The claim's lease when made; a sender under the sender lease renews it with that lease. */
  readonly leaseUntil: Date;
  /**
   * Rows of its chat and lane waiting to go out when it was claimed (pending or sending), itself included: more than
   * one, and others wait behind it.
   */
  readonly waiting: number;
}

/** The job name of replies; their period is "<update id>.<sequence>". */
export const REPLY_JOB = 'reply';

/** SQLite allows 32,766 bound values a statement; 12 columns × 500 rows stays far below. */
const INSERT_CHUNK = 500;
/** last_error is for people reading the table; a whole stack trace is not. */
const MAX_ERROR_LENGTH = 500;

const laneOf = (kind: OutboxKind): OutboxLane => (kind === 'reaction' ? 'reaction' : 'message');

/** Inserts the rows not there yet (by job, period and chat); returns the keys of those it created. */
async function insertRows(db: Db, rows: ReturnType<typeof rowsOf>): Promise<string[]> {
  const created: string[] = [];
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const inserted = await db
      .insertInto('outbox')
      .values(rows.slice(start, start + INSERT_CHUNK))
      .onConflict((oc) => oc.columns(['job', 'period', 'chat_id']).doNothing())
      .returning(['job', 'period', 'chat_id'])
      .execute();
    for (const row of inserted) created.push(keyOf(row.job, row.period, Number(row.chat_id)));
  }
  return created;
}

const keyOf = (job: string, period: string, chatId: number) => `${job}\u0000${period}\u0000${chatId}`;

function rowsOf(
  items: readonly {
    job: string;
    period: string;
    kind: OutboxKind;
    chatId: number;
    html: string;
    threadId?: number | null;
    payload?: OutboxPayload;
    notBefore?: Date;
    expiresAt?: Date | null;
  }[],
  now: Date,
) {
  const at = now.toISOString();
  return items.map((item) => ({
    job: item.job,
    period: item.period,
    kind: item.kind,
    lane: laneOf(item.kind),
    chat_id: item.chatId,
    thread_id: item.threadId ?? null,
    html: item.html,
    payload: item.payload ? JSON.stringify(item.payload) : null,
    status: 'pending' satisfies OutboxStatus,
    attempts: 0,
    not_before: (item.notBefore ?? now).toISOString(),
    expires_at: item.expiresAt ? item.expiresAt.toISOString() : null,
    created_at: at,
  }));
}

/** Creates the posts that do not exist yet (by job, period and chat); returns how many were new. */
export async function enqueuePosts(db: Db, posts: readonly OutboxPost[], now: Date): Promise<number> {
  return (await enqueueNewPosts(db, posts, now)).length;
}

/** Creates the posts that do not exist yet (by job, period and chat); returns those it created, in order. */
export async function enqueueNewPosts<P extends OutboxPost>(db: Db, posts: readonly P[], now: Date): Promise<P[]> {
  if (posts.length === 0) return [];
  const rows = rowsOf(
    posts.map(({ photo, ...post }) =>
      photo ? { ...post, kind: 'photo' as const, payload: { photo } } : { ...post, kind: 'post' as const },
    ),
    now,
  );
  const created = new Set(await inTransaction(db, (trx) => insertRows(trx, rows)));
  return posts.filter((post) => created.has(keyOf(post.job, post.period, post.chatId)));
}

/** A reply's whenWaiting as bound: a whole number a bigint holds (a budget without limit is MAX_SAFE_INTEGER). */
const thresholdOf = (reply: OutboxReply): number | null =>
  reply.whenWaiting === undefined ? null : Math.min(Math.ceil(reply.whenWaiting), Number.MAX_SAFE_INTEGER);

/**
 * Writes an update's replies, in order, inside the update's transaction; `key` is the update id (or, for the
 * apology after a failure, the id with a suffix, so a later successful redelivery still answers).
 */
export async function enqueueReplies(db: Db, key: string, replies: readonly OutboxReply[], now: Date): Promise<number> {
  let created = 0;
  for (let start = 0; start < replies.length; start += INSERT_CHUNK) {
    const chunk = replies.slice(start, start + INSERT_CHUNK);
    const rows = rowsOf(
      chunk.map((reply, index) => ({ ...reply, job: REPLY_JOB, period: `${key}.${start + index}` })),
      now,
    );
    // A select over the rows rather than plain values, for the rows written only when enough wait (whenWaiting):
    // the same statement on both dialects (the count sees the outbox as it was before the statement on both). The
    // numbers are cast: PostgreSQL types a VALUES list's parameters as text. Its columns are column1… on both.
    const values = rows.map(
      (row, index) => sql`(${row.job}, ${row.period}, ${row.kind}, ${row.lane}, cast(${row.chat_id} as bigint),
        cast(${row.thread_id} as integer), ${row.html}, ${row.payload}, ${row.status}, cast(${row.attempts} as integer),
        ${row.not_before}, ${row.expires_at}, ${row.created_at}, cast(${thresholdOf(chunk[index]!)} as bigint))`,
    );
    const result = await sql`
      insert into outbox
        (job, period, kind, lane, chat_id, thread_id, html, payload, status, attempts, not_before, expires_at, created_at)
      select column1, column2, column3, column4, column5, column6, column7, column8, column9, column10, column11,
        column12, column13
      from (values ${sql.join(values)}) as reply
      where column14 is null or column14 <= (
        select count(*) from outbox as waiting
        where waiting.chat_id = reply.column5 and waiting.lane = ${'message' satisfies OutboxLane}
          and waiting.status in ('pending', 'sending'))
      on conflict (job, period, chat_id) do nothing`.execute(db);
    created += Number(result.numAffectedRows ?? 0);
  }
  return created;
}

/**
 * The callback data of the buttons a message of the bot's carries, as the outbox wrote them: its last edit's (sent,
 * waiting or failed: an edit that took a button away withdrew it), else its own; none under confirmations merged
 * into one message (sent without buttons). Empty once the outbox no longer knows the message (finished replies are
 * pruned after LEDGER_DAYS); a press is honoured only when its data is among these.
 */
export async function buttonsOnMessage(
  db: Db,
  message: { readonly chatId: number; readonly messageId: number },
): Promise<readonly string[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['kind', 'payload'])
    .where('chat_id', '=', message.chatId)
    .where('lane', '=', 'message' satisfies OutboxLane)
    .where((eb) =>
      eb.or([
        eb('telegram_message_id', '=', message.messageId),
        eb.and([eb('kind', '=', 'edit' satisfies OutboxKind), eb('telegram_message_id', 'is', null)]),
      ]),
    )
    .orderBy('id', 'desc')
    .execute();
  const payloadOf = (row: { payload: string | null }): OutboxPayload => (row.payload ? JSON.parse(row.payload) : {});
  const dataOf = (payload: OutboxPayload) =>
    (payload.keyboard ?? []).flat().flatMap((button) => ('callbackData' in button ? [button.callbackData] : []));
  const lastEdit = rows.find((row) => row.kind === 'edit' && payloadOf(row).messageId === message.messageId);
  if (lastEdit) return dataOf(payloadOf(lastEdit));
  const sent = rows.filter((row) => row.kind !== 'edit');
  return sent.length === 1 ? dataOf(payloadOf(sent[0]!)) : [];
}

/**
 * The message the bot sent in answer to an update in a chat (the last one, which carries the buttons: a /log's
 * confirmation), once Telegram has it; `merged` when that message also holds other updates' confirmations.
 * Undefined while it waits to go out, or when the update was answered by a reaction only.
 */
export async function replyMessageOf(
  db: Db,
  query: { readonly updateId: number; readonly chatId: number },
): Promise<{ readonly messageId: number; readonly merged: boolean } | undefined> {
  const own = `${query.updateId}.%`;
  const row = await db
    .selectFrom('outbox')
    .select('telegram_message_id')
    .where('job', '=', REPLY_JOB)
    .where('chat_id', '=', query.chatId)
    .where('period', 'like', own)
    .where('kind', 'in', ['message', 'confirmation'] satisfies OutboxKind[])
    .where('status', '=', 'sent')
    .where('telegram_message_id', 'is not', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const messageId = row?.telegram_message_id;
  if (messageId === null || messageId === undefined) return undefined;
  const other = await db
    .selectFrom('outbox')
    .select('id')
    .where('job', '=', REPLY_JOB)
    .where('chat_id', '=', query.chatId)
    .where('kind', '=', 'confirmation' satisfies OutboxKind)
    .where('telegram_message_id', '=', messageId)
    .where('period', 'not like', own)
    .executeTakeFirst();
  return { messageId: Number(messageId), merged: other !== undefined };
}

/** Due and not stale: pending and past not_before, or abandoned (sending with its lease run out). */
const claimable = (table: string, at: string) => sql`(
    ((${sql.ref(`${table}.status`)} = 'pending' and ${sql.ref(`${table}.not_before`)} <= ${at})
      or (${sql.ref(`${table}.status`)} = 'sending' and ${sql.ref(`${table}.lease_until`)} < ${at}))
    and (${sql.ref(`${table}.expires_at`)} is null or ${sql.ref(`${table}.expires_at`)} > ${at}))`;

/** What a claim reads of a row: named, not `*`, so the statement keeps its shape (and its prepared plan) as columns are added. */
const CLAIMED_COLUMNS = [
  'id',
  'job',
  'period',
  'kind',
  'lane',
  'chat_id',
  'thread_id',
  'html',
  'payload',
  'attempts',
  'expires_at',
] as const satisfies readonly (keyof OutboxTable)[];
const claimedColumns = sql.join(CLAIMED_COLUMNS.map((column) => sql.ref(column)));

type OutboxRow = { [K in (typeof CLAIMED_COLUMNS)[number]]: unknown } & { readonly waiting?: unknown };

function toClaimed(row: OutboxRow, leaseUntil: Date): ClaimedRow {
  return {
    id: Number(row.id),
    job: String(row.job),
    period: String(row.period),
    kind: String(row.kind),
    lane: row.lane as OutboxLane,
    chatId: Number(row.chat_id),
    threadId: row.thread_id === null ? null : Number(row.thread_id),
    html: String(row.html),
    payload: row.payload ? (JSON.parse(String(row.payload)) as OutboxPayload) : {},
    attempts: Number(row.attempts),
    expiresAt: row.expires_at ? new Date(String(row.expires_at)) : null,
    leaseUntil,
    waiting: Number(row.waiting ?? 1),
  };
}

/**
 * A claimed row's chat and lane as they wait (see ClaimedRow.waiting), counted by the claim itself: pending and
 * sending both count, so the count is the same before and after the claim's own change, on either database.
 */
const waitingBehind = sql`(
    select count(*) from outbox w
    where w.chat_id = outbox.chat_id and w.lane = outbox.lane and w.status in ('pending', 'sending')) as waiting`;

/**
 * Claims up to `limit` due rows in one statement: per (chat, lane) the oldest, replies before scheduled posts, and
 * none in a (chat, lane) that has a row out under a live lease. So a chat's messages go in order, even across
 * workers, and a batch never queues a chat's messages behind its own limit while their leases run.
 *
 * Why two workers never claim the same row: the UPDATE re-checks the claimable condition on each row it changes.
 * On SQLite a write statement runs alone, so a second worker's UPDATE finds those rows `sending` with a live lease.
 * On PostgreSQL the second blocks on the row lock and, once the first commits, re-evaluates its WHERE against the
 * new row version, which no longer matches: it gets fewer rows, never the same ones.
 */
export async function claimDue(
  db: Db,
  options: { readonly owner: string; readonly now: Date; readonly leaseUntil: Date; readonly limit: number },
): Promise<ClaimedRow[]> {
  if (options.limit <= 0) return [];
  const at = options.now.toISOString();
  const { leaseUntil } = options;
  const { rows } = await sql<OutboxRow>`
    update outbox set status = 'sending', lease_owner = ${options.owner}, lease_until = ${leaseUntil.toISOString()},
      attempts = attempts + 1
    where id in (
      select min(o.id) from outbox o
      where ${claimable('o', at)}
        and not exists (
          select 1 from outbox busy
          where busy.chat_id = o.chat_id and busy.lane = o.lane and busy.status = 'sending' and busy.lease_until >= ${at})
      group by o.chat_id, o.lane
      order by min(case when o.kind = 'post' then 1 else 0 end), min(o.id)
      limit ${options.limit})
    and ${claimable('outbox', at)}
    returning ${claimedColumns}, ${waitingBehind}`.execute(db);
  return rows.map((row) => toClaimed(row, leaseUntil)).sort((a, b) => a.id - b.id);
}

/**
 * Extends the owner's live claims on the rows `ids` (those its deliveries still hold) to `until`: the sender lease was
 * just renewed. Lapsed ones stay lapsed, and so does a row whose delivery ended without its mark. Returns how many.
 */
export async function renewClaims(
  db: Db,
  renewal: { readonly owner: string; readonly now: Date; readonly until: Date; readonly ids: readonly number[] },
): Promise<number> {
  let renewed = 0;
  for (let start = 0; start < renewal.ids.length; start += INSERT_CHUNK) {
    const result = await db
      .updateTable('outbox')
      .set({ lease_until: renewal.until.toISOString() })
      .where('id', 'in', renewal.ids.slice(start, start + INSERT_CHUNK))
      .where('status', '=', 'sending' satisfies OutboxStatus)
      .where('lease_owner', '=', renewal.owner)
      .where('lease_until', '>=', renewal.now.toISOString())
      .executeTakeFirst();
    renewed += Number(result.numUpdatedRows);
  }
  return renewed;
}

/**
 * Hands back every row out under another owner: called by a process that just took the sender lease, when whoever
 * claimed them can no longer send (it died, or lost the lease). Their chats go on at once instead of waiting for the
 * claims to lapse; a row the earlier holder had sent but not yet marked goes out a second time. Returns how many.
 */
export async function takeBackClaims(db: Db, taker: { readonly owner: string }): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending' satisfies OutboxStatus, lease_owner: null, lease_until: null })
    .where('status', '=', 'sending' satisfies OutboxStatus)
    .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '!=', taker.owner)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Claims the confirmations still waiting in a chat besides the one a worker holds, so they go out merged into one
 * message; the oldest first, at most `limit`.
 */
export async function claimWaitingConfirmations(
  db: Db,
  options: {
    readonly chatId: number;
    readonly owner: string;
    readonly now: Date;
    readonly leaseUntil: Date;
    readonly limit: number;
  },
): Promise<ClaimedRow[]> {
  const at = options.now.toISOString();
  const { rows } = await sql<OutboxRow>`
    update outbox set status = 'sending', lease_owner = ${options.owner}, lease_until = ${options.leaseUntil.toISOString()},
      attempts = attempts + 1
    where id in (
      select o.id from outbox o
      where o.chat_id = ${options.chatId} and o.kind = 'confirmation' and o.status = 'pending' and o.not_before <= ${at}
      order by o.id
      limit ${options.limit})
    and status = 'pending'
    returning ${claimedColumns}`.execute(db);
  return rows.map((row) => toClaimed(row, options.leaseUntil)).sort((a, b) => a.id - b.id);
}

/**
 * A claim: the worker's name and the row's claim count when it claimed it (a row claimed again, by the same worker
 * or another, is a new claim; its lease may be renewed meanwhile, so the lease does not name it).
 */
export interface Claim {
  readonly id: number;
  readonly owner: string;
  readonly attempts?: number;
  /** The row's payload asks to be forgotten once it leaves the outbox (see OutboxPayload.forget). */
  readonly forget?: boolean;
}

/** Who may mark a row: the claim holding it, while the row is still out for delivery. */
const heldBy = (db: Db, claim: Claim) =>
  db
    .updateTable('outbox')
    .where('id', '=', claim.id)
    .where('status', '=', 'sending')
    .where('lease_owner', '=', claim.owner)
    .$if(claim.attempts !== undefined, (query) => query.where('attempts', '=', claim.attempts!));

const marked = (result: { numUpdatedRows: bigint }) => result.numUpdatedRows > 0n;

/** What a final mark also sets: a row that asks to be forgotten keeps its chat, times and message id, no content. */
const forgotten = (claim: Claim) => (claim.forget ? { html: '', payload: null } : {});

/** Records Telegram's message id; false when the lease was lost to another worker (the row may go out twice). */
export async function markSent(
  db: Db,
  mark: Claim & { readonly messageId: number | null; readonly now: Date },
): Promise<boolean> {
  const result = await heldBy(db, mark)
    .set({
      status: 'sent' satisfies OutboxStatus,
      telegram_message_id: mark.messageId,
      sent_at: mark.now.toISOString(),
      lease_until: null,
      last_error: null,
      ...forgotten(mark),
    })
    .executeTakeFirst();
  return marked(result);
}

/** Gives up on a row for good (the chat is unreachable, Telegram refused it, or attempts ran out). */
export async function markFailed(db: Db, mark: Claim & { readonly error: string }): Promise<boolean> {
  const result = await heldBy(db, mark)
    .set({
      status: 'failed' satisfies OutboxStatus,
      lease_until: null,
      last_error: mark.error.slice(0, MAX_ERROR_LENGTH),
      ...forgotten(mark),
    })
    .executeTakeFirst();
  return marked(result);
}

/** Drops a row that went stale before it could go out. */
export async function markSkipped(db: Db, mark: Claim & { readonly reason: string }): Promise<boolean> {
  const result = await heldBy(db, mark)
    .set({ status: 'skipped' satisfies OutboxStatus, lease_until: null, last_error: mark.reason, ...forgotten(mark) })
    .executeTakeFirst();
  return marked(result);
}

/** Hands a row back for a later try after a transient failure. */
export async function retryLater(
  db: Db,
  mark: Claim & { readonly notBefore: Date; readonly error: string },
): Promise<boolean> {
  const result = await heldBy(db, mark)
    .set({
      status: 'pending' satisfies OutboxStatus,
      lease_owner: null,
      lease_until: null,
      not_before: mark.notBefore.toISOString(),
      last_error: mark.error.slice(0, MAX_ERROR_LENGTH),
    })
    .executeTakeFirst();
  return marked(result);
}

/** Skips every row that went stale while waiting (unclaimed, or abandoned by a worker); returns how many. */
export async function skipExpired(db: Db, now: Date): Promise<number> {
  const at = now.toISOString();
  const result = await db
    .updateTable('outbox')
    .set({ status: 'skipped' satisfies OutboxStatus, lease_until: null, last_error: 'expired' })
    .where('expires_at', '<=', at)
    .where((eb) =>
      eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)])]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Telegram answers again after failing: the rows handed back for a later try after a transient failure become due
 * now instead of at the end of their back-off. Returns how many.
 */
export async function retryWaitingNow(db: Db, now: Date): Promise<number> {
  const at = now.toISOString();
  const result = await db
    .updateTable('outbox')
    .set({ not_before: at })
    .where('status', '=', 'pending' satisfies OutboxStatus)
    .where('not_before', '>', at)
    .where('last_error', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Writes a message due at `notBefore`, keyed by (job, period, chat), or rewrites its text and payload while it still
 * waits (a nomination's private copy, amended as decisions come in). Returns false when the row was already taken
 * for delivery and could not be rewritten.
 */
export async function writePendingMessage(
  db: Db,
  message: {
    readonly job: string;
    readonly period: string;
    readonly chatId: number;
    readonly html: string;
    readonly payload: OutboxPayload;
    readonly notBefore: Date;
  },
  now: Date,
): Promise<boolean> {
  const updated = await db
    .updateTable('outbox')
    .set({ html: message.html, payload: JSON.stringify(message.payload) })
    .where('job', '=', message.job)
    .where('period', '=', message.period)
    .where('chat_id', '=', message.chatId)
    .where('status', '=', 'pending' satisfies OutboxStatus)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return true;
  const created = await insertRows(db, rowsOf([{ ...message, kind: 'message' }], now));
  return created.length > 0;
}

/** A row of a job of its own (a ballot's messages), keyed by (job, period, chat) like a post. */
export interface OutboxJobRow extends OutboxReply {
  readonly period: string;
  /** Stale after this instant: skipped, never sent late. */
  readonly expiresAt?: Date | null;
}

/** Writes the rows not there yet (by job, period and chat), inside the caller's transaction; returns how many. */
export async function enqueueJobRows(db: Db, job: string, rows: readonly OutboxJobRow[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  return (
    await insertRows(
      db,
      rowsOf(
        rows.map((row) => ({ ...row, job })),
        now,
      ),
    )
  ).length;
}

/** Telegram's id of the message a job's row sent to a chat, once sent. */
export async function sentMessageOf(
  db: Db,
  key: { readonly job: string; readonly period: string; readonly chatId: number },
): Promise<number | undefined> {
  const row = await db
    .selectFrom('outbox')
    .select('telegram_message_id')
    .where('job', '=', key.job)
    .where('period', '=', key.period)
    .where('chat_id', '=', key.chatId)
    .where('status', '=', 'sent' satisfies OutboxStatus)
    .executeTakeFirst();
  return row?.telegram_message_id == null ? undefined : Number(row.telegram_message_id);
}

/**
 * The messages a job's rows with `period` or `period.…` sent, by chat, then deletes those rows: every one but a row
 * out for delivery, which its `forget` payload blanks when it is marked. Returns the sent messages.
 */
export async function dropJobRows(
  db: Db,
  key: { readonly job: string; readonly period: string },
): Promise<{ readonly chatId: number; readonly messageId: number }[]> {
  const sent = await db
    .selectFrom('outbox')
    .select(['chat_id', 'telegram_message_id'])
    .where('job', '=', key.job)
    .where('period', '=', key.period)
    .where('status', '=', 'sent' satisfies OutboxStatus)
    .where('telegram_message_id', 'is not', null)
    .orderBy('id')
    .execute();
  await db
    .deleteFrom('outbox')
    .where('job', '=', key.job)
    .where((eb) => eb.or([eb('period', '=', key.period), eb('period', 'like', `${key.period}.%`)]))
    .where('status', '<>', 'sending' satisfies OutboxStatus)
    .execute();
  return sent.map((row) => ({ chatId: Number(row.chat_id), messageId: Number(row.telegram_message_id) }));
}

/** Counts of the scheduled posts (not replies) by status, for logs, the job CLI and tests. */
export async function outboxCounts(db: Db): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', sql<number>`count(*)`.as('count')])
    .where('kind', '=', 'post' satisfies OutboxKind)
    .groupBy('status')
    .execute();
  const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const row of rows) counts[row.status as OutboxStatus] = Number(row.count);
  return counts;
}

/** Rows waiting to go out, by kind: the backlog /metrics reports. */
export async function backlogByKind(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['kind', sql<number>`count(*)`.as('count')])
    .where('status', 'in', ['pending', 'sending'])
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.kind, Number(row.count)]));
}

/**
 * Drops the bytes of the documents sent in answer to the replies keyed `<periodPrefix>…` (an export's files): the row
 * keeps what was sent, when, and Telegram's message id, not megabytes of base64 nobody will send again. Returns how
 * many it emptied.
 */
export async function forgetSentDocumentBytes(db: Db, periodPrefix: string): Promise<number> {
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'payload'])
    .where('job', '=', REPLY_JOB)
    .where('period', 'like', `${periodPrefix}%`)
    .where('kind', '=', 'document' satisfies OutboxKind)
    .where('status', '=', 'sent' satisfies OutboxStatus)
    .execute();
  let forgotten = 0;
  for (const row of rows) {
    const payload = row.payload ? (JSON.parse(row.payload) as OutboxPayload) : {};
    const document = payload.document;
    if (!document || !('base64' in document) || document.base64 === '') continue;
    const stripped: OutboxPayload = { ...payload, document: { ...document, base64: '' } };
    await db
      .updateTable('outbox')
      .set({ payload: JSON.stringify(stripped) })
      .where('id', '=', row.id)
      .execute();
    forgotten += 1;
  }
  return forgotten;
}

/**
 * Forgets the replies (not the scheduled posts, whose rows keep a period from being posted twice) that were
 * delivered, failed or skipped more than LEDGER_DAYS ago: by then their update is out of the ledger, and their
 * buttons (undo, a register confirmation, at most a day) no longer ask which message they were. Returns how many.
 */
export async function pruneFinishedReplies(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - LEDGER_DAYS * 24 * 60 * 60 * 1000).toISOString();
  const result = await db
    .deleteFrom('outbox')
    .where('job', '=', REPLY_JOB)
    .where('status', 'in', ['sent', 'failed', 'skipped'] satisfies OutboxStatus[])
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
