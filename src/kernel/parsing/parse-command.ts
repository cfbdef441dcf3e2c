/** The commands the bot handles, by their English canonical names. */
export const COMMAND_NAMES = [
  'log',
  'undo',
  'history',
  'me',
  'top',
  'metrics',
  'start',
  'help',
  'lang',
  'unit',
  'register',
  'role',
  'metric',
  'nominate',
  'reject',
  'nominations',
  'commendations',
  'decision',
  'certificate',
  'profile',
  'digest',
  'settings',
  'report',
  'target',
  'campaign',
  'model',
  'export',
  'chart',
  'dashboard',
  'whoami',
  'import',
  'link',
  'iam',
  'roster',
  'invite',
  'pledge',
  'flag',
  'review',
  'closeballot',
  'council',
  'titles',
  'paper',
] as const;

/** A canonical command name; Vietnamese aliases resolve to these. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Vietnamese aliases (without diacritics, since Telegram command names are ASCII) for each command. */
export const COMMAND_ALIASES: Readonly<Record<CommandName, readonly string[]>> = {
  log: ['ghi'],
  undo: ['hoantac'],
  history: ['lichsu'],
  me: ['toi'],
  top: ['bxh'],
  metrics: ['chitieu'],
  start: [],
  help: ['huongdan'],
  lang: ['ngonngu'],
  unit: ['donvi'],
  register: ['dangky'],
  role: ['vaitro'],
  metric: ['chitieumoi'],
  nominate: ['khen'],
  reject: ['tuchoi'],
  nominations: ['decu'],
  commendations: ['khenthuong'],
  decision: ['quyetdinh'],
  certificate: ['chungnhan'],
  profile: ['hoso'],
  digest: ['tonghop'],
  settings: ['caidat'],
  report: ['baocao'],
  target: ['muctieu'],
  campaign: ['phongtrao'],
  model: ['mohinh'],
  export: ['xuat'],
  chart: ['bieudo'],
  dashboard: ['bangdieukhien'],
  whoami: ['toilaai'],
  import: ['nhap'],
  link: ['lienket'],
  iam: ['toila'],
  roster: ['danhsach'],
  invite: ['moi'],
  pledge: ['dangkythidua'],
  flag: ['canhbao'],
  review: ['binhxet'],
  closeballot: ['dongphieu'],
  council: ['hoidong'],
  titles: ['danhhieu'],
  paper: ['vanban'],
};

// A Map, not an object, so names like "constructor" cannot resolve through the prototype.
const byName = new Map<string, CommandName>(
  COMMAND_NAMES.flatMap((name) => [name, ...COMMAND_ALIASES[name]].map((alias) => [alias, name] as const)),
);

/** Maps a command name or alias ("ghi", "LOG") to its canonical name, or undefined when the bot has no such command. */
export function resolveCommandName(name: string): CommandName | undefined {
  return byName.get(name.toLowerCase());
}

// Telegram command names are Latin letters, digits and underscores; the name must end at "@", whitespace or the end.
const COMMAND = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?=\s|$)/;

/**
 * Splits "/log@ThiDuaBot cccd 120" into name "log" and args "cccd 120"; undefined when the text is not a command
 * or is addressed to another bot (also when our own username is not known yet, since then no address can be confirmed).
 */
export function parseCommandText(text: string, botUsername: string): { name: string; args: string } | undefined {
  const match = COMMAND.exec(text);
  if (!match) return undefined;
  const [whole, name = '', addressee] = match;
  if (addressee !== undefined) {
    const ours = botUsername.replace(/^@/, '').toLowerCase();
    if (ours === '' || addressee.toLowerCase() !== ours) return undefined;
  }
  return { name: name.toLowerCase(), args: text.slice(whole.length).trim() };
}
