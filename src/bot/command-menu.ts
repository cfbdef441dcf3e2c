import { type TextKey, t } from '../i18n/texts';
import type { Locale } from '../kernel/locale';
import { COMMAND_ALIASES, type CommandName } from '../kernel/parsing/parse-command';
import type { CommandScope, Transport } from '../outbox/transport';

/** A menu line: the command, its description, and the description under its Vietnamese name when it differs. */
type MenuEntry = { readonly command: CommandName; readonly key: TextKey; readonly viKey?: TextKey };

/** What every member of a group does: log, look, nominate. */
const OFFICER_MENU: readonly MenuEntry[] = [
  { command: 'log', key: 'menu.log', viKey: 'menu.logVi' },
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
  { command: 'report', key: 'menu.report' },
  { command: 'chart', key: 'menu.chart' },
  { command: 'campaign', key: 'menu.campaign' },
  { command: 'help', key: 'menu.help' },
];

/** What a group's administrators (the unit's commanders, as a rule) do besides. */
const COMMANDER_ENTRIES: readonly MenuEntry[] = [
  { command: 'digest', key: 'menu.digest' },
  { command: 'export', key: 'menu.export' },
  { command: 'dashboard', key: 'menu.dashboard' },
  { command: 'settings', key: 'menu.settings' },
  { command: 'lang', key: 'menu.lang' },
];

const byCommand = new Map([...OFFICER_MENU, ...COMMANDER_ENTRIES].map((entry) => [entry.command, entry]));
const entriesOf = (commands: readonly CommandName[]): MenuEntry[] => commands.flatMap((c) => byCommand.get(c) ?? []);

/** Logging happens in groups; in private the bot offers what works there. */
const PRIVATE_MENU = entriesOf([
  'me',
  'history',
  'top',
  'metrics',
  'nominations',
  'commendations',
  'profile',
  'report',
  'chart',
  'export',
  'digest',
  'dashboard',
  'campaign',
  'help',
  'lang',
]);

const MENUS: readonly { scope: CommandScope; entries: readonly MenuEntry[] }[] = [
  { scope: 'all_group_chats', entries: OFFICER_MENU },
  { scope: 'all_chat_administrators', entries: [...OFFICER_MENU, ...COMMANDER_ENTRIES] },
  { scope: 'all_private_chats', entries: PRIVATE_MENU },
];

/**
 * A menu line in a language: Vietnamese users see the Vietnamese names the help teaches (/ghi, /khen, /baocao),
 * English users the English ones; both names work whichever the menu shows.
 */
function lineOf(entry: MenuEntry, locale: Locale): { command: string; description: string } {
  if (locale === 'en') return { command: entry.command, description: t(locale, entry.key) };
  return {
    command: COMMAND_ALIASES[entry.command][0] ?? entry.command,
    description: t(locale, entry.viKey ?? entry.key),
  };
}

/**
 * Publishes the "/" menus for group members, group administrators and private chats: in the default language for
 * every client, and in each language for clients set to it. Returns what Telegram refused, so the caller can warn
 * and go on.
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
      const commands = entries.map((entry) => lineOf(entry, locale));
      try {
        await transport.setMyCommands(commands, scope, languageCode);
      } catch (error) {
        refused.push(error);
      }
    }
  }
  return refused;
}
