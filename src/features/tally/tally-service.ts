import { displayName, findMember } from '../../directory/member-store';
import type { DayRange, IsoDay } from '../../kernel/day';
import { firstRetired, type Metric } from '../../kernel/metric';
import type { ParseError } from '../../kernel/parsing/parse-error';
import { addDays, localDayOf, weekOf } from '../../kernel/period';
import { err, ok, type Result } from '../../kernel/result';
import type { Unit } from '../../kernel/units';
import type { Caller, UseCaseScope } from '../use-case';
import { authorOf, checkLogDay, type LogDayRefusal, type LogWindows, sentInFuture } from './log-rules';
import type { LogCommand } from './parse-log';
import { recordTallies, replaceTallies, undoTallies } from './record-tallies';
import { entriesOfMessage, entriesOfUpdate, latestUpdateOf, standingEntriesOf, type TallyEntry } from './tally-store';

const DAY_MS = 24 * 60 * 60 * 1000;
/** /log messages a history lists at most; the rest are counted ("… and 12 more"), so the list fits one message. */
const MAX_HISTORY_LOGS = 40;
/** Entries a history reads at most (a /log holds a few): far more than two weeks of anyone's work. */
const MAX_HISTORY_ENTRIES = 1000;

/** Where a /log was sent: undo and corrections find its entries by these. */
export interface LogSource {
  readonly updateId: number;
  readonly chatId: number;
  readonly messageId: number;
}

/** One metric's amount as stored. */
export interface LoggedItem {
  readonly metricCode: string;
  readonly amount: number;
}

/** A retired metric named in a /log: refused, storing nothing. */
export interface RetiredMetricRefusal {
  readonly kind: 'log.metricRetired';
  readonly metric: Metric;
}

export type LogRefusal = { kind: 'log.forOthersNotAllowed' } | LogDayRefusal | RetiredMetricRefusal;

/** What a /log stored: the day, the note, and the unit's week so far with it. */
export interface Logged {
  readonly items: readonly LoggedItem[];
  readonly day: IsoDay;
  readonly note: string | null;
  readonly weekTotals: ReadonlyMap<string, number>;
  /**
   * The roster's unit of the person it counts for, when they are on the roster in another unit than the group's:
   * the entries still count for the group's unit, and the confirmation says so.
   */
  readonly rosterUnit?: { readonly id: number; readonly name: string };
}

const itemsOf = (command: LogCommand): LoggedItem[] =>
  command.items.map((item) => ({ metricCode: item.metric.code, amount: item.amount }));

/** The caller's windows for the unit: a commander of it (or an admin) logs further back than an officer. */
async function windowsOf(scope: UseCaseScope, caller: Caller, unitId: number): Promise<LogWindows> {
  const { config } = scope;
  const commander = await scope.directory.commands(caller.userId, unitId);
  return {
    backdateDays: commander ? config.commanderBackdateDays : config.backdateDays,
    commanderBackdateDays: config.commanderBackdateDays,
  };
}

/** What may not be stored: a day outside the caller's window or in the future, a retired metric. */
async function refusalOf(
  scope: UseCaseScope,
  caller: Caller,
  input: { unitId: number; command: LogCommand; sentAt: Date },
): Promise<LogDayRefusal | RetiredMetricRefusal | undefined> {
  const { timeZone } = scope.config;
  const dayRefusal =
    sentInFuture(input.sentAt, scope.now, timeZone) ??
    // The day the message was sent, not the day it is handled: a backlog must not move Sunday's work into Monday.
    checkLogDay(input.command.day, localDayOf(input.sentAt, timeZone), await windowsOf(scope, caller, input.unitId));
  if (dayRefusal) return dayRefusal;
  const retired = firstRetired(input.command.items);
  return retired && { kind: 'log.metricRetired', metric: retired };
}

/**
 * /log: stores the entries for the unit, for the caller or (commanders and admins of the unit) for someone else,
 * and returns the unit's week with them. The day is never in the future, whatever the message's date says.
 */
