import type { Config } from '../config';
import type { Directory } from '../directory/directory';
import type { MemberProfile } from '../directory/member-store';
import type { Outgoing } from '../outbox/outgoing';
import type { Db } from '../storage/schema';

/**
 * What a use case runs in: one unit of work (the transaction, and the directory bound to it), the settings and the
 * instant it runs at. The chat, the web app and the CLI each open one and call the same function.
 */
export interface UseCaseScope {
  readonly db: Db;
  readonly directory: Directory;
  readonly config: Config;
  readonly now: Date;
}

/**
 * The scope of a use case that also tells people (a nomination's card, the deciders' private copies): what it sends
 * joins the unit of work's outbox rows and is committed with its effect, whichever door it came in by.
 */
export interface TellingScope extends UseCaseScope {
  readonly out: Outgoing;
}

/** Who asks: a person, known by their Telegram user id whichever door they came in by. */
export interface Caller {
  readonly userId: number;
  /** How they are named, when the door knows it: a use case that records who acted stores it with the act. */
  readonly profile?: MemberProfile;
}

/** The scope of a use case called from a chat handler: the update's transaction, its directory and instant. */
export const scopeOf = (
  update: { readonly db: Db; readonly directory: Directory; readonly now: Date },
  config: Config,
): UseCaseScope => ({ db: update.db, directory: update.directory, config, now: update.now });

/** Where a caller asks from: a group (and the unit it is bound to, if any), or a private chat. */
export type Place = { readonly kind: 'group'; readonly unitId: number | null } | { readonly kind: 'private' };

/** The place of a chat handler's update: a private chat, or a group with its unit. */
export const placeOf = (update: {
  readonly chat: { readonly type: string };
  readonly settings?: { readonly unitId: number | null } | undefined;
}): Place =>
  update.chat.type === 'private' ? { kind: 'private' } : { kind: 'group', unitId: update.settings?.unitId ?? null };
