import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium (.ci/run installs it); playwright-core drives it and downloads nothing. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ROOT = resolve(import.meta.dirname, '../..');
export const TELEGRAM_SCRIPT = 'https://telegram.org/js/telegram-web-app.js';

/**
 * Whether the browser tests can run. Without chromium they are skipped with a message on a developer's machine, and
 * fail under CI=true, where .ci/run must have installed it.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)`);
  console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium runs them)`);
  return false;
}

/** Builds the page with scripts/build-app.mjs into a fresh folder; returns it and the build's output. */
export function buildApp(): { dir: string; output: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-app-'));
  const outdir = join(dir, 'app');
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-app.mjs'), '--outdir', outdir], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build-app failed: ${build.stderr}${build.stdout}`);
  return { dir: outdir, output: build.stdout, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Chromium with a profile of its own, deleted on close. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'thidua-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 390, height: 844 },
    locale: 'vi-VN',
    deviceScaleFactor: 1,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Telegram's themes as its clients send themeParams (light, and the dark one of Telegram Web). */
export const THEMES = {
  light: {
    bg_color: '#ffffff',
    text_color: '#000000',
    hint_color: '#707579',
    link_color: '#3390ec',
    button_color: '#3390ec',
    button_text_color: '#ffffff',
    secondary_bg_color: '#f4f4f5',
    header_bg_color: '#ffffff',
    accent_text_color: '#3390ec',
    section_bg_color: '#ffffff',
    destructive_text_color: '#e53935',
  },
  dark: {
    bg_color: '#212121',
    text_color: '#ffffff',
    hint_color: '#aaaaaa',
    link_color: '#8774e1',
    button_color: '#8774e1',
    button_text_color: '#ffffff',
    secondary_bg_color: '#0f0f0f',
    header_bg_color: '#212121',
    accent_text_color: '#8774e1',
    section_bg_color: '#212121',
    destructive_text_color: '#ff595a',
  },
} as const;
export type ThemeName = keyof typeof THEMES;

/**
 * A stand-in for telegram-web-app.js: window.Telegram.WebApp with the given init data, the theme's CSS variables
 * as Telegram's script sets them, and a record of what the page asked of Telegram (window.__telegram).
 */
function telegramStub(initData: string, theme: ThemeName): string {
  const settings = JSON.stringify({ initData, theme, themeParams: THEMES[theme] });
  return `(() => {
  const settings = ${settings};
  const calls = (window.__telegram = []);
  const style = document.documentElement.style;
  for (const [key, value] of Object.entries(settings.themeParams)) style.setProperty('--tg-theme-' + key.replace(/_/g, '-'), value);
  const params = new URLSearchParams(settings.initData);
  let user;
  try { user = JSON.parse(params.get('user')); } catch {}
  window.Telegram = { WebApp: {
    initData: settings.initData,
    initDataUnsafe: { user, start_param: params.get('start_param') || undefined },
    colorScheme: settings.theme,
    themeParams: settings.themeParams,
    ready: () => calls.push(['ready']),
    expand: () => calls.push(['expand']),
    showConfirm: (message, callback) => { calls.push(['showConfirm', message]); setTimeout(() => callback(true), 0); },
    openTelegramLink: (url) => calls.push(['openTelegramLink', url]),
    BackButton: { show: () => calls.push(['BackButton.show']), hide: () => {}, onClick: (callback) => { window.__back = callback; } },
    HapticFeedback: { notificationOccurred: (type) => calls.push(['haptic', type]) },
  } };
})();`;
}

export interface OpenedApp {
  readonly page: Page;
  /** Uncaught exceptions and console errors in the page, but the browser's note of each 4xx answer (a test expects none). */
  readonly errors: string[];
  /** Every URL the page asked for, its own and others. */
  readonly requests: string[];
  /** What the page asked of Telegram's object, in order. */
  telegramCalls(): Promise<unknown[][]>;
}

/** Opens the app as Telegram would: the stubbed script carrying `initData`, the theme, a phone's screen. */
export async function openApp(
  context: BrowserContext,
  options: { url: string; initData: string; theme?: ThemeName; hash?: string },
): Promise<OpenedApp> {
  return openAppIn(await context.newPage(), options);
}

/** The same, in a page made by the caller (the benchmark throttles it first). */
export async function openAppIn(
  page: Page,
  options: { url: string; initData: string; theme?: ThemeName; hash?: string },
): Promise<OpenedApp> {
  const theme = options.theme ?? 'light';
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  await page.emulateMedia({ colorScheme: theme });
  await page.route(TELEGRAM_SCRIPT, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: telegramStub(options.initData, theme) }),
  );
  // Telegram opens the page with its launch parameters in the fragment (which its script reads); a test may open a
  // page of the app instead, as a reload would.
  const launch = new URLSearchParams({
    tgWebAppData: options.initData,
    tgWebAppVersion: '8.0',
    tgWebAppPlatform: 'android',
    tgWebAppThemeParams: JSON.stringify(THEMES[theme]),
  });
  await page.goto(`${options.url}/app/${options.hash ?? (options.initData ? `#${launch}` : '')}`);
  return {
    page,
    errors,
    requests,
    telegramCalls: () => page.evaluate<unknown[][]>('window.__telegram'),
  };
}