export async function logTallies(
  scope: UseCaseScope,
  caller: Caller,
  input: {
    readonly unit: Unit;
    /** The person the entries count for, when not the caller. */
    readonly forUserId?: number;
    readonly command: LogCommand;
    /** When the work was reported (the message's date): relative days count from it. */
    readonly sentAt: Date;
    readonly source: LogSource;
  },
): Promise<Result<Logged, LogRefusal>> {
  const { unit, command } = input;
  const forOther = input.forUserId !== undefined && input.forUserId !== caller.userId;
  if (forOther && !(await scope.directory.commands(caller.userId, unit.id)))
    return err({ kind: 'log.forOthersNotAllowed' });
  const refusal = await refusalOf(scope, caller, { unitId: unit.id, command, sentAt: input.sentAt });
  if (refusal) return err(refusal);
  const items = itemsOf(command);
  const note = command.note ?? null;
  const { weekTotals } = await recordTallies(
    scope.db,
    {
      ...input.source,
      unitId: unit.id,
      userId: forOther ? input.forUserId! : caller.userId,
      enteredBy: forOther ? caller.userId : null,
      day: command.day,
      note,
      items,
    },
    scope.now,
  );
  // From the directory's caches (the roster's placement, the unit tree): a /log reads nothing it does not write.
  const placed = await scope.directory.rosterPlacement(forOther ? input.forUserId! : caller.userId);
  const elsewhere =
    placed && placed.leftOn === null && placed.unitId !== unit.id
      ? (await scope.directory.units()).byId(placed.unitId)
      : undefined;
  const rosterUnit = elsewhere && { id: elsewhere.id, name: elsewhere.name };
  return ok({ items, day: command.day, note, weekTotals, ...(rosterUnit && { rosterUnit }) });
}

/** What an edited message now says. */
export type EditedText =
  | { readonly kind: 'log'; readonly command: LogCommand }
  | { readonly kind: 'invalid'; readonly error: ParseError }
  | { readonly kind: 'notLog' };

export type CorrectRefusal =
  | { kind: 'edit.undone' }
  | { kind: 'edit.tooLate'; minutes: number }
  | { kind: 'edit.notLog' }
  | { kind: 'edit.invalid'; reason: ParseError | LogDayRefusal | RetiredMetricRefusal };

/** What a correction did: nothing to say (not a stored /log of the caller's, or the same content), or a new record. */
export type Correction =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'unchanged' }
  | {
      readonly kind: 'corrected';
      readonly unit: Unit;
      /** The first entry of the /log as first stored: its update, its message, whom it counts for. */
      readonly original: TallyEntry;
      /** The name of the person it counts for, when someone else entered it. */
      readonly personName?: string;
      readonly logged: Logged;
    };

/** One /log's content, as parsed or as stored: compared to tell a real correction from an edit that changes nothing. */
const contentKey = (day: IsoDay, note: string | null, items: readonly LoggedItem[]) =>
  JSON.stringify([day, note, items.map((item) => `${item.metricCode}=${item.amount}`).sort()]);

/**
 * An edited /log: within the undo window (from the /log itself) its standing entries are replaced by the edited
 * ones as a new record; an edit that no longer parses or comes too late changes nothing and says why. An edit of a
 * message that stored nothing, or of someone else's /log, is ignored; one with the same content changes nothing.
 */
