/**
 * The roster's chat side (issue 16): /whoami, the import of the office's spreadsheet (a dry run with apply and
 * cancel buttons), the import template and the roster's export, linking accounts (/link, /iam and its cards) and
 * a commander's /roster. Thin: each command calls the roster's use cases and words their answers.
 *
 * The import's file is downloaded before the update's transaction (Feature.documents: no store lock waits on
 * Telegram); reading and planning it run inside it, as a dry run stores only the parsed rows.
 */
import type {
  BotServices,
  CallbackContext,
  CommandContext,
  DocumentWanted,
  Feature,
  SeenHandler,
} from '../../bot/context';
import { callerOf, mentionOf } from '../../bot/people';
import { recordWorkbook, workbookXlsx } from '../../files/render-requests';
import { MAX_FILE_BYTES } from '../../files/workbook-reader';
import { escapeHtml } from '../../i18n/format';
import { t } from '../../i18n/texts';
import { isLocale, type Locale } from '../../kernel/locale';
import { localDayOf } from '../../kernel/period';
import type { StoredKeyboard } from '../../outbox/outbox-store';
import { scopeOf } from '../use-case';
import { applyImport, cancelImport, type DryRun, dryRunImport, IMPORT_WINDOW_MS } from './import-roster';
import { decideLink, linkOnSight, linkPerson, requestLink } from './linking';
import { officialName } from './official-name';
import { rosterWorkbookFor, TEMPLATE_EXAMPLE, writeRosterWorkbook } from './roster-export';
import { findPerson } from './roster-store';
import { dryRunText, rosterErrorText, rosterListingText } from './roster-text';
import { listRoster } from './roster-view';

/** The import's buttons: `imp:<action>:<importId>`; apply, apply marking the missing as left, cancel. */
const IMPORT_PREFIX = 'imp';
const WINDOW_MINUTES = IMPORT_WINDOW_MS / 60_000;

/** /whoami (/toilaai): the caller's Telegram id, and how to make it an admin's. Private only. */
async function whoami(ctx: CommandContext): Promise<void> {
  if (ctx.chat.type !== 'private') return ctx.replyText('roster.privateOnly');
  await ctx.replyText('roster.whoami', { id: ctx.from.id, admin: ctx.config.adminIds.includes(ctx.from.id) });
}

/** The words after /import that ask for the template. */
const TEMPLATE_WORDS = new Set(['mau', 'mẫu', 'template']);
const isTemplate = (args: string) => TEMPLATE_WORDS.has(args.trim().toLowerCase().normalize('NFC'));

/** An admin's file in private is fetched before the transaction; nobody else's is downloaded at all. */
const importDocument: DocumentWanted = (message, config) =>
  message.chat.type === 'private' &&
  message.from !== undefined &&
  config.adminIds.includes(message.from.id) &&
  !isTemplate(message.caption ?? message.text ?? '')
    ? MAX_FILE_BYTES
    : undefined;

function importKeyboard(locale: Locale, dryRun: DryRun): StoredKeyboard {
  const id = dryRun.importId;
  const rows: { text: string; callbackData: string }[][] = [];
  if (dryRun.changes) rows.push([{ text: t(locale, 'import.apply'), callbackData: `${IMPORT_PREFIX}:a:${id}` }]);
  if (dryRun.summary.peopleMissing > 0) {
    rows.push([{ text: t(locale, 'import.applyMarkLeft'), callbackData: `${IMPORT_PREFIX}:l:${id}` }]);
  }
  rows.push([{ text: t(locale, 'import.cancel'), callbackData: `${IMPORT_PREFIX}:c:${id}` }]);
  return rows;
}

/** /import (/nhap): the caption of an admin's XLSX or CSV in private, or a reply to one; `/import template`. */
async function importRoster(ctx: CommandContext): Promise<void> {
  if (ctx.chat.type !== 'private') return ctx.replyText('roster.privateOnly');
  if (!ctx.config.adminIds.includes(ctx.from.id))
    return ctx.reply(rosterErrorText(ctx.locale, { kind: 'import.notAdmin' }));
  if (isTemplate(ctx.args)) return sendTemplate(ctx);
  const document = ctx.document;
  if (!document) return ctx.replyText('import.usage');
  if (!document.ok) {
    return document.problem === 'tooLarge'
      ? ctx.reply(rosterErrorText(ctx.locale, { kind: 'import.tooLarge', maxMb: MAX_FILE_BYTES / 1024 / 1024 }))
      : ctx.replyText('import.downloadFailed');
  }
  const dryRun = await dryRunImport(scopeOf(ctx, ctx.config), callerOf(ctx.from), {
    fileName: document.fileName,
    bytes: document.bytes,
  });
  if (!dryRun.ok) return ctx.reply(rosterErrorText(ctx.locale, dryRun.error));
  await ctx.reply(dryRunText(ctx.locale, dryRun.value, WINDOW_MINUTES), {
    keyboard: importKeyboard(ctx.locale, dryRun.value),
  });
}

