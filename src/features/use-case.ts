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
