import { foldText } from '../../kernel/fold';
import { parseAmount } from '../../kernel/parsing/parse-amount';
import type { ParseError } from '../../kernel/parsing/parse-error';
import { restFrom, tokenize } from '../../kernel/parsing/tokens';
import { err, ok, type Result } from '../../kernel/result';
import { checkAliasShape, checkUnitName } from './validate-names';

const UNIT_CODE = /^[A-Za-z0-9_-]{1,32}$/;
const METRIC_CODE = /^[a-z0-9]{1,24}$/;

/** A parsed /unit: add a unit under an optional parent, list the tree, rename, move or retire a unit. */
export type UnitArgs =
  | { kind: 'add'; code: string; name: string; parentCode?: string }
  | { kind: 'list' }
  | { kind: 'rename'; code: string; name: string }
  | { kind: 'move'; code: string; parentCode: string }
  | { kind: 'retire'; code: string };

/** A parsed /metric: add a metric, give one another name, set its per-entry maximum, or retire it. */
export type MetricArgs =
  | { kind: 'add'; code: string; nameVi: string; nameEn?: string; countUnit?: string }
  | { kind: 'alias'; code: string; alias: string }
  | { kind: 'max'; code: string; max: number }
  | { kind: 'retire'; code: string };

// Sub-command words, folded: English first, then Vietnamese without accents.
const UNIT_ACTIONS: ReadonlyMap<string, UnitArgs['kind']> = new Map([
  ['add', 'add'],
  ['them', 'add'],
  ['list', 'list'],
  ['ds', 'list'],
  ['rename', 'rename'],
  ['doiten', 'rename'],
  ['move', 'move'],
  ['chuyen', 'move'],
  ['retire', 'retire'],
  ['ngung', 'retire'],
]);

/** The role /role assigns; an officer is anyone without a stored role. */
export type AssignableRole = 'commander' | 'officer';

/** The first word, folded, so "Add", "THÊM" and "them" all name the same sub-command. */
const subcommand = (word: string | undefined) => (word === undefined ? '' : foldText(word));

/**
 * Parses "/unit add CODE name… [parent=CODE]", "/unit list", "/unit rename CODE name…", "/unit move CODE parent=CODE"
 * or "/unit retire CODE"; "parent=" may stand anywhere after the code. Names are at most MAX_UNIT_NAME_CHARS.
 */
export function parseUnitArgs(args: string): Result<UnitArgs, ParseError> {
  const tokens = tokenize(args);
  const action = UNIT_ACTIONS.get(subcommand(tokens[0]?.text));
  if (action === undefined) return err({ kind: 'unit.usage' });
  if (action === 'list') return tokens.length === 1 ? ok({ kind: 'list' }) : err({ kind: 'unit.usage' });
  const codeWord = tokens[1]?.text;
  if (codeWord === undefined) return err({ kind: 'unit.usage' });
  if (!UNIT_CODE.test(codeWord)) return err({ kind: 'unit.badCode', code: codeWord });
  const code = codeWord.toUpperCase();
  if (action === 'retire') return tokens.length === 2 ? ok({ kind: 'retire', code }) : err({ kind: 'unit.usage' });

  let parentCode: string | undefined;
  const nameWords: string[] = [];
  for (const { text } of tokens.slice(2)) {
    const parent = /^parent=(.*)$/isu.exec(text);
    if (!parent) {
      nameWords.push(text);
      continue;
    }
    const value = parent[1]!;
    if (parentCode !== undefined || value === '' || action === 'rename') return err({ kind: 'unit.usage' });
    if (!UNIT_CODE.test(value)) return err({ kind: 'unit.badCode', code: value });
    parentCode = value.toUpperCase();
  }
  if (action === 'move') {
    return parentCode !== undefined && nameWords.length === 0
      ? ok({ kind: 'move', code, parentCode })
      : err({ kind: 'unit.usage' });
  }
  const checked = checkUnitName(nameWords.join(' '));
  if (!checked.ok) return checked;
  const name = checked.value;
  if (action === 'rename') return ok({ kind: 'rename', code, name });
  return ok(parentCode === undefined ? { kind: 'add', code, name } : { kind: 'add', code, name, parentCode });
}