/** Where a file answers a command: the same chat and topic, in reply. */
const fileOptions = (ctx: CommandContext) => ({
  replyTo: ctx.message.message_id,
  ...(ctx.message.is_topic_message && { threadId: ctx.message.message_thread_id }),
});

/** `/import template` (`/nhap mau`): the three sheets' headers with example rows, drawn after the commit. */
async function sendTemplate(ctx: CommandContext): Promise<void> {
  const sheets = await recordWorkbook((sink) => writeRosterWorkbook(sink, TEMPLATE_EXAMPLE));
  ctx.out.document(
    ctx.chat.id,
    {
      render: workbookXlsx(sheets),
      filename: 'mau-danh-sach-can-bo.xlsx',
      caption: ctx.text('import.templateCaption'),
    },
    fileOptions(ctx),
  );
}

/** The words after /export that ask for the roster rather than the entries. */
const ROSTER_WORDS = new Set(['danhsach', 'roster']);

/** Whether /export's arguments ask for the roster: `/export roster [UNIT]` (`/xuat danhsach [ĐƠN VỊ]`). */
export const isRosterExport = (args: string): boolean =>
  ROSTER_WORDS.has(args.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? '');

/**
 * `/export roster [UNIT]` (`/xuat danhsach`): the roster of the caller's subtree (or the unit's) as the import reads
 * it, in private only (it is personal data). Reports' /export hands these arguments over.
 */
export async function exportRosterChat(ctx: CommandContext): Promise<void> {
  if (ctx.chat.type !== 'private') return ctx.replyText('roster.privateOnly');
  const code = ctx.args.trim().split(/\s+/).slice(1).join(' ');
  let unitId: number | undefined;
  if (code !== '') {
    const unit = (await ctx.directory.units()).byCode(code.toUpperCase()) ?? (await ctx.directory.units()).byCode(code);
    if (!unit) return ctx.replyText('roster.unknownUnit', { code });
    unitId = unit.id;
  }
  const roster = await rosterWorkbookFor(
    scopeOf(ctx, ctx.config),
    callerOf(ctx.from),
    unitId === undefined ? {} : { unitId },
  );
  if (!roster.ok) return ctx.reply(rosterErrorText(ctx.locale, roster.error));
  const sheets = await recordWorkbook((sink) => writeRosterWorkbook(sink, roster.value));
  ctx.out.document(
    ctx.chat.id,
    {
      render: workbookXlsx(sheets),
      filename: `danh-sach-can-bo-${localDayOf(ctx.now, ctx.config.timeZone)}.xlsx`,
      caption: ctx.text('roster.exportCaption', {
        people: roster.value.people.length,
        units: roster.value.units.length,
      }),
    },
    fileOptions(ctx),
  );
}

/** A press of the import's buttons: only its admin, within the window, once. */
async function importPressed(ctx: CallbackContext): Promise<void> {
  const [, action, idText] = ctx.data.split(':');
  const importId = Number(idText);
  const message = ctx.query.message;
  if (!message || !Number.isSafeInteger(importId) || !['a', 'l', 'c'].includes(action ?? '')) return ctx.answer();
  const scope = scopeOf(ctx, ctx.config);
  const caller = callerOf(ctx.from);
  // The preview as it reads now (Telegram gives it back as plain text), kept above the outcome.
  const shown = 'text' in message && message.text ? escapeHtml(message.text) : '';
  if (action === 'c') {
    const cancelled = await cancelImport(scope, caller, { importId });
    if (!cancelled.ok) return ctx.answer(rosterErrorText(ctx.locale, cancelled.error), true);
    const done = t(ctx.locale, 'import.cancelled');
    ctx.out.edit(message.chat.id, message.message_id, `${shown}\n\n${done}`);
    return ctx.answer(done);
  }
  const applied = await applyImport(scope, caller, { importId, markMissingLeft: action === 'l' });
  if (!applied.ok) {
    const error = applied.error;
    if (error.kind === 'import.stale') {
      const html = `${t(ctx.locale, 'import.stale')}\n\n${dryRunText(ctx.locale, error.dryRun, WINDOW_MINUTES)}`;
      ctx.out.edit(message.chat.id, message.message_id, html, importKeyboard(ctx.locale, error.dryRun));
      return ctx.answer(t(ctx.locale, 'import.stale'), true);
    }
    return ctx.answer(rosterErrorText(ctx.locale, error), true);
  }
  const s = applied.value.summary;
  const done = t(ctx.locale, 'import.applied', {
    people: s.peopleCreated + s.peopleChanged + s.peopleTransferred + s.peopleLeft + s.peopleReturned,
    units: s.unitsCreated + s.unitsRenamed + s.unitsMoved,
    left: applied.value.markedLeft,
  });
  ctx.out.edit(message.chat.id, message.message_id, `${shown}\n\n${done}`);
  await ctx.answer(done);
}

