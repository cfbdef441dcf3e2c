import type { Kysely, Migration } from 'kysely';

/**
 * Who entered an entry: a commander or admin may log for another person (by replying `/log …` to their message),
 * and the entry keeps both. `user_id` stays the person the work counts for; `entered_by` is who typed the command,
 * null when it is the same person (every entry before this migration).
 */
export const entryAuthor: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('tally_entries').addColumn('entered_by', 'bigint').execute();
  },
};
