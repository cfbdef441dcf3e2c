import { z } from 'zod';
import { LOCALES } from './domain/locale';

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

const configSchema = z.object({
  BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]{20,}$/, 'expected a token from @BotFather, like 123456:ABC-...')
    .optional(),
  DATABASE_URL: z.string().min(1).default('data/thidua.sqlite'),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  ADMIN_IDS: idList,
  TZ: timeZone.default('Asia/Ho_Chi_Minh'),
  DEFAULT_LOCALE: z.enum(LOCALES).default('vi'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BACKDATE_DAYS: z.coerce.number().int().min(0).max(366).default(7),
  UNDO_BUTTON_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
});

/** Validated settings, camel-cased for code. */
export interface Config {
  readonly botToken: string | undefined;
  readonly databaseUrl: string;
  readonly telegramApiRoot: string;
  readonly adminIds: readonly number[];
  readonly timeZone: string;
  readonly defaultLocale: (typeof LOCALES)[number];
  readonly logLevel: string;
  readonly backdateDays: number;
  readonly undoButtonMinutes: number;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Reads settings from an environment; empty strings count as unset. Never throws: every bad key is named. */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  }
  const c = parsed.data;
  return {
    ok: true,
    config: {
      botToken: c.BOT_TOKEN,
      databaseUrl: c.DATABASE_URL,
      telegramApiRoot: c.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
      adminIds: c.ADMIN_IDS,
      timeZone: c.TZ,
      defaultLocale: c.DEFAULT_LOCALE,
      logLevel: c.LOG_LEVEL,
      backdateDays: c.BACKDATE_DAYS,
      undoButtonMinutes: c.UNDO_BUTTON_MINUTES,
    },
  };
}
