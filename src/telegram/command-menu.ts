import type { Locale } from '../domain/locale';
import { type TextKey, t } from '../texts/texts';
import type { Transport } from './transport';

const MENU: readonly { command: string; key: TextKey }[] = [
  { command: 'log', key: 'menu.log' },
  { command: 'undo', key: 'menu.undo' },
  { command: 'me', key: 'menu.me' },
  { command: 'top', key: 'menu.top' },
  { command: 'metrics', key: 'menu.metrics' },
  { command: 'help', key: 'menu.help' },
  { command: 'lang', key: 'menu.lang' },
];

const menuIn = (locale: Locale) => MENU.map(({ command, key }) => ({ command, description: t(locale, key) }));

/**
 * Publishes the "/" menu: the default language for everyone, English for English-speaking clients.
 * Returns the languages Telegram refused, so the caller can warn and go on.
 */
export async function publishCommandMenus(transport: Transport, defaultLocale: Locale): Promise<unknown[]> {
  const attempts: [Locale, string | undefined][] = [
    [defaultLocale, undefined],
    ['vi', 'vi'],
    ['en', 'en'],
  ];
  const failures: unknown[] = [];
  for (const [locale, languageCode] of attempts) {
    try {
      await transport.setMyCommands(menuIn(locale), languageCode);
    } catch (error) {
      failures.push(error);
    }
  }
  return failures;
}