export async function correctLog(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly chatId: number; readonly messageId: number; readonly sentAt: Date; readonly edited: EditedText },
): Promise<Result<Correction, CorrectRefusal>> {
  const { config } = scope;
  const entries = await entriesOfMessage(scope.db, input.chatId, input.messageId);
  const first = entries[0];
  // Only a stored /log is corrected: nothing tells a refused /log from a greeting edited into one. Telegram lets
  // only the sender edit; another author would be a forged update.
  if (!first || authorOf(first) !== caller.userId) return ok({ kind: 'ignored' });
  const standing = entries.filter((entry) => entry.undoneAt === null);
  if (standing.length === 0) return err({ kind: 'edit.undone' });
  const unit = (await scope.directory.units()).byId(first.unitId);
  if (!unit) return ok({ kind: 'ignored' });
  const { edited } = input;
  const stored = standing[0]!;
  if (
    edited.kind === 'log' &&
    contentKey(edited.command.day, edited.command.note ?? null, itemsOf(edited.command)) ===
      contentKey(stored.day, stored.note, standing)
  ) {
    return ok({ kind: 'unchanged' });
  }
  if (scope.now.getTime() - Date.parse(first.createdAt) > config.undoButtonMinutes * 60_000)
    return err({ kind: 'edit.tooLate', minutes: config.undoButtonMinutes });
  if (edited.kind === 'notLog') return err({ kind: 'edit.notLog' });
  if (edited.kind === 'invalid') return err({ kind: 'edit.invalid', reason: edited.error });
  const { command } = edited;
  const refusal = await refusalOf(scope, caller, { unitId: unit.id, command, sentAt: input.sentAt });
  if (refusal) return err({ kind: 'edit.invalid', reason: refusal });
  const items = itemsOf(command);
  const note = command.note ?? null;
  const outcome = await replaceTallies(
    scope.db,
    {
      replacedIds: standing.map((entry) => entry.id),
      editedBy: caller.userId,
      batch: {
        updateId: first.updateId,
        chatId: first.chatId,
        messageId: first.messageId,
        unitId: first.unitId,
        userId: first.userId,
        enteredBy: first.enteredBy,
        day: command.day,
        note,
        items,
      },
    },
    scope.now,
  );
  if (!outcome) return err({ kind: 'edit.undone' });
  const person = first.enteredBy === null ? undefined : await findMember(scope.db, first.userId);
  return ok({
    kind: 'corrected',
    unit,
    original: first,
    ...(person && { personName: displayName(person) }),
    logged: { items, day: command.day, note, weekTotals: outcome.weekTotals },
  });
}

/** Which /log an undo is about. */
export type UndoTarget =
  /** The caller's latest standing /log of the last 24 hours. */
  | { readonly kind: 'latest' }
  /** A /log by its update (a reply to its confirmation, or its button). */
  | { readonly kind: 'log'; readonly updateId: number }
  /** A /log by its message (a reply to it). */
  | { readonly kind: 'message'; readonly chatId: number; readonly messageId: number };

export type UndoRefusal =
  | { kind: 'undo.nothing' }
  | { kind: 'undo.notFound' }
  | { kind: 'undo.notAllowed' }
  | { kind: 'undo.notAuthor' }
  | { kind: 'undo.buttonExpired' }
  | { kind: 'undo.alreadyUndone' };

/** The entries an undo took back, and whether the caller typed their /log. */
export interface Undone {
  readonly entries: readonly TallyEntry[];
  readonly byAuthor: boolean;
}

async function entriesOfTarget(scope: UseCaseScope, caller: Caller, target: UndoTarget): Promise<TallyEntry[]> {
  if (target.kind === 'message') return entriesOfMessage(scope.db, target.chatId, target.messageId);
  if (target.kind === 'log') return entriesOfUpdate(scope.db, target.updateId);
  const latest = await latestUpdateOf(scope.db, caller.userId, new Date(scope.now.getTime() - DAY_MS));
  return latest === undefined ? [] : entriesOfUpdate(scope.db, latest);
}

/**
 * Undoes one /log (every pair in it), for /undo and the undo buttons alike. `/undo` (via `command`): the person who
 * typed it within 24 hours, or a commander of its unit (or an admin) at any time. A button (via `button`): only
 * the person who typed it, within UNDO_BUTTON_MINUTES of the /log itself (a correction does not extend it).
 */
export async function undoLog(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly target: UndoTarget; readonly via: 'command' | 'button' },
): Promise<Result<Undone, UndoRefusal>> {
  const entries = await entriesOfTarget(scope, caller, input.target);
  const first = entries[0];
  if (!first) return err({ kind: input.target.kind === 'latest' ? 'undo.nothing' : 'undo.notFound' });
  const byAuthor = authorOf(first) === caller.userId;
  const age = scope.now.getTime() - Date.parse(first.createdAt);
  if (input.via === 'button') {
    if (!byAuthor) return err({ kind: 'undo.notAuthor' });
    if (age > scope.config.undoButtonMinutes * 60_000) return err({ kind: 'undo.buttonExpired' });
  } else if (!(byAuthor && age <= DAY_MS) && !(await scope.directory.commands(caller.userId, first.unitId))) {
    return err({ kind: 'undo.notAllowed' });
  }
  const standing = entries.filter((entry) => entry.undoneAt === null);
  const undone = await undoTallies(
    scope.db,
    { entryIds: standing.map((entry) => entry.id), undoneBy: caller.userId },
    scope.now,
  );
  if (undone.length === 0) return err({ kind: 'undo.alreadyUndone' });
  return ok({ entries: standing.filter((entry) => undone.includes(entry.id)), byAuthor });
}

