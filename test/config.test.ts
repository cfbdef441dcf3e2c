import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('fills every default from an empty environment', () => {
    const loaded = loadConfig({});

    expect(loaded).toEqual({
      ok: true,
      config: {
        botToken: undefined,
        databaseUrl: 'data/thidua.sqlite',
        telegramApiRoot: 'https://api.telegram.org',
        adminIds: [],
        timeZone: 'Asia/Ho_Chi_Minh',
        defaultLocale: 'vi',
        logLevel: 'info',
        backdateDays: 7,
        undoButtonMinutes: 15,
      },
    });
  });

  it('reads every key, treating empty strings as unset', () => {
    const loaded = loadConfig({
      BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      DATABASE_URL: '/tmp/x.sqlite',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      ADMIN_IDS: '1, 22 ,333',
      TZ: 'UTC',
      DEFAULT_LOCALE: 'en',
      LOG_LEVEL: '',
      BACKDATE_DAYS: '0',
      UNDO_BUTTON_MINUTES: '5',
    });

    expect(loaded.ok && loaded.config).toMatchObject({
      botToken: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      telegramApiRoot: 'http://127.0.0.1:8081',
      adminIds: [1, 22, 333],
      timeZone: 'UTC',
      defaultLocale: 'en',
      logLevel: 'info',
      backdateDays: 0,
      undoButtonMinutes: 5,
    });
  });

  it('names every bad key at once', () => {
    const loaded = loadConfig({
      BOT_TOKEN: 'not-a-token',
      TELEGRAM_API_ROOT: 'nowhere',
      ADMIN_IDS: '12,abc',
      TZ: 'Mars/Olympus',
      DEFAULT_LOCALE: 'fr',
      LOG_LEVEL: 'loud',
      BACKDATE_DAYS: '-1',
      UNDO_BUTTON_MINUTES: 'soon',
    });

    expect(loaded.ok).toBe(false);
    const keys = loaded.ok ? [] : loaded.problems.map((problem) => problem.split(':')[0]);
    expect(keys.sort()).toEqual(
      [
        'ADMIN_IDS',
        'BACKDATE_DAYS',
        'BOT_TOKEN',
        'DEFAULT_LOCALE',
        'LOG_LEVEL',
        'TELEGRAM_API_ROOT',
        'TZ',
        'UNDO_BUTTON_MINUTES',
      ].sort(),
    );
  });
});
