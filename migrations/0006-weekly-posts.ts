import type { Kysely, Migration } from 'kysely';

/**
 * Per-group settings of the weekly posts: reminders 'on' or 'off' (text: no boolean columns, for portability), and
 * in a forum, the topic the posts go to (null: the General topic).
 */
export const weeklyPosts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('group_settings')
      .addColumn('chat_id', 'bigint', (col) => col.primaryKey())
      .addColumn('reminders', 'text', (col) => col.notNull().defaultTo('on'))
      .addColumn('posts_thread_id', 'integer')
      .addColumn('updated_by', 'bigint')
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
  },
};
