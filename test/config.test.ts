import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, loadConfig } from '../src/config';
import { mergeEnvFile, parseEnvText } from '../src/env';
import { formatLevelsSpec } from '../src/kernel/commendation-levels';

const ROOT = resolve(import.meta.dirname, '..');

describe('loadConfig', () => {
  it('fills every default from an empty environment', () => {
    const loaded = loadConfig({});

    expect(loaded).toEqual({
      ok: true,
      config: {
        botToken: undefined,
        databaseUrl: 'data/thidua.sqlite',
        preparedStatements: true,
        telegramApiRoot: 'https://api.telegram.org',
        adminIds: [],
        timeZone: 'Asia/Ho_Chi_Minh',
        defaultLocale: 'vi',
        logLevel: 'info',
        backdateDays: 7,
        commanderBackdateDays: 366,
        undoButtonMinutes: 15,
        commendationLevels: ['bieuduong', 'giaykhen', 'bangkhen'],
        commendationAuthorities: [
          { code: 'bieuduong', authority: { kind: 'unit' } },
          { code: 'giaykhen', authority: { kind: 'depth', depth: 0 } },
          { code: 'bangkhen', authority: { kind: 'proposal' } },
        ],
        campaignName: 'Nụ cười chiến sĩ',
        nominationDailyCap: 3,
        schedules: { leaderboard: '0 8 * * 1', digest: '30 7 * * 1', reminder: '0 15 * * 5' },
        catchUpHours: 24,
        holidays: [],
        provinceDigestChatId: undefined,
        weeklyCharts: true,
        outboxPollMs: 2000,
        webhook: undefined,
        port: undefined,
        httpHost: undefined,
        metricsPort: undefined,
        metricsHost: '127.0.0.1',
        backup: { dir: 'data/backups', keep: 14 },
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
      COMMANDER_BACKDATE_DAYS: '3660',
      UNDO_BUTTON_MINUTES: '5',
      COMMENDATION_LEVELS: 'giaykhen, bangkhen',
      NOMINATION_DAILY_CAP: '5',
    });

    expect(loaded.ok && loaded.config).toMatchObject({
      botToken: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      telegramApiRoot: 'http://127.0.0.1:8081',
      adminIds: [1, 22, 333],
      timeZone: 'UTC',
      defaultLocale: 'en',
      logLevel: 'info',
      backdateDays: 0,
      commanderBackdateDays: 3660,
      undoButtonMinutes: 5,
      commendationLevels: ['giaykhen', 'bangkhen'],
      nominationDailyCap: 5,
    });
  });

  it.each([
    ['the default', undefined, 'bieuduong:unit,giaykhen:0,bangkhen:proposal'],
    ['the old plain list', 'bieuduong, giaykhen, bangkhen', 'bieuduong:unit,giaykhen:0,bangkhen:proposal'],
    ['an unknown plain code', 'khenthuongdoi', 'khenthuongdoi:unit'],
    [
      'explicit authorities',
      'bieuduong:unit,giaykhen:1,bangkhen:proposal',
      'bieuduong:unit,giaykhen:1,bangkhen:proposal',
    ],
  ])('reads COMMENDATION_LEVELS with each level’s authority: %s', (_label, raw, expected) => {
    const loaded = loadConfig(raw === undefined ? {} : { COMMENDATION_LEVELS: raw });
    expect(loaded.ok && formatLevelsSpec(loaded.config.commendationAuthorities)).toBe(expected);
    expect(loaded.ok && loaded.config.commendationLevels).toEqual(expected.split(',').map((e) => e.split(':')[0]));
  });

  it.each([
    ['giaykhen:province', 'the authority is unit'],
    ['giaykhen:0:1', 'one authority per level'],
    ['giaykhen,giaykhen', 'appears twice'],
    ['a,b,c,d,e,f,g', 'at most 6'],
    [' , ', 'at least one level'],
  ])('refuses COMMENDATION_LEVELS=%s', (raw, message) => {
    const loaded = loadConfig({ COMMENDATION_LEVELS: raw });
    expect(loaded.ok ? [] : loaded.problems).toEqual([
      expect.stringMatching(new RegExp(`^COMMENDATION_LEVELS: .*${message}`)),
    ]);
  });

  it('reads CAMPAIGN_NAME, "Nụ cười chiến sĩ" by default', () => {
    const named = loadConfig({ CAMPAIGN_NAME: ' Vì nhân dân phục vụ ' });
    const unnamed = loadConfig({});
    expect(named.ok && named.config.campaignName).toBe('Vì nhân dân phục vụ');
    expect(unnamed.ok && unnamed.config.campaignName).toBe('Nụ cười chiến sĩ');
  });

  it('accepts a PostgreSQL DATABASE_URL as well as a SQLite file path', () => {
    for (const url of ['postgres://bot@db.internal:5432/thidua', 'postgresql://bot@127.0.0.1/thidua', 'x.sqlite']) {
      const loaded = loadConfig({ DATABASE_URL: url });
      expect(loaded.ok && loaded.config.databaseUrl).toBe(url);
    }
  });

  it('names every bad key at once', () => {
    const loaded = loadConfig({
      BOT_TOKEN: 'not-a-token',
      DATABASE_URL: 'postgres://localhost/test',
      TELEGRAM_API_ROOT: 'nowhere',
      ADMIN_IDS: '12,abc',
      TZ: 'Mars/Olympus',
      DEFAULT_LOCALE: 'fr',
      LOG_LEVEL: 'loud',
      BACKDATE_DAYS: '-1',
      COMMANDER_BACKDATE_DAYS: '3661',
      UNDO_BUTTON_MINUTES: 'soon',
      COMMENDATION_LEVELS: 'Giấy khen',
      NOMINATION_DAILY_CAP: '0',
    });

    expect(loaded.ok).toBe(false);
    const keys = loaded.ok ? [] : loaded.problems.map((problem) => problem.split(':')[0]);
    expect(keys.sort()).toEqual(
      [
        'ADMIN_IDS',
        'BACKDATE_DAYS',
        'BOT_TOKEN',
        'COMMANDER_BACKDATE_DAYS',
        'COMMENDATION_LEVELS',
        'DEFAULT_LOCALE',
        'LOG_LEVEL',
        'NOMINATION_DAILY_CAP',
        'TELEGRAM_API_ROOT',
        'TZ',
        'UNDO_BUTTON_MINUTES',
      ].sort(),
    );
  });

  it('refuses a commanders’ backdate window shorter than the officers’', () => {
    expect(loadConfig({ BACKDATE_DAYS: '30', COMMANDER_BACKDATE_DAYS: '29' })).toEqual({
      ok: false,
      problems: ['COMMANDER_BACKDATE_DAYS: must be at least BACKDATE_DAYS'],
    });
    const equal = loadConfig({ BACKDATE_DAYS: '30', COMMANDER_BACKDATE_DAYS: '30' });
    expect(equal.ok && equal.config.commanderBackdateDays).toBe(30);
  });

  it('reads the weekly posts’ schedules, catch-up window, holidays and province digest group', () => {
    const loaded = loadConfig({
      LEADERBOARD_CRON: '0 9 * * mon',
      DIGEST_CRON: '0 7 * * 1',
      REMINDER_CRON: '0 16 * * 3,5',
      CATCH_UP_HOURS: '48',
      HOLIDAYS: '2026-09-02, 2026-04-30,2026-09-02',
      PROVINCE_DIGEST_CHAT_ID: '-1001000000001',
      WEEKLY_CHARTS: 'off',
      OUTBOX_POLL_MS: '500',
    });

    expect(loaded.ok && loaded.config).toMatchObject({
      schedules: { leaderboard: '0 9 * * mon', digest: '0 7 * * 1', reminder: '0 16 * * 3,5' },
      catchUpHours: 48,
      holidays: ['2026-04-30', '2026-09-02'],
      provinceDigestChatId: -1001000000001,
      weeklyCharts: false,
      outboxPollMs: 500,
    });
  });

  it('names every bad schedule and weekly-post setting at once', () => {
    const loaded = loadConfig({
      LEADERBOARD_CRON: '0 8 * *',
      DIGEST_CRON: '30 25 * * 1',
      REMINDER_CRON: '0 15 * * friday',
      CATCH_UP_HOURS: '-1',
      HOLIDAYS: '2026-02-30,30/04/2026',
      PROVINCE_DIGEST_CHAT_ID: 'the province group',
      WEEKLY_CHARTS: 'sometimes',
      OUTBOX_POLL_MS: '0',
    });

    expect(loaded.ok).toBe(false);
    const problems = loaded.ok ? [] : loaded.problems;
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'CATCH_UP_HOURS',
      'DIGEST_CRON',
      'HOLIDAYS',
      'LEADERBOARD_CRON',
      'OUTBOX_POLL_MS',
      'PROVINCE_DIGEST_CHAT_ID',
      'REMINDER_CRON',
      'WEEKLY_CHARTS',
    ]);
    expect(problems).toContainEqual(expect.stringMatching(/^DIGEST_CRON: hour "25" is outside 0-23/));
    expect(problems).toContainEqual(expect.stringMatching(/^HOLIDAYS: .*2026-02-30, 30\/04\/2026/));
  });
});

