import { type TextKey, t } from '../i18n/texts';
import type { Locale } from '../kernel/locale';
import type { CommandScope, Transport } from '../outbox/transport';

type MenuEntry = { readonly command: string; readonly key: TextKey };

const GROUP_MENU: readonly MenuEntry[] = [
  { command: 'log', key: 'menu.log' },
  { command: 'undo', key: 'menu.undo' },
  { command: 'history', key: 'menu.history' },
  { command: 'me', key: 'menu.me' },
  { command: 'top', key: 'menu.top' },
  { command: 'metrics', key: 'menu.metrics' },
  { command: 'nominate', key: 'menu.nominate' },
  { command: 'nominations', key: 'menu.nominations' },
  { command: 'commendations', key: 'menu.commendations' },
  { command: 'pledge', key: 'menu.pledge' },
  { command: 'review', key: 'menu.review' },
  { command: 'profile', key: 'menu.profile' },
  { command: 'digest', key: 'menu.digest' },
  { command: 'report', key: 'menu.report' },
  { command: 'chart', key: 'menu.chart' },
  { command: 'export', key: 'menu.export' },
  { command: 'dashboard', key: 'menu.dashboard' },
  { command: 'campaign', key: 'menu.campaign' },
  { command: 'settings', key: 'menu.settings' },
  { command: 'help', key: 'menu.help' },
  { command: 'lang', key: 'menu.lang' },
];

/** Logging happens in groups; in private the bot offers what works there. */
const PRIVATE_MENU: readonly MenuEntry[] = GROUP_MENU.filter(
  (entry) => !['log', 'undo', 'top', 'settings', 'pledge', 'review'].includes(entry.command),
);

const MENUS: readonly { scope: CommandScope; entries: readonly MenuEntry[] }[] = [
  { scope: 'all_group_chats', entries: GROUP_MENU },
  { scope: 'all_private_chats', entries: PRIVATE_MENU },
];

/**
 * Publishes the "/" menus for groups and private chats: in the default language for every client, and in each
 * language for clients set to it. Returns what Telegram refused, so the caller can warn and go on.
 */
export async function publishCommandMenus(transport: Transport, defaultLocale: Locale): Promise<unknown[]> {
  const languages: [Locale, string | undefined][] = [
    [defaultLocale, undefined],
    ['vi', 'vi'],
    ['en', 'en'],
  ];
  const refused: unknown[] = [];
  for (const { scope, entries } of MENUS) {
    for (const [locale, languageCode] of languages) {
      const commands = entries.map(({ command, key }) => ({ command, description: t(locale, key) }));
      try {
        await transport.setMyCommands(commands, scope, languageCode);
      } catch (error) {
        refused.push(error);
      }
    }
  }
  return refused;
}
