/** The slice of Telegram's `window.Telegram.WebApp` (telegram-web-app.js) the page uses. */
export interface TelegramWebApp {
  /** The signed query string the API checks; empty when the page is not opened from Telegram. */
  readonly initData: string;
  readonly initDataUnsafe: { readonly user?: { readonly language_code?: string }; readonly start_param?: string };
  readonly colorScheme: 'light' | 'dark';
  ready(): void;
  expand(): void;
  showConfirm?(message: string, callback: (confirmed: boolean) => void): void;
  openTelegramLink?(url: string): void;
  readonly BackButton?: { show(): void; hide(): void; onClick(callback: () => void): void };
  readonly HapticFeedback?: { notificationOccurred(type: 'error' | 'success' | 'warning'): void };
}

declare global {
  interface Window {
    Telegram?: { WebApp?: TelegramWebApp };
  }
}

/** Where first-calls.ts leaves the responses it started (the window property), and their shape. */
export const FIRST_CALLS = '__thiduaFirstCalls';
export interface FirstCalls {
  readonly me: Promise<Response>;
  readonly overview: Promise<Response>;
}

/** The calls first-calls.ts started, once: a second asker gets nothing and calls the API itself. */
export function takeFirstCalls(): FirstCalls | undefined {
  const holder = window as unknown as Record<string, FirstCalls | undefined>;
  const calls = holder[FIRST_CALLS];
  holder[FIRST_CALLS] = undefined;
  return calls;
}

/** Telegram's object, or undefined when the page was opened outside Telegram (or its script failed to load). */
export const telegramWebApp = (): TelegramWebApp | undefined => window.Telegram?.WebApp;

/** Asks for confirmation in Telegram's own dialog (the browser's outside Telegram). */
export function confirmAction(message: string): Promise<boolean> {
  const webApp = telegramWebApp();
  if (webApp?.showConfirm) return new Promise((resolve) => webApp.showConfirm!(message, resolve));
  return Promise.resolve(window.confirm(message));
}