describe('loadConfig: webhook and HTTP server', () => {
  const problemKeys = (env: Record<string, string>) => {
    const loaded = loadConfig(env);
    return loaded.ok ? [] : loaded.problems.map((problem) => problem.split(':')[0]).sort();
  };

  it('reads the webhook, its path and the port', () => {
    const loaded = loadConfig({
      WEBHOOK_URL: 'https://bot.example.org:8443/telegram/hook-1',
      WEBHOOK_SECRET: 'Abc_def-123',
      PORT: '8080',
    });

    expect(loaded.ok && loaded.config).toMatchObject({
      webhook: { url: 'https://bot.example.org:8443/telegram/hook-1', path: '/telegram/hook-1', secret: 'Abc_def-123' },
      port: 8080,
    });
  });

  it('takes "/" as the path of a URL without one', () => {
    const loaded = loadConfig({ WEBHOOK_URL: 'https://bot.example.org', WEBHOOK_SECRET: 's', PORT: '443' });

    expect(loaded.ok && loaded.config.webhook?.path).toBe('/');
  });

  it('serves /healthz and /metrics without a webhook when only PORT is set', () => {
    const loaded = loadConfig({ PORT: '9464' });

    expect(loaded.ok && loaded.config).toMatchObject({ webhook: undefined, port: 9464 });
  });

  it('names WEBHOOK_SECRET and PORT when WEBHOOK_URL is set without them, with the other bad keys', () => {
    expect(problemKeys({ WEBHOOK_URL: 'https://bot.example.org/hook' })).toEqual(['PORT', 'WEBHOOK_SECRET']);
    expect(problemKeys({ WEBHOOK_URL: 'https://bot.example.org/hook', PORT: '8080' })).toEqual(['WEBHOOK_SECRET']);
    expect(problemKeys({ WEBHOOK_URL: 'https://bot.example.org/hook', WEBHOOK_SECRET: 'x' })).toEqual(['PORT']);
    expect(problemKeys({ WEBHOOK_URL: 'https://bot.example.org/hook', TZ: 'Mars/Olympus' })).toEqual([
      'PORT',
      'TZ',
      'WEBHOOK_SECRET',
    ]);
    const loaded = loadConfig({ WEBHOOK_URL: 'https://bot.example.org/hook', PORT: '8080' });
    expect(loaded.ok ? [] : loaded.problems).toEqual(['WEBHOOK_SECRET: required when WEBHOOK_URL is set']);
  });

  it('refuses a webhook URL that is not https or not on a port Telegram posts to', () => {
    const base = { WEBHOOK_SECRET: 'secret', PORT: '8080' };

    expect(problemKeys({ ...base, WEBHOOK_URL: 'http://bot.example.org/hook' })).toEqual(['WEBHOOK_URL']);
    expect(problemKeys({ ...base, WEBHOOK_URL: 'https://bot.example.org:3000/hook' })).toEqual(['WEBHOOK_URL']);
    expect(problemKeys({ ...base, WEBHOOK_URL: 'not a url' })).toEqual(['WEBHOOK_URL']);
  });

  it('refuses a secret outside Telegram’s alphabet or length, and a port out of range', () => {
    const base = { WEBHOOK_URL: 'https://bot.example.org/hook' };

    expect(problemKeys({ ...base, WEBHOOK_SECRET: 'has space', PORT: '8080' })).toEqual(['WEBHOOK_SECRET']);
    expect(problemKeys({ ...base, WEBHOOK_SECRET: 'é', PORT: '8080' })).toEqual(['WEBHOOK_SECRET']);
    expect(problemKeys({ ...base, WEBHOOK_SECRET: 'a'.repeat(257), PORT: '8080' })).toEqual(['WEBHOOK_SECRET']);
    expect(problemKeys({ ...base, WEBHOOK_SECRET: 'a'.repeat(256), PORT: '8080' })).toEqual([]);
    for (const port of ['0', '65536', '80.5', 'http']) expect(problemKeys({ PORT: port })).toEqual(['PORT']);
    expect(problemKeys({ PORT: '65535' })).toEqual([]);
  });
});

