import type { Config } from '../config';
import type { Directory } from '../directory/directory';
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

/** Who asks: a person, known by their Telegram user id whichever door they came in by. */
export interface Caller {
  readonly userId: number;
}