/** How long an account checked against the roster's pending ids and usernames is not checked again. */
const SIGHT_RECHECK_MS = 10 * 60_000;

/**
 * Links an account the roster names (by id or @username) once it is seen. Each account is checked once per
 * SIGHT_RECHECK_MS (or when its username changes), not on every message: an import links the accounts already
 * known at once, so only an account unseen at import time waits for this.
 */
function linkingOnSight(): SeenHandler {
  const checked = new Map<number, { readonly username: string | null; readonly at: number }>();
  return async (scope, user) => {
    const username = user.username ?? null;
    const last = checked.get(user.id);
    if (last && last.username === username && scope.now.getTime() - last.at < SIGHT_RECHECK_MS) return;
    if (checked.size > 50_000) checked.clear();
    checked.set(user.id, { username, at: scope.now.getTime() });
    await linkOnSight(scopeOf(scope, scope.config), { userId: user.id, username });
  };
}

/** The /link choice buttons: `lnk:<personId>:<userId>`. */
const LINK_PREFIX = 'lnk';

/**
 * /link <số hiệu | họ tên> (/lienket), replying to the officer's message: a commander of the person's unit (or
 * above) or an admin links that account to the roster's person. Several people of that name: buttons to choose.
 */
async function link(ctx: CommandContext): Promise<void> {
  const target = ctx.message.reply_to_message?.from;
  const words = ctx.args.trim();
  if (!target || target.is_bot || words === '') return ctx.replyText('link.usage');
  const linked = await linkPerson(scopeOf(ctx, ctx.config), callerOf(ctx.from), { person: words, userId: target.id });
  if (linked.ok) {
    const name = linked.value.officialName;
    return linked.value.changed ? ctx.replyText('link.done', { name }) : ctx.replyText('link.unchanged', { name });
  }
  if (linked.error.kind === 'roster.ambiguous') {
    const keyboard = linked.error.candidates.map((candidate) => [
      { text: candidate.name, callbackData: `${LINK_PREFIX}:${candidate.personId}:${target.id}` },
    ]);
    return ctx.reply(ctx.text('roster.ambiguous'), { keyboard });
  }
  await ctx.reply(rosterErrorText(ctx.locale, linked.error));
}

/** A choice among people of one name: linkPerson checks the presser's authority again. */
async function linkChosen(ctx: CallbackContext): Promise<void> {
  const [, personText, userText] = ctx.data.split(':');
  const personId = Number(personText);
  const userId = Number(userText);
  const message = ctx.query.message;
  if (!message || !Number.isSafeInteger(personId) || !Number.isSafeInteger(userId)) return ctx.answer();
  const linked = await linkPerson(scopeOf(ctx, ctx.config), callerOf(ctx.from), { person: personId, userId });
  if (!linked.ok) return ctx.answer(rosterErrorText(ctx.locale, linked.error), true);
  const done = linked.value.changed
    ? t(ctx.locale, 'link.done', { name: linked.value.officialName })
    : t(ctx.locale, 'link.unchanged', { name: linked.value.officialName });
  ctx.out.edit(message.chat.id, message.message_id, done);
  await ctx.answer(done);
}

/** The /iam cards' buttons: `iam:y:<requestId>` confirms, `iam:n:<requestId>` refuses. */
const IAM_PREFIX = 'iam';

/** The language a person reads the bot in: their private chat's, else the bot's default. */
async function localeOfUser(
  ctx: { readonly directory: CommandContext['directory']; readonly config: CommandContext['config'] },
  userId: number,
): Promise<Locale> {
  const stored = (await ctx.directory.chat(userId))?.locale;
  return stored && isLocale(stored) ? stored : ctx.config.defaultLocale;
}

/**
 * /iam <số hiệu> (/toila), in private: asks the commanders of that person's unit (or above; the admins when there
 * are none) to confirm, each by a private card. Nothing links before one confirms; the answer names no one.
 */
