import { describe, expect, it } from 'vitest';
import type { BotServices, CommandHandler, Feature } from '../../src/bot/context';
import { RegistryError, registryOf } from '../../src/bot/registry';
import { featureRegistry } from '../../src/features';
import { COMMAND_NAMES, type CommandName } from '../../src/kernel/parsing/parse-command';

const handler: CommandHandler = async () => {};
/** One feature handling every command but `except`. */
const allCommands = (except: readonly CommandName[] = []): Feature => ({
  commands: Object.fromEntries(COMMAND_NAMES.filter((name) => !except.includes(name)).map((name) => [name, handler])),
});

function problemsOf(features: readonly Feature[]): readonly string[] {
  try {
    registryOf(features);
    return [];
  } catch (error) {
    if (error instanceof RegistryError) return error.problems;
    throw error;
  }
}

describe('registryOf', () => {
  it('gathers commands, buttons with their records, edits and hooks', () => {
    const record = async () => true;
    const registry = registryOf([
      allCommands(),
      { callbacks: { nom: async () => {} }, buttonRecords: { nom: record }, afterSent: { card: async () => {} } },
      { callbacks: { undo: async () => {} }, edits: async () => {} },
    ]);
    expect([...registry.commands.keys()]).toEqual([...COMMAND_NAMES]);
    expect(registry.buttons.get('nom')?.record).toBe(record);
    expect(registry.buttons.get('undo')?.record).toBeUndefined();
    expect(registry.edits).toHaveLength(1);
    expect(Object.keys(registry.afterSent)).toEqual(['card']);
  });

  it('refuses a command without a handler, and names it', () => {
    expect(problemsOf([allCommands(['profile', 'log'])])).toEqual(['/log has no handler', '/profile has no handler']);
  });

  it('refuses a command with two handlers, a prefix or a hook claimed twice, and a record without its handler', () => {
    expect(
      problemsOf([
        allCommands(),
        { commands: { profile: handler }, callbacks: { nom: async () => {} }, afterSent: { card: async () => {} } },
        {
          callbacks: { nom: async () => {} },
          afterSent: { card: async () => {} },
          buttonRecords: { reg: async () => true },
        },
      ]),
    ).toEqual([
      '/profile has two handlers',
      'the button prefix "nom" has two handlers',
      'the button record "reg" has no handler beside it',
      'the after-sent hook "card" is claimed twice',
    ]);
  });

  it('fits the bot’s own features together: every command handled once', () => {
    const services = { config: {}, db: {}, clock: {}, logger: {}, directory: {} } as unknown as BotServices;
    const registry = featureRegistry(services);
    expect(registry.commands.size).toBe(COMMAND_NAMES.length);
    expect([...registry.buttons.keys()].sort()).toEqual([
      'help',
      'hist',
      'iam',
      'imp',
      'lnk',
      'nom',
      'reg',
      'regkeep',
      'regpick',
      'undo',
      'yb',
    ]);
  });
});
