import { createHmac } from 'node:crypto';

/** The token of the bot the tests sign for (any string in Telegram's shape). */
export const TEST_BOT_TOKEN = '123456789:AAE-test-token-of-the-thidua-bot-0000';

/**
 * Init data as Telegram signs it, written from Telegram's documentation apart from the code under test: the
 * sorted key=value lines but the hash, under HMAC-SHA256 keyed by HMAC-SHA256("WebAppData", token).
 */
export function signInitData(fields: Readonly<Record<string, string>>, botToken = TEST_BOT_TOKEN): string {
  const lines = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`);
  const secretKey = createHmac('sha256', 'WebAppData').update(botToken).digest();
  const hash = createHmac('sha256', secretKey).update(lines.join('\n')).digest('hex');
  return new URLSearchParams({ ...fields, hash }).toString();
}

/** A Telegram user as the init data's `user` field carries it. */
export interface TestUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** Signed init data for a user, opened at `authDate` (seconds are what Telegram sends). */
export function initDataFor(
  user: TestUser,
  options: { authDate: Date; botToken?: string; startParam?: string } = { authDate: new Date() },
): string {
  return signInitData(
    {
      query_id: 'AAHdF6IQAAAAAN0XohDhrOrc',
      user: JSON.stringify(user),
      auth_date: String(Math.floor(options.authDate.getTime() / 1000)),
      ...(options.startParam ? { start_param: options.startParam } : {}),
    },
    options.botToken,
  );
}