async function iam(ctx: CommandContext): Promise<void> {
  if (ctx.chat.type !== 'private') return ctx.replyText('roster.privateOnly');
  const serviceNumber = ctx.args.trim();
  if (serviceNumber === '') return ctx.replyText('iam.usage');
  const filed = await requestLink(scopeOf(ctx, ctx.config), callerOf(ctx.from), { serviceNumber });
  if (!filed.ok) return ctx.reply(rosterErrorText(ctx.locale, filed.error));
  const { requestId, personId, unitId, commanders, admins } = filed.value;
  const deciders = commanders.length > 0 ? commanders : admins;
  if (deciders.length === 0) return ctx.replyText('iam.noDecider');
  const person = await findPerson(ctx.db, personId);
  const unit = (await ctx.directory.units()).byId(unitId);
  for (const decider of deciders) {
    const locale = await localeOfUser(ctx, decider);
    const card = t(locale, 'iam.card', {
      asker: mentionOf(ctx.from),
      name: person ? officialName(person) : '?',
      unit: unit?.name ?? '?',
    });
    ctx.out.send(decider, card, {
      keyboard: [
        [
          { text: t(locale, 'iam.confirm'), callbackData: `${IAM_PREFIX}:y:${requestId}` },
          { text: t(locale, 'iam.refuse'), callbackData: `${IAM_PREFIX}:n:${requestId}` },
        ],
      ],
    });
  }
  await ctx.replyText('iam.sent');
}

/** A commander's answer to an /iam card: the first decides; the asker is told. */
async function iamDecided(ctx: CallbackContext): Promise<void> {
  const [, answer, idText] = ctx.data.split(':');
  const requestId = Number(idText);
  const message = ctx.query.message;
  if (!message || !Number.isSafeInteger(requestId) || (answer !== 'y' && answer !== 'n')) return ctx.answer();
  const decided = await decideLink(scopeOf(ctx, ctx.config), callerOf(ctx.from), {
    requestId,
    confirm: answer === 'y',
  });
  if (!decided.ok) return ctx.answer(rosterErrorText(ctx.locale, decided.error), true);
  const { confirmed, officialName: name, userId } = decided.value;
  const done = confirmed ? t(ctx.locale, 'iam.confirmed', { name }) : t(ctx.locale, 'iam.refused');
  const shown = 'text' in message && message.text ? escapeHtml(message.text) : '';
  ctx.out.edit(message.chat.id, message.message_id, `${shown}\n\n${done}`);
  const askerLocale = await localeOfUser(ctx, userId);
  ctx.out.send(userId, confirmed ? t(askerLocale, 'iam.askerConfirmed', { name }) : t(askerLocale, 'iam.askerRefused'));
  await ctx.answer(done);
}

/** /roster [UNIT] (/danhsach), in private: a commander's subtree (an admin's whole tree) with who logged nothing. */
async function roster(ctx: CommandContext): Promise<void> {
  if (ctx.chat.type !== 'private') return ctx.replyText('roster.privateOnly');
  const code = ctx.args.trim();
  let unitId: number | undefined;
  if (code !== '') {
    const tree = await ctx.directory.units();
    const unit = tree.byCode(code.toUpperCase()) ?? tree.byCode(code);
    if (!unit) return ctx.replyText('roster.unknownUnit', { code });
    unitId = unit.id;
  }
  const listing = await listRoster(
    scopeOf(ctx, ctx.config),
    callerOf(ctx.from),
    unitId === undefined ? {} : { unitId },
  );
  if (!listing.ok) return ctx.reply(rosterErrorText(ctx.locale, listing.error));
  await ctx.reply(rosterListingText(ctx.locale, listing.value));
}

/** The roster's commands and buttons. */
/** What /invite's link carries to /start: the unit the officer is invited into. */
export const INVITE_START_PREFIX = 'iam-';

/** The invited unit of a /start payload (`iam-<unit id>`), if it is one. */
export function invitedUnitOf(payload: string): number | undefined {
  const match = /^iam-(\d{1,12})$/.exec(payload.trim());
  return match ? Number(match[1]) : undefined;
}

/**
 * /invite [UNIT] (/moi): a commander of the unit (or above) or an admin gets a link to the bot's private chat that
 * starts the /iam flow for that unit. The link is no secret: it links nobody; a commander still confirms.
 */
function invite(services: BotServices) {
  return async (ctx: CommandContext): Promise<void> => {
    const tree = await ctx.directory.units();
    const code = ctx.args.trim();
    const unit = code ? tree.byCode(code) : ctx.settings?.unitId ? tree.byId(ctx.settings.unitId) : undefined;
    if (!unit) return code ? ctx.replyText('invite.unknownUnit', { code }) : ctx.replyText('invite.usage');
    const authority = await ctx.directory.authority(ctx.from.id);
    if (!authority.admin && !(await ctx.directory.commands(ctx.from.id, unit.id)))
      return ctx.replyText('invite.notCommander', { unit: unit.name });
    const link = `https://t.me/${services.botUsername()}?start=${INVITE_START_PREFIX}${unit.id}`;
    await ctx.replyText('invite.link', { unit: unit.name, link });
  };
}

export function rosterFeature(services: BotServices): Feature {
  return {
    commands: { whoami, import: importRoster, link, iam, roster, invite: invite(services) },
    callbacks: { [IMPORT_PREFIX]: importPressed, [LINK_PREFIX]: linkChosen, [IAM_PREFIX]: iamDecided },
    documents: { import: importDocument },
    seen: linkingOnSight(),
  };
}
