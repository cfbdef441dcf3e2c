import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LayerRules, readTree, type SourceTree, violationsOf } from './imports';

const ROOT = resolve(import.meta.dirname, '../..');

/** Pure code: no I/O, no package, nothing but other pure code (kernel/, i18n/, each feature's parsers and rules). */
const PURE = [
  'src/kernel/',
  'src/i18n/',
  'src/features/*/parse-*.ts',
  'src/features/*/*-rules.ts',
  'src/features/admin/validate-names.ts',
  'src/features/nominations/nomination.ts',
];
/** The files at src/'s top that hold no I/O of their own. */
const BASICS = ['src/clock.ts', 'src/logger.ts', 'src/metrics.ts'];
/** What the features, the dispatcher and the workers stand on: the store, the directory, the outbox, the texts. */
const SERVICES = [
  'src/config.ts',
  'src/directory/',
  'src/i18n/',
  'src/kernel/',
  'src/outbox/',
  'src/storage/',
  'src/telegram/update-schema.ts',
  ...BASICS,
];

/**
 * The layer rules of README's "Architecture", as data. A scope ending in `/` is a folder, one with `*` a pattern,
 * otherwise one file. Every file falls under an allowedImports scope, and every package it imports has an owner.
 */
const RULES: LayerRules = {
  packageOwners: {
    telegraf: ['src/telegram/'],
    // Bot API types for the calls telegraf's client makes by name (the Mini App's menu button).
    '@grammyjs/types': ['src/telegram/'],
    // Untrusted shapes: updates, settings, the web app's requests and init data, the year's rule overrides.
    zod: ['src/telegram/update-schema.ts', 'src/config.ts', 'src/features/app/', 'src/features/year/rule-overrides.ts'],
    kysely: ['src/storage/', 'src/directory/', 'src/outbox/', 'src/features/*/*-store.ts', 'migrations/'],
    'better-sqlite3': ['src/storage/connect.ts'],
    pg: ['src/storage/connect.ts'],
    'pg-native': ['src/storage/connect.ts'],
    'node-cron': ['src/workers/alarm-clock.ts'],
    'p-queue': ['src/outbox/transport.ts'],
    pino: ['src/logger.ts', 'src/console/'],
    'prom-client': ['src/metrics.ts'],
    // The renderers: only src/files/ writes XLSX, PDF and PNG (pdfkit, resvg and the fonts load through node:module).
    pdfkit: ['src/files/'],
    docx: ['src/files/'],
    '@e965/xlsx': ['src/files/workbook-reader.ts'],
    '@resvg/resvg-js': ['src/files/'],
    'node:zlib': ['src/files/'],
    // The fonts and renderers load through it; connect.ts loads pg only for a PostgreSQL URL; stack traces read maps.
    'node:module': ['src/files/', 'src/storage/connect.ts', 'src/stack-traces.ts'],
    'node:stream': ['src/files/'],
    'node:events': ['src/files/'],
    // The web app's door (static files and its JSON API) is an HTTP handler the server mounts.
    'node:http': ['src/telegram/http-server.ts', 'src/features/app/app-http.ts', 'src/console/'],
    'node:net': ['src/telegram/http-server.ts', 'src/console/'],
    'node:readline': ['src/console/'],
    'node:crypto': [
      'src/telegram/',
      'src/outbox/',
      'src/workers/',
      'src/features/app/',
      'src/features/roster/import-roster.ts',
      // The secret ballot's tokens and their hashes.
      'src/features/year/ballot-token.ts',
      'src/features/year/reviews.ts',
      'src/console/',
    ],
    // The export worker's temporary files, and a small workbook's (src/files/workbook-bytes.ts).
    'node:os': ['src/workers/', 'src/files/workbook-bytes.ts'],
    // Backup and restore run pg_dump / psql, and write the snapshot and its census.
    'node:child_process': ['src/cli/backup-manifest.ts'],
    'node:fs': [
      'src/env.ts',
      'src/stack-traces.ts',
      'src/cli/backup.ts',
      'src/cli/restore.ts',
      'src/storage/',
      'src/files/',
      'src/workers/export-worker.ts',
      'src/features/app/app-http.ts',
      'src/console/',
    ],
    'node:path': [
      'src/stack-traces.ts',
      'src/cli/backup.ts',
      'src/cli/restore.ts',
      'src/storage/',
      'src/files/',
      'src/workers/export-worker.ts',
      'src/features/app/app-http.ts',
      'src/console/',
    ],
    // The export's writers run in a thread of their own.
    'node:worker_threads': ['src/files/'],
    'node:url': [
      'src/storage/migrate-sqlite-to-postgres.ts',
      // Under tsx, the export's thread loads tsx's API by its URL.
      'src/files/threaded-files.ts',
      'src/features/app/app-http.ts',
      'src/stack-traces.ts',
      'src/cli/backup.ts',
      'src/cli/restore.ts',
    ],
    'node:util': ['src/cli/', 'src/console/'],
    // The process starts one collection once the bot has settled (an eager memory measurement).
    'node:vm': ['src/run-bot.ts'],
  },
  allowedImports: {
    'src/kernel/': ['src/kernel/'],
    'src/i18n/': ['src/kernel/', 'src/i18n/'],
    // The web app runs in the browser: the pure folders and the API's contract, nothing else (no package).
    'src/webapp/': ['src/webapp/', 'src/kernel/', 'src/i18n/', 'src/features/app/api-types.ts'],
    'src/features/app/api-types.ts': ['src/kernel/'],
    'src/features/*/parse-*.ts': PURE,
    'src/features/*/*-rules.ts': PURE,
    'src/features/admin/validate-names.ts': PURE,
    'src/features/nominations/nomination.ts': PURE,
    'migrations/': ['migrations/'],
    'src/storage/': ['src/storage/', 'migrations/', 'src/kernel/'],
    'src/directory/': ['src/directory/', 'src/storage/', 'src/kernel/'],
    'src/telegram/': ['src/telegram/', 'src/kernel/', ...BASICS],
    'src/outbox/': ['src/outbox/', 'src/storage/', 'src/telegram/', 'src/i18n/', 'src/kernel/', ...BASICS],
    'src/files/': ['src/files/', 'src/i18n/', 'src/kernel/'],
    'src/features/': [
      'src/features/',
      'src/bot/context.ts',
      'src/bot/people.ts',
      'src/bot/links.ts',
      'src/bot/registry.ts',
      'src/files/',
      ...SERVICES,
    ],
    'src/bot/': ['src/bot/', 'src/features/', 'src/telegram/', ...SERVICES],
    'src/workers/': ['src/workers/', 'src/features/', 'src/files/', ...SERVICES],
    'src/config.ts': ['src/kernel/'],
    'src/env.ts': ['src/config.ts'],
    'src/clock.ts': [],
    'src/logger.ts': [],
    'src/metrics.ts': ['src/kernel/'],
    'src/app.ts': ['src/'],
    'src/main.ts': ['src/'],
    // What main.ts runs before anything else loads: the Node version check and the source maps on demand.
    'src/node-version.ts': [],
    'src/stack-traces.ts': [],
    'src/run-bot.ts': ['src/'],
    'src/cli/': ['src/'],
    'src/console/': ['src/'],
  },
  entryPoints: [
    'src/main.ts',
    'src/cli/job.ts',
    'src/cli/migrate.ts',
    'src/cli/backup.ts',
    'src/cli/restore.ts',
    'src/console/main.ts',
    // The export's writers' thread (src/files/threaded-files.ts starts it by its path).
    'src/files/export-thread.ts',
    'src/storage/migrate-sqlite-to-postgres.ts',
    // The web app's page, bundled by scripts/build-app.mjs (its first API calls run inline, before the bundle).
    'src/webapp/main.ts',
    'src/webapp/first-calls.ts',
  ],
  modules: ['src/features/'],
  // A module's files other modules and layers may import besides its index: the web app's contract with the page.
  publicFiles: ['src/features/app/api-types.ts'],
};

