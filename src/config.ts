import * as z from 'zod';
import { type CommendationLevel, DEFAULT_LEVELS, parseLevelsSpec } from './kernel/commendation-levels';
import { parseCron } from './kernel/cron';
import type { JobName } from './kernel/job-period';
import { LOCALES } from './kernel/locale';
import { isValidIsoDay } from './kernel/period';

const idList = z
  .string()
  .default('')
  .transform((raw, ctx) => {
    const ids = raw
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const bad = ids.filter((id) => !/^\d{1,16}$/.test(id));
    if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `not Telegram user ids: ${bad.join(', ')}` });
    return ids.map(Number);
  });

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'unknown IANA time zone');

/** A five-field cron expression, checked here so a bad schedule stops the bot at start, not at its first firing. */
const cron = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .superRefine((expression, ctx) => {
      const parsed = parseCron(expression);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
    });

const dayList = z
  .string()
  .default('')
  .transform((raw, ctx) => {
    const days = raw
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const bad = days.filter((day) => !isValidIsoDay(day));
    if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `not days written YYYY-MM-DD: ${bad.join(', ')}` });
    return [...new Set(days)].sort();
  });

const port = z.coerce.number().int().min(1).max(65535);

/** Telegram delivers webhooks over https only, to ports 443, 80, 88 or 8443. */
const webhookUrl = z.url().superRefine((raw, ctx) => {
  // z.url() has already named an unparsable URL; its later checks still run.
  if (!URL.canParse(raw)) return;
  const url = new URL(raw);
  if (url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'expected an https URL' });
  if (!['', '443', '80', '88', '8443'].includes(url.port)) {
    ctx.addIssue({ code: 'custom', message: 'Telegram sends webhooks only to ports 443, 80, 88 and 8443' });
  }
});

const configSchema = z.object({
  BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]{20,}$/, 'expected a token from @BotFather, like 123456:ABC-...')
    .optional(),
  DATABASE_URL: z.string().min(1).default('data/thidua.sqlite'),
  // PostgreSQL: statements prepared once per connection; off behind a pooler that cannot keep them.
  DATABASE_PREPARED_STATEMENTS: z
    .enum(['on', 'off', 'true', 'false', '1', '0'])
    .default('on')
    .transform((value) => value === 'on' || value === 'true' || value === '1'),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  ADMIN_IDS: idList,
  TZ: timeZone.default('Asia/Ho_Chi_Minh'),
  DEFAULT_LOCALE: z.enum(LOCALES).default('vi'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BACKDATE_DAYS: z.coerce.number().int().min(0).max(366).default(7),
  COMMANDER_BACKDATE_DAYS: z.coerce.number().int().min(0).max(3660).default(366),
  UNDO_BUTTON_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  // `code[:authority]`, lowest first; authority is unit, a depth (0 the root) or proposal. Plain codes keep the
  // old list working: bieuduong the unit chain, giaykhen the root, bangkhen a proposal, anything else the chain.
  COMMENDATION_LEVELS: z
    .string()
    .default(DEFAULT_LEVELS.join(','))
    .transform((raw, ctx) => {
      const parsed = parseLevelsSpec(raw);
      if (parsed.ok) return parsed.value;
      for (const problem of parsed.error) ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }),
  CAMPAIGN_NAME: z.string().trim().min(1).max(120).default('Nụ cười chiến sĩ'),
  NOMINATION_DAILY_CAP: z.coerce.number().int().min(1).max(100).default(3),
  // The days anyone may /pledge (đăng ký thi đua): months "1-3" or days "01-01..03-31"; open all year when unset.
  PLEDGE_WINDOW: z
    .string()
    .trim()
    .regex(
      /^(?:(?:[1-9]|1[0-2])\s*-\s*(?:[1-9]|1[0-2])|(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\s*\.\.\s*(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))$/,
      'expected months like 1-3 or days like 01-01..03-31',
    )
    .refine(
      (window) =>
        [...window.matchAll(/(\d{2})-(\d{2})/g)].every(
          ([, month, day]) => new Date(Date.UTC(2024, Number(month) - 1, Number(day))).getUTCDate() === Number(day),
        ),
      'a day that does not exist (a leap year counts)',
    )
    .optional(),
  // The place (địa danh) of the year's papers' "…, ngày … tháng … năm …" line (Nghị định 30/2020): "Lạng Sơn".
  // Unset: the nearest unit up the tree named after a province, district or commune ("Công an tỉnh Lạng Sơn").
  PAPERS_PLACE: z.string().trim().min(1).max(60).optional(),
  // The year's rule figures the deployment sets itself, as JSON by title (docs/YEAR-RULES.md); the year checks
  // their shape at start.
  YEAR_RULES: z
    .string()
    .trim()
    .transform((text, ctx) => {
      try {
        const value: unknown = JSON.parse(text);
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
      } catch {}
      ctx.addIssue({
        code: 'custom',
        message: 'expected a JSON object by title, e.g. {"cstdcs":{"quota":{"share":"20%"}}}',
      });
      return z.NEVER;
    })
    .optional(),
  LEADERBOARD_CRON: cron('0 8 * * 1'),
  DIGEST_CRON: cron('30 7 * * 1'),
  REMINDER_CRON: cron('0 15 * * 5'),
  CATCH_UP_HOURS: z.coerce.number().int().min(0).max(168).default(24),
  HOLIDAYS: dayList,
  PROVINCE_DIGEST_CHAT_ID: z
    .string()
    .regex(/^-?\d{1,16}$/, 'expected a Telegram chat id, like -1001234567890')
    .transform(Number)
    .optional(),
  // The chart photo beside the weekly leaderboard and digest.
  WEEKLY_CHARTS: z
    .enum(['on', 'off', 'true', 'false', '1', '0'])
    .default('on')
    .transform((value) => value === 'on' || value === 'true' || value === '1'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  WEBHOOK_URL: webhookUrl.optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'expected 1-256 characters among A-Z, a-z, 0-9, _ and - (Telegram’s rule)')
    .optional(),
  PORT: port.optional(),
  // Where the HTTP server listens: every interface by default, or one address (127.0.0.1 behind a local proxy).
  HTTP_HOST: z.string().trim().min(1).optional(),
  // /metrics on a listener of its own (then not on PORT), bound to METRICS_HOST: 127.0.0.1 unless said otherwise.
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  // The commanders' web app (issue 17): on only with PUBLIC_URL, the https address Telegram opens (PUBLIC_URL + /app/).
  PUBLIC_URL: z
    .url()
    .refine((raw) => !URL.canParse(raw) || new URL(raw).protocol === 'https:', 'expected an https URL')
    .optional(),
  // The Mini App's short name given to @BotFather's /newapp: groups get the direct link t.me/<bot>/<short name>.
  MINIAPP_SHORT_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_]{3,30}$/, 'expected 3-30 characters among A-Z, a-z, 0-9 and _ (BotFather’s rule)')
    .optional(),
  // How old Telegram's signed init data may be, in seconds, before the app's API answers 401.
  MINIAPP_MAX_AGE: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(3600),
  // `npm run backup`: where the dated backups go, and how many are kept (the oldest beyond are deleted).
  BACKUP_DIR: z.string().trim().min(1).default('data/backups'),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
});

