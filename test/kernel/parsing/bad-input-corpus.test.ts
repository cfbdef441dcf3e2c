import { describe, expect, it } from 'vitest';
import {
  parseMetricArgs,
  parseRegisterArgs,
  parseRoleArgs,
  parseUnitArgs,
} from '../../../src/features/admin/parse-admin';
import { parseTopArgs } from '../../../src/features/boards/parse-top';
import { parseLangArgs } from '../../../src/features/settings/parse-settings';
import { checkLogDay } from '../../../src/features/tally/log-rules';
import { parseLogArgs } from '../../../src/features/tally/parse-log';
import { errorText } from '../../../src/i18n/error-text';
import { parseCommandText, resolveCommandName } from '../../../src/kernel/parsing/parse-command';
import { seedCatalog } from '../../helpers/metric-catalog';
import { decodeCorpusLine, readBadInputCorpus } from './bad-input-corpus';

const BOT = 'ThiDuaBot';
const catalog = seedCatalog();
const corpus = readBadInputCorpus();
const commands = corpus.flatMap((message) => {
  const command = parseCommandText(message.text, BOT);
  const name = command && resolveCommandName(command.name);
  return command && name ? [{ ...message, name, args: command.args }] : [];
});
const logs = commands.filter((command) => command.name === 'log');

// Days far apart, around the campaign, and the edges of years (leap and not); windows of officers and commanders.
const TODAYS = ['2026-11-24', '2026-12-02', '2027-01-02', '2028-02-29', '2026-03-01'];
const WINDOWS = [
  { backdateDays: 7, commanderBackdateDays: 366 },
  { backdateDays: 366, commanderBackdateDays: 366 },
];

describe('the bad-input corpus', () => {
  it('holds at least 300 messages, 250 of them /log commands to this bot', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    expect(logs.length).toBeGreaterThanOrEqual(250);
  });

  it.each([
    ['a\\nb\\tc\\\\d', 'a\nb\tc\\d'],
    ['\\u{200B}x\\u{1F46E}', '\u200bx\u{1f46e}'],
    ['\\repeat{3}{ab}', 'ababab'],
    ['\\repeat{2}{\\u{200B}}!', '\u200b\u200b!'],
    ['\\\\u{41}', '\\u{41}'],
  ])('decodes %j', (line, text) => {
    expect(decodeCorpusLine(line)).toBe(text);
  });

  it('has no message left undecoded or cut', () => {
    for (const { text, line } of corpus) {
      expect(text, `line ${line}`).not.toMatch(/\\(?:u\{|repeat\{)/);
      expect([...text].length, `line ${line}`).toBeLessThanOrEqual(4096);
    }
  });
});

describe.each(TODAYS)('every /log of the corpus on %s', (today) => {
  it.each(WINDOWS)('is refused, without throwing, with a text that fits in a message (%o)', (window) => {
    const accepted: string[] = [];
    for (const { line, args } of logs) {
      const result = parseLogArgs(args, { catalog, today });
      // Refused by the parse, or by the day's rule the /log use case applies after it.
      const refusal = result.ok ? checkLogDay(result.value.day, today, window) : result.error;
      if (!refusal) {
        accepted.push(`line ${line}: ${JSON.stringify(args.slice(0, 60))}`);
        continue;
      }
      for (const locale of ['vi', 'en'] as const) {
        expect(errorText(locale, refusal).length, `line ${line}`).toBeLessThan(1024);
      }
    }
    expect(accepted).toEqual([]);
  });
});

describe('the other commands of the corpus', () => {
  it('never make a parser throw', () => {
    const parsers: Record<string, (args: string) => unknown> = {
      unit: parseUnitArgs,
      metric: parseMetricArgs,
      register: parseRegisterArgs,
      role: parseRoleArgs,
      lang: parseLangArgs,
      top: (args) => parseTopArgs(args, catalog),
    };
    for (const { name, args, line } of commands) {
      expect(() => parsers[name]?.(args), `line ${line}`).not.toThrow();
    }
  });
});