describe('loadConfig: the commanders’ web app (issue 17)', () => {
  const problemKeys = (env: Record<string, string>) => {
    const loaded = loadConfig(env);
    return loaded.ok ? [] : loaded.problems.map((problem) => problem.split(':')[0]).sort();
  };

  it('is off without PUBLIC_URL, and on with it: the page at PUBLIC_URL + /app/, an hour of init data by default', () => {
    const off = loadConfig({ PORT: '8080', MINIAPP_SHORT_NAME: 'dashboard' });
    expect(off.ok && off.config.miniApp).toBeUndefined();

    const on = loadConfig({ PORT: '8080', PUBLIC_URL: 'https://bot.example.org/thidua/', MINIAPP_SHORT_NAME: 'bang' });
    expect(on.ok && on.config.miniApp).toEqual({
      url: 'https://bot.example.org/thidua/app/',
      shortName: 'bang',
      maxAgeSeconds: 3600,
    });
    const aged = loadConfig({ PORT: '8080', PUBLIC_URL: 'https://bot.example.org', MINIAPP_MAX_AGE: '600' });
    expect(aged.ok && aged.config.miniApp).toEqual({
      url: 'https://bot.example.org/app/',
      shortName: undefined,
      maxAgeSeconds: 600,
    });
  });

  it('needs PORT to serve it, https, a short name in BotFather’s alphabet and a sane maximum age', () => {
    expect(problemKeys({ PUBLIC_URL: 'https://bot.example.org' })).toEqual(['PORT']);
    expect(problemKeys({ PORT: '8080', PUBLIC_URL: 'http://bot.example.org' })).toEqual(['PUBLIC_URL']);
    expect(problemKeys({ PORT: '8080', PUBLIC_URL: 'not a url' })).toEqual(['PUBLIC_URL']);
    expect(problemKeys({ PORT: '8080', MINIAPP_SHORT_NAME: 'bảng điều khiển' })).toEqual(['MINIAPP_SHORT_NAME']);
    expect(problemKeys({ PORT: '8080', MINIAPP_MAX_AGE: '10' })).toEqual(['MINIAPP_MAX_AGE']);
    expect(problemKeys({ PORT: '8080', MINIAPP_MAX_AGE: 'soon' })).toEqual(['MINIAPP_MAX_AGE']);
  });
});

