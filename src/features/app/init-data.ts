import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { err, ok, type Result } from '../../kernel/result';

/** The Telegram user who opened the Mini App, as the signed init data names them. */
export interface InitDataUser {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string | null;
  readonly username: string | null;
  /** The Telegram client's language (IETF tag, "vi", "en"); absent for some clients. */
  readonly languageCode: string | null;
}

/** Init data whose signature and age were checked. */
export interface VerifiedInitData {
  readonly user: InitDataUser;
  readonly authDate: Date;
  /** The `startapp` parameter of a direct link (`t.me/<bot>/<app>?startapp=<unit>`), when opened through one. */
  readonly startParam: string | null;
}

/**
 * Why init data was refused; every kind means "not from Telegram, or too old" to the page (401). `malformed`: not a
 * query string Telegram would send (a key twice, no hash, a hash that is not 64 hex digits, no auth_date).
 */
export type InitDataRefusal =
  | { readonly kind: 'missing' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'badSignature' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'noUser' };

/** One hour: long enough for a commander reading a screen, short enough that copied init data soon stops working. */
export const DEFAULT_MAX_AGE_SECONDS = 3600;
/** How far auth_date may lie ahead of our clock (the two clocks disagree a little); beyond it, refused as forged. */
const FUTURE_SKEW_SECONDS = 300;
const HEX_HASH = /^[0-9a-f]{64}$/;

const userSchema = z.object({
  id: z.number().int().positive(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

/** Checks init data against one bot's token; built once, called with each request's header and the clock's now. */
export type InitDataCheck = (initData: string, now: Date) => Result<VerifiedInitData, InitDataRefusal>;

/**
 * Telegram's check of Mini App init data ("Validating data received via the Mini App"): the data-check-string is
 * every key=value pair but `hash`, sorted by key and joined by "\n"; the secret key is HMAC-SHA256 keyed with
 * "WebAppData" over the bot token; the hash is the hex HMAC-SHA256 of the data-check-string under that secret,
 * compared in constant time. `auth_date` may be at most `maxAgeSeconds` old.
 */
export function createInitDataCheck(botToken: string, maxAgeSeconds = DEFAULT_MAX_AGE_SECONDS): InitDataCheck {
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  return (initData, now) => {
    if (initData.length === 0) return err({ kind: 'missing' });
    const fields = new Map<string, string>();
    for (const [key, value] of new URLSearchParams(initData)) {
      // A repeated key would make the signed string and the values we read disagree.
      if (fields.has(key)) return err({ kind: 'malformed' });
      fields.set(key, value);
    }
    const hash = fields.get('hash');
    if (hash === undefined || !HEX_HASH.test(hash)) return err({ kind: 'malformed' });
    fields.delete('hash');
    const dataCheckString = [...fields]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => `${key}=${value}`)
      .join('\n');
    const expected = createHmac('sha256', secret).update(dataCheckString).digest();
    if (!timingSafeEqual(expected, Buffer.from(hash, 'hex'))) return err({ kind: 'badSignature' });

    const authSeconds = Number(fields.get('auth_date'));
    if (!Number.isSafeInteger(authSeconds) || authSeconds <= 0) return err({ kind: 'malformed' });
    const ageSeconds = now.getTime() / 1000 - authSeconds;
    if (ageSeconds > maxAgeSeconds || ageSeconds < -FUTURE_SKEW_SECONDS) return err({ kind: 'expired' });

    const user = parseUser(fields.get('user'));
    if (!user) return err({ kind: 'noUser' });
    return ok({ user, authDate: new Date(authSeconds * 1000), startParam: fields.get('start_param') ?? null });
  };
}

function parseUser(json: string | undefined): InitDataUser | undefined {
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = userSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { id, first_name, last_name, username, language_code } = parsed.data;
  return {
    id,
    firstName: first_name,
    lastName: last_name ?? null,
    username: username ?? null,
    languageCode: language_code ?? null,
  };
}