/**
 * Violations present while the tree is rebuilt (issue 15), all in folders other refactors own: the dispatcher, the
 * delivery, the workers, the job CLI, the renderers and the config reach into features' files rather than their
 * index, and make the one cycle those refactors break. This list may only shrink: the check fails on a violation
 * missing from it, and on an entry that no longer occurs.
 */
const KNOWN_VIOLATIONS: readonly string[] = [];

const check = (tree: SourceTree) => violationsOf(tree, RULES);
/** The keys of a made-up tree's violations; a fragment of a tree leaves files unimported, so orphans are apart. */
const keysOf = (tree: Record<string, string>, { orphans = false } = {}) =>
  check(new Map(Object.entries(tree)))
    .map((v) => v.key)
    .filter((key) => orphans || !key.startsWith('orphan: '));

describe('the layer check, on made-up trees', () => {
  it('lets src/telegram/ import telegraf, and nothing else, type imports and subpaths included', () => {
    expect(
      keysOf({
        'src/telegram/telegram-client.ts': "import { Telegraf } from 'telegraf';",
        'src/app.ts': "import type { Telegraf } from 'telegraf';",
        'src/cli/job.ts': "import type { Update } from 'telegraf/types';",
        'src/console/x.ts': "export { TelegramError } from 'telegraf';",
        'src/console/y.ts': "type T = import('telegraf').Telegram;",
      }),
    ).toEqual([
      'src/app.ts → telegraf',
      'src/cli/job.ts → telegraf',
      'src/console/x.ts → telegraf',
      'src/console/y.ts → telegraf',
    ]);
  });

  it('keeps kysely in the stores and migrations/, the drivers in src/storage/connect.ts, each package to its owners', () => {
    expect(
      keysOf({
        'src/features/tally/tally-store.ts': "import { sql } from 'kysely';",
        'src/features/tally/tally-service.ts': "import { sql } from 'kysely';",
        'migrations/0001-init.ts': "import type { Kysely } from 'kysely';",
        'src/storage/connect.ts': "import Database from 'better-sqlite3';\nimport pg from 'pg';",
        'src/storage/migrate.ts': "import type { Pool } from 'pg';",
        'src/bot/outbox.ts': "import {\n  type Expression,\n  sql,\n} from 'kysely';",
        'src/workers/alarm-clock.ts': "import cron from 'node-cron';",
        'src/workers/scheduler.ts': "import cron from 'node-cron';\nimport { readFileSync } from 'fs';",
        'src/files/xlsx-writer.ts': "import { deflateRawSync } from 'node:zlib';",
        'src/features/reports/export.ts': "import { deflateRawSync } from 'zlib';\nimport left from 'left-pad';",
      }),
    ).toEqual([
      'src/bot/outbox.ts → kysely',
      'src/features/reports/export.ts → node:zlib',
      'src/features/reports/export.ts → left-pad',
      'src/features/tally/tally-service.ts → kysely',
      'src/storage/migrate.ts → pg',
      'src/workers/scheduler.ts → node-cron',
      'src/workers/scheduler.ts → node:fs',
    ]);
  });

  it('keeps src/kernel/ to itself, and src/i18n/ to src/kernel/ and its own folder', () => {
    expect(
      keysOf({
        'src/kernel/period.ts': "import type { DayRange } from './day';",
        'src/kernel/day.ts': '',
        'src/kernel/units.ts': "import { z } from 'zod';\nimport type { Config } from '../config';",
        'src/config.ts': '',
        'src/i18n/texts.ts': "import type { Locale } from '../kernel/locale';\nimport { tokens } from '../bot/tokens';",
        'src/i18n/vi.ts': "import { formatDay } from './format';",
        'src/i18n/format.ts': '',
        'src/kernel/locale.ts': '',
        'src/bot/tokens.ts': "import { t } from '../i18n/texts';",
      }),
    ).toEqual([
      'src/i18n/texts.ts → src/bot/tokens.ts',
      'src/kernel/units.ts → zod',
      'src/kernel/units.ts → src/config.ts',
      'cycle: src/bot/tokens.ts, src/i18n/texts.ts',
      'cycle: src/bot, src/i18n',
    ]);
  });

  it("keeps each feature's parsers and rules pure: kernel/, i18n/ and other parsers and rules only", () => {
    expect(
      keysOf({
        'src/features/tally/parse-log.ts': "import { tokenize } from '../../kernel/parsing/tokens';",
        'src/features/tally/log-rules.ts': "import type { LogCommand } from './parse-log';",
        'src/features/tally/parse-undo.ts': "import { entriesOfUpdate } from './tally-store';",
        'src/features/tally/tally-store.ts': "import { authorOf } from './log-rules';",
        'src/features/settings/settings-rules.ts': "import { logger } from '../../logger';\nimport { z } from 'zod';",
        'src/kernel/parsing/tokens.ts': '',
        'src/logger.ts': '',
      }),
    ).toEqual([
      'src/features/settings/settings-rules.ts → src/logger.ts',
      'src/features/settings/settings-rules.ts → zod',
      'src/features/tally/parse-undo.ts → src/features/tally/tally-store.ts',
    ]);
  });

  it('lets features and other layers reach a feature only through its index.ts', () => {
    expect(
      keysOf({
        'src/features/tally/index.ts': "export { unitTotals } from './tally-store';",
        'src/features/tally/tally-store.ts': '',
        'src/features/tally/tally-chat.ts': "import { unitTotals } from './tally-store';",
        'src/features/boards/boards-service.ts':
          "import { unitTotals } from '../tally';\nimport { memberTotals } from '../tally/tally-store';",
        'src/features/use-case.ts': '',
        'src/features/boards/boards-chat.ts': "import { scopeOf } from '../use-case';",
        'src/workers/scheduler.ts': "import { tallyFeature } from '../features/tally/tally-chat';",
      }),
    ).toEqual([
      'src/features/boards/boards-service.ts → src/features/tally/tally-store.ts',
      'src/workers/scheduler.ts → src/features/tally/tally-chat.ts',
    ]);
  });

  it('finds files no rule places, and files nothing imports that are no entry point', () => {
    expect(
      keysOf(
        {
          'src/main.ts': "import { createApp } from './app';",
          'src/app.ts': '',
          'src/cli/job.ts': '',
          'src/features/boards/old-board.ts': '',
          'src/web/route.ts': "import { createApp } from '../app';",
        },
        { orphans: true },
      ),
    ).toEqual(['orphan: src/features/boards/old-board.ts', 'unplaced: src/web/route.ts', 'orphan: src/web/route.ts']);
  });

  it('refuses imports of src/main.ts', () => {
    expect(keysOf({ 'src/main.ts': '', 'src/app.ts': "import './main';" })).toEqual(['src/app.ts → src/main.ts']);
  });

  it('finds cycles between files and between layers, and walks one in the message', () => {
    const violations = check(
      new Map(
        Object.entries({
          'src/workers/outbox.ts': "import type { Transport } from '../outbox/transport';",
          'src/outbox/transport.ts': "import { Logger } from '../logger';",
          'src/outbox/sender.ts': "import { mark } from '../workers/chat-reachability';",
          'src/workers/chat-reachability.ts': '',
          'src/logger.ts': '',
          'src/x/a.ts': "import { b } from './b.js';",
          'src/x/b.ts': "export { c } from './c';",
          'src/x/c.ts': "import type { A } from './a';",
          'src/x/self.ts': "import * as me from './self';",
        }),
      ),
    ).filter((v) => v.key.startsWith('cycle: '));
    expect(violations.map((v) => v.key)).toEqual([
      'cycle: src/x/a.ts, src/x/b.ts, src/x/c.ts',
      'cycle: src/x/self.ts',
      'cycle: src/outbox, src/workers',
    ]);
    expect(violations.map((v) => v.detail)).toEqual([
      'import cycle between files: src/x/a.ts → src/x/b.ts → src/x/c.ts → src/x/a.ts',
      'import cycle between files: src/x/self.ts → src/x/self.ts',
      'import cycle between layers: src/outbox → src/workers → src/outbox' +
        ' (src/outbox/sender.ts → src/workers/chat-reachability.ts; src/workers/outbox.ts → src/outbox/transport.ts)',
    ]);
  });

  it('passes a tree that keeps every rule, orphans included', () => {
    expect(
      keysOf(
        {
          'src/main.ts': "import { createApp } from './app';",
          'src/app.ts': "import { createBot } from './bot/create-bot';\nimport { connect } from './storage/connect';",
          'src/bot/create-bot.ts': "import { tallyFeature } from '../features/tally';",
          'src/telegram/telegram-client.ts': "import { Telegraf } from 'telegraf';",
          'src/outbox/sender.ts': "import { send } from '../telegram/telegram-client';",
          'src/app-extra.ts': '',
          'src/features/tally/index.ts': "export { tallyFeature } from './tally-chat';",
          'src/features/tally/tally-chat.ts':
            "import type { Db } from '../../storage/schema';\nimport { ok } from '../../kernel/result';\nimport { s } from '../../outbox/sender';",
          'src/kernel/result.ts': '',
          'src/storage/schema.ts': "import type { Kysely } from 'kysely';",
          'src/storage/connect.ts':
            "import Database from 'better-sqlite3';\nimport { Kysely } from 'kysely';\nimport type { Db } from './schema';",
        },
        { orphans: true },
      ),
    ).toEqual(['unplaced: src/app-extra.ts', 'orphan: src/app-extra.ts']);
  });
});

describe('the layers of this repository', () => {
  const violations = check(readTree(ROOT, ['src', 'migrations']));
  const known = new Set(KNOWN_VIOLATIONS);

  it('break no rule beyond KNOWN_VIOLATIONS', () => {
    const unexpected = violations.filter((violation) => !known.has(violation.key)).map((v) => v.detail);
    expect(unexpected, 'new layer violations (fix them; do not add them to KNOWN_VIOLATIONS)').toEqual([]);
  });

  it('still have every violation KNOWN_VIOLATIONS lists (delete the entries that were fixed)', () => {
    const found = new Set(violations.map((violation) => violation.key));
    expect(
      KNOWN_VIOLATIONS.filter((key) => !found.has(key)),
      'fixed: remove from KNOWN_VIOLATIONS',
    ).toEqual([]);
    expect(new Set(KNOWN_VIOLATIONS).size, 'KNOWN_VIOLATIONS has duplicates').toBe(KNOWN_VIOLATIONS.length);
  });
});