/** Parses "/register CODE": exactly one unit code. */
export function parseRegisterArgs(args: string): Result<{ code: string }, ParseError> {
  const tokens = tokenize(args);
  const code = tokens[0]?.text;
  if (code === undefined || tokens.length > 1) return err({ kind: 'register.usage' });
  if (!UNIT_CODE.test(code)) return err({ kind: 'unit.badCode', code });
  return ok({ code: code.toUpperCase() });
}

// Folded, spaces removed: "chi huy" with or without accents, "chihuy" and "Chi Huy" are one word here.
const ROLE_WORDS: ReadonlyMap<string, AssignableRole> = new Map([
  ['commander', 'commander'],
  ['chihuy', 'commander'],
  ['officer', 'officer'],
  ['canbo', 'officer'],
  ['chiensi', 'officer'],
]);

/**
 * Parses "/role commander" or "/role chi huy" (accents optional). The person comes from the reply or mention entities, so @usernames are
 * skipped and words after the role are ignored: a mention of someone without a username arrives as their plain name.
 */
export function parseRoleArgs(args: string): Result<{ role: AssignableRole }, ParseError> {
  const words = tokenize(args)
    .map((token) => token.text)
    .filter((word) => !word.startsWith('@'))
    .map(foldText);
  for (const length of [2, 1]) {
    const role = words.length >= length ? ROLE_WORDS.get(words.slice(0, length).join('')) : undefined;
    if (role) return ok({ role });
  }
  return err({ kind: 'role.usage' });
}

/** The metric code as stored (lower case), or the error quoting what was typed. */
function metricCode(word: string): Result<string, ParseError> {
  const code = word.toLowerCase();
  return METRIC_CODE.test(code) ? ok(code) : err({ kind: 'metric.badCode', code: word });
}

/**
 * Parses "/metric add code name… [| English name] [| unit of count]", "/metric alias code alias…",
 * "/metric max code n" or "/metric retire code"; the "|" fields let names hold spaces without quoting.
 */
export function parseMetricArgs(args: string): Result<MetricArgs, ParseError> {
  const tokens = tokenize(args);
  const action = subcommand(tokens[0]?.text);
  const codeWord = tokens[1]?.text;
  if (codeWord === undefined || !['add', 'them', 'alias', 'max', 'retire', 'ngung'].includes(action))
    return err({ kind: 'metric.usage' });
  const code = metricCode(codeWord);
  if (!code.ok) return code;
  const rest = restFrom(args, tokens, 2);

  if (action === 'retire' || action === 'ngung') {
    return tokens.length === 2 ? ok({ kind: 'retire', code: code.value }) : err({ kind: 'metric.usage' });
  }

  if (action === 'max') {
    const maxWord = tokens[2]?.text;
    if (maxWord === undefined || tokens.length > 3) return err({ kind: 'metric.usage' });
    const max = parseAmount(maxWord);
    // Infinity (over 15 digits) is refused too: a maximum must be a number the database stores exactly.
    if (!max.ok || !Number.isSafeInteger(max.value)) return err({ kind: 'metric.badMax', max: maxWord });
    return ok({ kind: 'max', code: code.value, max: max.value });
  }
  if (action === 'alias') {
    // Collisions with other codes and aliases need the catalog: the caller checks them with checkNewAlias.
    const alias = checkAliasShape(rest);
    return alias.ok ? ok({ kind: 'alias', code: code.value, alias: alias.value.display }) : alias;
  }
  const fields = rest.split('|').map((field) => field.trim().replace(/\s+/g, ' '));
  const [nameVi = '', nameEn = '', countUnit = ''] = fields;
  if (nameVi === '' || fields.length > 3) return err({ kind: 'metric.usage' });
  return ok({
    kind: 'add',
    code: code.value,
    nameVi,
    ...(nameEn === '' ? {} : { nameEn }),
    ...(countUnit === '' ? {} : { countUnit }),
  });
}
