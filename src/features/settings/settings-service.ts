import { upsertChat } from '../../directory/chat-store';
import type { Locale } from '../../kernel/locale';
import { err, ok, type Result } from '../../kernel/result';
import type { Unit } from '../../kernel/units';
import type { Db } from '../../storage/schema';
import type { Caller, UseCaseScope } from '../use-case';
import { type ConfirmMode, type GroupSettings, groupSettingsOf } from './group-settings-rules';
import { boundGroupsWithSettings, findGroupSettings, saveGroupSettings } from './group-settings-store';

/** The chat a setting is about: its id, kind and title as Telegram gives them, and the unit it is bound to. */
export interface ChatRef {
  readonly chatId: number;
  readonly type: string;
  readonly title: string | null;
  readonly unitId: number | null;
  /** A supergroup with topics. */
  readonly isForum: boolean;
}

/** A change /settings makes. */
export type SettingsChange =
  | { readonly kind: 'reminders'; readonly on: boolean }
  /** The forum topic weekly posts go to; null for General. */
  | { readonly kind: 'topic'; readonly threadId: number | null }
  | { readonly kind: 'confirm'; readonly mode: ConfirmMode }
  | { readonly kind: 'language'; readonly locale: Locale };

export type SettingsRefusal =
  | { kind: 'chat.notRegistered' }
  | { kind: 'auth.commanderOrAdmin' }
  | { kind: 'settings.topicNotForum' };

/** The group's unit, when the caller may change its settings: a commander of it (or above it), or an admin. */
async function commandedUnit(
  scope: UseCaseScope,
  caller: Caller,
  chat: ChatRef,
): Promise<Result<Unit, SettingsRefusal>> {
  const unit = chat.unitId ? (await scope.directory.units()).byId(chat.unitId) : undefined;
  if (!unit) return err({ kind: 'chat.notRegistered' });
  if (!(await scope.directory.commands(caller.userId, unit.id))) return err({ kind: 'auth.commanderOrAdmin' });
  return ok(unit);
}

/** A group's settings, for those who may change them. */
export async function groupSettingsFor(
  scope: UseCaseScope,
  caller: Caller,
  chat: ChatRef,
): Promise<Result<{ unit: Unit; settings: GroupSettings }, SettingsRefusal>> {
  const unit = await commandedUnit(scope, caller, chat);
  if (!unit.ok) return unit;
  return ok({ unit: unit.value, settings: groupSettingsOf(await findGroupSettings(scope.db, chat.chatId)) });
}

/** Stores the chat's language (the unit of work drops the cached chat settings it changed). */
async function storeLanguage(scope: UseCaseScope, chat: ChatRef, locale: Locale): Promise<void> {
  await upsertChat(scope.db, { chatId: chat.chatId, type: chat.type, title: chat.title }, { locale }, scope.now);
}

/** /settings: changes one of a group's settings; a commander of the group's unit, or an admin. */
export async function changeGroupSettings(
  scope: UseCaseScope,
  caller: Caller,
  chat: ChatRef,
  change: SettingsChange,
): Promise<Result<SettingsChange, SettingsRefusal>> {
  const unit = await commandedUnit(scope, caller, chat);
  if (!unit.ok) return unit;
  if (change.kind === 'language') {
    await storeLanguage(scope, chat, change.locale);
    return ok(change);
  }
  if (change.kind === 'topic' && !chat.isForum) return err({ kind: 'settings.topicNotForum' });
  const settings = groupSettingsOf(await findGroupSettings(scope.db, chat.chatId));
  const changed: GroupSettings =
    change.kind === 'reminders'
      ? { ...settings, reminders: change.on }
      : change.kind === 'topic'
        ? { ...settings, postsThreadId: change.threadId }
        : { ...settings, confirmMode: change.mode };
  await saveGroupSettings(scope.db, chat.chatId, changed, { by: caller.userId, at: scope.now });
  return ok(change);
}

/** /lang: anyone in a private chat; in a group, a commander of its unit, or an admin where it has none. */
export async function changeChatLanguage(
  scope: UseCaseScope,
  caller: Caller,
  chat: ChatRef,
  locale: Locale,
): Promise<Result<Locale, { kind: 'auth.commanderOrAdmin' }>> {
  if (chat.type !== 'private') {
    const allowed = chat.unitId
      ? await scope.directory.commands(caller.userId, chat.unitId)
      : (await scope.directory.authority(caller.userId)).admin;
    if (!allowed) return err({ kind: 'auth.commanderOrAdmin' });
  }
  await storeLanguage(scope, chat, locale);
  return ok(locale);
}

/** Every group bound to a unit, by chat id, with its settings. */
export async function boundGroups(
  db: Db,
): Promise<{ readonly chatId: number; readonly unitId: number; readonly settings: GroupSettings }[]> {
  return (await boundGroupsWithSettings(db)).map((group) => ({
    chatId: group.chatId,
    unitId: group.unitId,
    settings: groupSettingsOf(group.stored),
  }));
}
