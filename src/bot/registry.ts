import { COMMAND_NAMES, type CommandName } from '../kernel/parsing/parse-command';
import type { AfterSent } from '../outbox/sender';
import type {
  ButtonRecord,
  CallbackHandler,
  CommandHandler,
  DocumentWanted,
  EditHandler,
  Feature,
  SeenHandler,
} from './context';

/** A button kind: its handler, and the feature's own record of its messages when the outbox's is not enough. */
export interface ButtonKind {
  readonly handle: CallbackHandler;
  readonly record?: ButtonRecord;
}

/** Every feature's commands, buttons, edit handlers and after-sent hooks, gathered once and checked. */
export interface FeatureRegistry {
  readonly commands: ReadonlyMap<CommandName, CommandHandler>;
  /** By callback data prefix (the data up to its first ":"). */
  readonly buttons: ReadonlyMap<string, ButtonKind>;
  readonly edits: readonly EditHandler[];
  readonly afterSent: Readonly<Record<string, AfterSent>>;
  /** Commands that read a document, and when they want it fetched. */
  readonly documents: ReadonlyMap<CommandName, DocumentWanted>;
  /** Told of the person behind every message. */
  readonly seen: readonly SeenHandler[];
}

/** Thrown at start when the features do not fit together; names every problem. */
export class RegistryError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the features do not fit together: ${problems.join('; ')}`);
    this.name = 'RegistryError';
  }
}

/**
 * Gathers the features into one registry. Refuses (RegistryError) a command with no handler or with two, a callback
 * prefix or an after-sent hook claimed twice, and a button record for a prefix nobody handles.
 */
export function registryOf(features: readonly Feature[]): FeatureRegistry {
  const problems: string[] = [];
  const commands = new Map<CommandName, CommandHandler>();
  const buttons = new Map<string, ButtonKind>();
  const afterSent: Record<string, AfterSent> = {};
  const documents = new Map<CommandName, DocumentWanted>();
  for (const feature of features) {
    for (const [name, wanted] of Object.entries(feature.documents ?? {}) as [CommandName, DocumentWanted][]) {
      documents.set(name, wanted);
    }
    for (const [name, handler] of Object.entries(feature.commands ?? {}) as [CommandName, CommandHandler][]) {
      if (commands.has(name)) problems.push(`/${name} has two handlers`);
      commands.set(name, handler);
    }
    for (const [prefix, handle] of Object.entries(feature.callbacks ?? {})) {
      if (buttons.has(prefix)) problems.push(`the button prefix "${prefix}" has two handlers`);
      buttons.set(prefix, { handle, record: feature.buttonRecords?.[prefix] });
    }
    for (const prefix of Object.keys(feature.buttonRecords ?? {})) {
      if (!feature.callbacks?.[prefix]) problems.push(`the button record "${prefix}" has no handler beside it`);
    }
    for (const [kind, hook] of Object.entries(feature.afterSent ?? {})) {
      if (Object.hasOwn(afterSent, kind)) problems.push(`the after-sent hook "${kind}" is claimed twice`);
      afterSent[kind] = hook;
    }
  }
  for (const name of COMMAND_NAMES) if (!commands.has(name)) problems.push(`/${name} has no handler`);
  if (problems.length > 0) throw new RegistryError(problems);
  return {
    commands,
    buttons,
    edits: features.flatMap((feature) => (feature.edits ? [feature.edits] : [])),
    afterSent,
    documents,
    seen: features.flatMap((feature) => (feature.seen ? [feature.seen] : [])),
  };
}