/** Every setting's name, as in `.env.example` and README's table. */
export const CONFIG_KEYS = Object.keys(configSchema.shape) as readonly (keyof typeof configSchema.shape)[];

/** Rules across keys; `when` runs them even when other keys are bad, so every problem is named at once. */
const envSchema = configSchema.superRefine(
  (env, ctx) => {
    if (env.PUBLIC_URL !== undefined && env.PORT === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['PORT'],
        message: 'required when PUBLIC_URL is set (the app is served on it)',
      });
    if (env.WEBHOOK_URL === undefined) return;
    for (const key of ['WEBHOOK_SECRET', 'PORT'] as const) {
      if (env[key] === undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: 'required when WEBHOOK_URL is set' });
    }
  },
  { when: () => true },
);

/** Validated settings, camel-cased for code. */
export interface Config {
  readonly botToken: string | undefined;
  readonly databaseUrl: string;
  /** PostgreSQL: statements go as prepared statements (DATABASE_PREPARED_STATEMENTS, on by default). */
  readonly preparedStatements: boolean;
  readonly telegramApiRoot: string;
  readonly adminIds: readonly number[];
  readonly timeZone: string;
  readonly defaultLocale: (typeof LOCALES)[number];
  readonly logLevel: string;
  /** How many days back an officer's /log may go. */
  readonly backdateDays: number;
  /** How many days back a commander of the unit or an admin may log (never less than backdateDays). */
  readonly commanderBackdateDays: number;
  readonly undoButtonMinutes: number;
  /** Commendation levels a commander can approve at, lowest first. */
  readonly commendationLevels: readonly string[];
  /** The same levels with who decides each (COMMENDATION_LEVELS). */
  readonly commendationAuthorities: readonly CommendationLevel[];
  /** The campaign's name on certificates and records (CAMPAIGN_NAME). */
  readonly campaignName: string;
  readonly nominationDailyCap: number;
  /** When anyone may /pledge (PLEDGE_WINDOW as written; src/features/year reads it); all year when undefined. */
  readonly pledgeWindow: string | undefined;
  /** YEAR_RULES as parsed JSON (src/features/year checks it against the rules at start); none when undefined. */
  readonly yearRules: object | undefined;
  /** The place on the year's papers (PAPERS_PLACE); from the units' names when undefined. */
  readonly papersPlace: string | undefined;
  /** When each weekly post is made: five-field cron expressions, read in `timeZone`. */
  readonly schedules: Readonly<Record<JobName, string>>;
  /** At start, scheduled posts missed within this many hours are still made (stale reminders are not). */
  readonly catchUpHours: number;
  /** Local days ("YYYY-MM-DD") without reminders, sorted. */
  readonly holidays: readonly string[];
  /** A command group that also receives the province-wide digest. */
  readonly provinceDigestChatId: number | undefined;
  /** Whether the weekly leaderboard and digest come with a chart photo (WEEKLY_CHARTS, on by default). */
  readonly weeklyCharts: boolean;
  /** How often the outbox worker looks for posts to send. */
  readonly outboxPollMs: number;
  /** How long a worker may hold a post it is sending before another process may take it over. */
  /** Webhook intake, when WEBHOOK_URL is set: Telegram posts updates to `url`, the server listens on its `path`. */
  readonly webhook: { readonly url: string; readonly path: string; readonly secret: string } | undefined;
  /** Port of the HTTP server (webhook, /healthz, /metrics); none without it. */
  readonly port: number | undefined;
  /** The address the HTTP server binds (HTTP_HOST); every interface when unset. */
  readonly httpHost: string | undefined;
  /** /metrics on a port of its own (METRICS_PORT), bound to metricsHost; on PORT when unset. */
  readonly metricsPort: number | undefined;
  readonly metricsHost: string;
  /**
   * The commanders' web app, when PUBLIC_URL is set: `url` is the page Telegram opens (PUBLIC_URL + /app/),
   * `shortName` the Mini App's name at BotFather (for a group's direct link), `maxAgeSeconds` MINIAPP_MAX_AGE.
   */
  readonly miniApp:
    | { readonly url: string; readonly shortName: string | undefined; readonly maxAgeSeconds: number }
    | undefined;
  /** Where `npm run backup` writes (BACKUP_DIR) and how many backups it keeps (BACKUP_KEEP). */
  readonly backup: { readonly dir: string; readonly keep: number };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/**
 * Reads settings from an environment; an empty or blank value counts as unset, for every key (an env file filled
 * in as `.env.example` carries `PORT=`). Never throws: every bad key is named.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  }
  const c = parsed.data;
  if (c.COMMANDER_BACKDATE_DAYS < c.BACKDATE_DAYS) {
    return { ok: false, problems: ['COMMANDER_BACKDATE_DAYS: must be at least BACKDATE_DAYS'] };
  }
  return {
    ok: true,
    config: {
      botToken: c.BOT_TOKEN,
      databaseUrl: c.DATABASE_URL,
      preparedStatements: c.DATABASE_PREPARED_STATEMENTS,
      telegramApiRoot: c.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
      adminIds: c.ADMIN_IDS,
      timeZone: c.TZ,
      defaultLocale: c.DEFAULT_LOCALE,
      logLevel: c.LOG_LEVEL,
      backdateDays: c.BACKDATE_DAYS,
      commanderBackdateDays: c.COMMANDER_BACKDATE_DAYS,
      undoButtonMinutes: c.UNDO_BUTTON_MINUTES,
      commendationLevels: c.COMMENDATION_LEVELS.map((level) => level.code),
      commendationAuthorities: c.COMMENDATION_LEVELS,
      campaignName: c.CAMPAIGN_NAME,
      nominationDailyCap: c.NOMINATION_DAILY_CAP,
      pledgeWindow: c.PLEDGE_WINDOW,
      yearRules: c.YEAR_RULES,
      papersPlace: c.PAPERS_PLACE,
      schedules: { leaderboard: c.LEADERBOARD_CRON, digest: c.DIGEST_CRON, reminder: c.REMINDER_CRON },
      catchUpHours: c.CATCH_UP_HOURS,
      holidays: c.HOLIDAYS,
      provinceDigestChatId: c.PROVINCE_DIGEST_CHAT_ID,
      weeklyCharts: c.WEEKLY_CHARTS,
      outboxPollMs: c.OUTBOX_POLL_MS,
      webhook:
        c.WEBHOOK_URL !== undefined && c.WEBHOOK_SECRET !== undefined
          ? { url: c.WEBHOOK_URL, path: new URL(c.WEBHOOK_URL).pathname, secret: c.WEBHOOK_SECRET }
          : undefined,
      port: c.PORT,
      httpHost: c.HTTP_HOST,
      metricsPort: c.METRICS_PORT,
      metricsHost: c.METRICS_HOST,
      miniApp:
        c.PUBLIC_URL === undefined
          ? undefined
          : {
              url: `${c.PUBLIC_URL.replace(/\/+$/, '')}/app/`,
              shortName: c.MINIAPP_SHORT_NAME,
              maxAgeSeconds: c.MINIAPP_MAX_AGE,
            },
      backup: { dir: c.BACKUP_DIR, keep: c.BACKUP_KEEP },
    },
  };
}