describe('empty values count as unset, for every key', () => {
  const defaults = loadConfig({});

  it.each(CONFIG_KEYS)('%s= (empty or blank) gives the default', (key) => {
    expect(loadConfig({ [key]: '' })).toEqual(defaults);
    expect(loadConfig({ [key]: '  ' })).toEqual(defaults);
  });

  it('an empty PORT with WEBHOOK_URL is named as missing, not as a bad number', () => {
    const loaded = loadConfig({ WEBHOOK_URL: 'https://bot.example.vn/hook', WEBHOOK_SECRET: 's', PORT: '' });
    expect(loaded.ok ? [] : loaded.problems).toEqual(['PORT: required when WEBHOOK_URL is set']);
  });

  it('.env.example and README name every key', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const key of CONFIG_KEYS) {
      expect(example, `.env.example: ${key}`).toMatch(new RegExp(`^#? ?${key}=`, 'm'));
      expect(readme, `README: ${key}`).toContain(`| \`${key}\` |`);
    }
  });
});

describe('mergeEnvFile: the env file under the environment', () => {
  it('never lets an empty line of the file undo a variable set in the environment (systemd’s PORT=%i)', () => {
    const merged = mergeEnvFile({ PORT: '8081' }, 'PORT=\nWEBHOOK_URL=https://bot.example.vn/hook\n');
    expect(merged.PORT).toBe('8081');
    expect(merged.WEBHOOK_URL).toBe('https://bot.example.vn/hook');
  });

  it('fills a variable that is empty in the environment, and keeps one set there over the file', () => {
    const merged = mergeEnvFile({ PORT: '', TZ: 'UTC' }, 'PORT=8082\nTZ=Asia/Ho_Chi_Minh\n# comment\nLOG_LEVEL=\n');
    expect(merged).toMatchObject({ PORT: '8082', TZ: 'UTC' });
    expect(merged.LOG_LEVEL).toBeUndefined();
  });

  it('ends, read by loadConfig, in a webhook on the unit’s port from an env file copied from .env.example', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8')
      .replace(/^BOT_TOKEN=$/m, 'BOT_TOKEN=123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ')
      .replace(/^WEBHOOK_URL=$/m, 'WEBHOOK_URL=https://bot.example.vn/telegram/hook')
      .replace(/^WEBHOOK_SECRET=$/m, 'WEBHOOK_SECRET=sesame');
    const loaded = loadConfig(mergeEnvFile({ PORT: '8081' }, example));
    expect(loaded.ok && loaded.config.port).toBe(8081);
  });
});

describe('parseEnvText', () => {
  it('reads an env file as dotenv does', () => {
    expect(
      parseEnvText(
        [
          '# a comment',
          'BOT_TOKEN=123:abc',
          'export TZ=UTC',
          'CAMPAIGN_NAME="Nụ cười chiến sĩ"',
          "HOLIDAYS='2026-04-30,2026-05-01'",
          'LOG_LEVEL=info # after the value',
          'PORT=',
          '  ADMIN_IDS = 1,2  ',
          'not a setting',
          'WEBHOOK_SECRET=a#b',
        ].join('\r\n'),
      ),
    ).toEqual({
      BOT_TOKEN: '123:abc',
      TZ: 'UTC',
      CAMPAIGN_NAME: 'Nụ cười chiến sĩ',
      HOLIDAYS: '2026-04-30,2026-05-01',
      LOG_LEVEL: 'info',
      PORT: '',
      ADMIN_IDS: '1,2',
      WEBHOOK_SECRET: 'a#b',
    });
  });

  it('reads .env.example as Node’s own parser does', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    expect(parseEnvText(example)).toEqual({ ...parseEnv(example) });
  });
});