/** A person's entries of this week and last, as the viewer may see them. */
export interface History {
  /** This week and last, the latest first. */
  readonly weeks: readonly DayRange[];
  /** One list per /log, the latest day first; at most MAX_HISTORY_LOGS of them. */
  readonly logs: readonly (readonly TallyEntry[])[];
  /** /logs left out of `logs`. */
  readonly more: number;
  /** The /logs among `logs` the viewer typed and may still undo with a button. */
  readonly undoable: readonly (readonly TallyEntry[])[];
  /** Who entered an entry for someone else, by user id. */
  readonly enteredBy: ReadonlyMap<number, string>;
}

/**
 * /history: the caller's own entries, or (`subjectId`, a commander of `groupUnitId`, or an admin outside any unit's
 * group) an officer's entries in the units the caller commands.
 */
export async function historyOf(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly subjectId: number; readonly groupUnitId: number | undefined },
): Promise<Result<History, { kind: 'history.notAllowed' }>> {
  const { db, directory, now } = scope;
  const other = input.subjectId !== caller.userId;
  if (other) {
    const allowed =
      input.groupUnitId !== undefined
        ? await directory.commands(caller.userId, input.groupUnitId)
        : (await directory.authority(caller.userId)).admin;
    if (!allowed) return err({ kind: 'history.notAllowed' });
  }
  const thisWeek = weekOf(localDayOf(now, scope.config.timeZone));
  const weeks = [thisWeek, weekOf(addDays(thisWeek.from, -1))];
  const range = { from: weeks[1]!.from, to: weeks[0]!.to };
  const mayView = new Map<number, boolean>();
  const logs = new Map<number, TallyEntry[]>();
  for (const entry of await standingEntriesOf(db, {
    userId: input.subjectId,
    range,
    limit: MAX_HISTORY_ENTRIES,
  })) {
    if (other) {
      if (!mayView.has(entry.unitId)) mayView.set(entry.unitId, await directory.commands(caller.userId, entry.unitId));
      if (!mayView.get(entry.unitId)) continue;
    }
    // One list per /log message, in the order read: the latest day first.
    logs.set(entry.updateId, [...(logs.get(entry.updateId) ?? []), entry]);
  }
  const catalog = await directory.metrics();
  const order = (code: string) => catalog.all.findIndex((metric) => metric.code === code);
  // Each /log's pairs in catalog order, as its confirmation showed them.
  const shown = [...logs.values()]
    .slice(0, MAX_HISTORY_LOGS)
    .map((entries) => [...entries].sort((a, b) => order(a.metricCode) - order(b.metricCode)));
  const enteredBy = new Map<number, string>();
  for (const id of new Set(shown.flatMap((entries) => entries.map((entry) => entry.enteredBy)))) {
    if (id === null) continue;
    const member = await findMember(db, id);
    enteredBy.set(id, member ? displayName(member) : String(id));
  }
  // The viewer's own /logs still in their undo window, which runs from the /log itself.
  const windowMs = scope.config.undoButtonMinutes * 60_000;
  const undoable: TallyEntry[][] = [];
  for (const entries of shown) {
    const first = entries[0]!;
    if (authorOf(first) !== caller.userId || now.getTime() - Date.parse(first.createdAt) > windowMs) continue;
    const original = (await entriesOfUpdate(db, first.updateId))[0];
    if (original && now.getTime() - Date.parse(original.createdAt) <= windowMs) undoable.push(entries);
  }
  return ok({ weeks, logs: shown, more: logs.size - shown.length, undoable, enteredBy });
}
