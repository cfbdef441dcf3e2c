import { AliasNode, type KyselyPlugin, type OperationNode, type RootOperationNode, TableNode } from 'kysely';
import type { MetricCatalog } from '../kernel/metric';
import { createUnitTree, type UnitTree } from '../kernel/units';
import { type CacheName, cacheVersions } from '../storage/cache-version-store';
import type { Db } from '../storage/schema';
import { type ChatSettings, findChat } from './chat-store';
import { findRosterPlacement, type MemberProfile, type RosterPlacement, upsertMember } from './member-store';
import { loadMetricCatalog } from './metric-store';
import { findRoles } from './role-store';
import { loadUnits } from './unit-store';

/** What a person may do: bot admin, and the units they command. */
export interface Authority {
  readonly admin: boolean;
  readonly commanderOf: readonly number[];
}

/**
 * Read-mostly lookups the hot path needs on every update (catalog, unit tree, chat settings, members),
 * cached in this process. A change this process makes through a unit of work's handle (`within(trx).db`) drops the
 * caches of the table it writes, when it writes and again at commit: no caller has to say what it changed. Changes
 * made by other processes on the same database (replicas, CLIs) are noticed through cache_versions (moved by
 * triggers in the changing transaction, migration 0012), read at most once every `versionCheckMs`: a cache whose
 * version moved is dropped.
 */
export interface Directory {
  metrics(): Promise<MetricCatalog>;
  units(): Promise<UnitTree>;
  chat(chatId: number): Promise<ChatSettings | undefined>;
  authority(userId: number): Promise<Authority>;
  /** Where the roster puts the person linked to the account (undefined: not linked), as a /log needs it. */
  rosterPlacement(userId: number): Promise<RosterPlacement | undefined>;
  /** True when the person may act for the unit: admin, or commander of it or of a unit above it. */
  commands(userId: number, unitId: number): Promise<boolean>;
  /** Stores the member when first seen or when their name or unit changed. */
  rememberMember(member: MemberProfile, unitId: number | null, now: Date): Promise<void>;
  /** Drops a cache; for a write made behind the directory's back (a test writing the table itself). */
  forget(what: CacheName): void;
  /**
   * The same caches, reading and writing through `db` (an update's transaction) on a miss, and `db` watched: the
   * unit of work writes through the returned `db`, and every insert, update or delete of a cached table drops that
   * cache (CACHES_OF_TABLE). What the view reads or stores joins the shared caches only once told `committed`, and
   * what it forgot is forgotten again then: a transaction sees its own uncommitted writes (and on SQLite those of the
   * updates sharing its group commit), and one rolled back (a lost connection, a busy retry, a failed commit) must
   * leave nothing cached, or a unit, a role, a metric or a member that is not in the database would stay cached
   * until the next change.
   */
  within(db: Db): Directory & { readonly db: Db; committed(): void };
}

/**
 * The caches each table feeds: the tables migrations 0012's and 0019's triggers watch (test/directory checks they
 * agree), and chats for the units too, whose tree counts each unit's groups. A chat's cached settings hold its
 * group's confirmation mode (group_settings); `people` is the roster's placement of linked accounts.
 */
export const CACHES_OF_TABLE: ReadonlyMap<string, readonly CacheName[]> = new Map([
  ['units', ['units']],
  ['metrics', ['metrics']],
  ['metric_aliases', ['metrics']],
  ['roles', ['roles']],
  ['chats', ['chats', 'units']],
  ['group_settings', ['chats']],
  ['people', ['people']],
]);

const tableOf = (node: OperationNode | undefined): string | undefined =>
  node === undefined
    ? undefined
    : TableNode.is(node)
      ? node.table.identifier.name
      : AliasNode.is(node)
        ? tableOf(node.node)
        : undefined;

/** The table a statement writes, if it writes one. */
function writtenTable(node: RootOperationNode): string | undefined {
  if (node.kind === 'InsertQueryNode') return tableOf(node.into);
  if (node.kind === 'UpdateQueryNode') return tableOf(node.table);
  if (node.kind === 'DeleteQueryNode') return tableOf(node.from.froms[0]);
  return undefined;
}

/** A Kysely plugin telling `changed` which caches each write statement touches, as it is about to run. */
const watchingWrites = (changed: (cache: CacheName) => void): KyselyPlugin => ({
  transformQuery({ node }) {
    const table = writtenTable(node);
    for (const cache of (table && CACHES_OF_TABLE.get(table)) || []) changed(cache);
    return node;
  },
  transformResult: async ({ result }) => result,
});

interface Caches {
  metrics: Promise<MetricCatalog> | undefined;
  units: Promise<UnitTree> | undefined;
  readonly chats: Map<number, ChatSettings | undefined>;
  readonly roles: Map<number, Authority>;
  readonly people: Map<number, RosterPlacement | undefined>;
  readonly members: Map<number, string>;
  /** The versions of the caches as last read, and when (a monotonic time in ms); a read under way. */
  readonly versions: Map<string, number>;
  checkedAt: number;
  checking: Promise<void> | undefined;
  /** Moved whenever a cache is dropped: a load that began before a drop does not fill the cache after it. */
  generation: number;
}

/** A value read through a transaction, and the caches' generation when its read began. */
interface Held<T> {
  readonly value: T;
  readonly generation: number;
}

/** What one transaction's view read, stored and forgot: the shared caches take it once the transaction commits. */
interface Pending {
  metrics: Held<MetricCatalog> | undefined;
  units: Held<UnitTree> | undefined;
  readonly chats: Map<number, Held<ChatSettings | undefined>>;
  readonly roles: Map<number, Held<Authority>>;
  readonly people: Map<number, Held<RosterPlacement | undefined>>;
  readonly members: Map<number, string>;
  /** The caches it changed: read through the transaction alone from then on (its own writes). */
  readonly forgotten: Set<CacheName>;
  /**
   * The cache versions it read, recorded once it commits: they may be its own change's (or its group commit's),
   * and recorded before, one rolled back would hide the next change made elsewhere (the same version, committed).
   */
  readonly versions: Map<string, number>;
}

function pending(): Pending {
  return {
    metrics: undefined,
    units: undefined,
    chats: new Map(),
    roles: new Map(),
    people: new Map(),
    members: new Map(),
    forgotten: new Set(),
    versions: new Map(),
  };
}

/** What the directory reads of the settings: the admins named in ADMIN_IDS. */
export interface DirectorySettings {
  readonly adminIds: readonly number[];
  /** How often the cache versions are read: at most this often, on use. Default 1 s (changes show within 2 s). */
  readonly versionCheckMs?: number;
  /** A monotonic clock in ms (tests). */
  readonly monotonicMs?: () => number;
}

/** Changes made elsewhere take effect here within twice this. */
export const VERSION_CHECK_MS = 1000;

export function createDirectory(db: Db, config: DirectorySettings): Directory {
  return directoryOver(db, config, {
    metrics: undefined,
    units: undefined,
    chats: new Map(),
    roles: new Map(),
    people: new Map(),
    members: new Map(),
    versions: new Map(),
    checkedAt: Number.NEGATIVE_INFINITY,
    checking: undefined,
    generation: 0,
  });
}

function drop(caches: Caches | Pending, what: CacheName): void {
  if ('generation' in caches) caches.generation += 1;
  if (what === 'metrics') caches.metrics = undefined;
  if (what === 'units') caches.units = undefined;
  if (what === 'chats') caches.chats.clear();
  if (what === 'roles') caches.roles.clear();
  if (what === 'people') caches.people.clear();
}

/**
 * A transaction's view committed: what it changed is dropped again (a read elsewhere between its change and its
 * commit saw the old state), then what it read joins the caches, unless a cache was dropped since that read began.
 */
function commit(caches: Caches, view: Pending): void {
  const generation = caches.generation;
  const current = <T>(held: Held<T> | undefined): held is Held<T> => held?.generation === generation;
  for (const name of view.forgotten) drop(caches, name);
  if (current(view.metrics)) caches.metrics ??= Promise.resolve(view.metrics.value);
  if (current(view.units)) caches.units ??= Promise.resolve(view.units.value);
  for (const [chatId, held] of view.chats)
    if (current(held) && !caches.chats.has(chatId)) caches.chats.set(chatId, held.value);
  for (const [userId, held] of view.roles)
    if (current(held) && !caches.roles.has(userId)) caches.roles.set(userId, held.value);
  for (const [userId, held] of view.people)
    if (current(held) && !caches.people.has(userId)) caches.people.set(userId, held.value);
  for (const [userId, fingerprint] of view.members) caches.members.set(userId, fingerprint);
  for (const [name, version] of view.versions) caches.versions.set(name, version);
}

const CACHE_NAMES: readonly CacheName[] = ['metrics', 'units', 'chats', 'roles', 'people'];

/** `view`: a transaction's, holding what it reads and stores there until it commits; none outside a transaction. */
function directoryOver(db: Db, config: DirectorySettings, caches: Caches, view?: Pending): Directory {
  const { chats, roles, people, members } = caches;
  const checkEvery = config.versionCheckMs ?? VERSION_CHECK_MS;
  const monotonic = config.monotonicMs ?? (() => performance.now());

  /** Drops the caches another process changed since the last look, looking at most every `checkEvery`. */
  async function fresh(): Promise<void> {
    if (caches.checking) return caches.checking;
    if (monotonic() - caches.checkedAt < checkEvery) return;
    caches.checking = (async () => {
      const now = monotonic();
      const versions = await cacheVersions(db);
      for (const name of CACHE_NAMES) {
        const version = versions.get(name) ?? 0;
        if (caches.versions.has(name) && caches.versions.get(name) !== version) {
          // A group bound elsewhere moves only the chats' version; the tree counts groups too.
          for (const cache of name === 'chats' ? (['chats', 'units'] as const) : [name]) drop(caches, cache);
        }
        (view?.versions ?? caches.versions).set(name, version);
      }
      caches.checkedAt = now;
    })().finally(() => {
      caches.checking = undefined;
    });
    return caches.checking;
  }

  /** Whether the shared cache may answer: not a view that changed it, which must see its own writes. */
  const shared = (name: CacheName) => !view?.forgotten.has(name);

  /** Reads through the view's transaction; the view keeps the value, with the generation its read began in. */
  async function hold<T>(load: () => Promise<T>, keep: (held: Held<T>) => void): Promise<T> {
    const generation = caches.generation;
    const value = await load();
    keep({ value, generation });
    return value;
  }

  /**
   * A read of a cache kept by key (chats, people): the view's own read, else the process's while the view has not
   * changed it, else loaded, and kept by the view (until its commit) or by the process.
   */
  async function keyed<T>(
    name: CacheName,
    key: number,
    maps: { readonly own: Map<number, Held<T>> | undefined; readonly process: Map<number, T> },
    load: () => Promise<T>,
  ): Promise<T> {
    await fresh();
    const { own, process: kept } = maps;
    const held = own?.get(key);
    if (held) return held.value;
    if (kept.has(key) && shared(name)) return kept.get(key) as T;
    if (own) return hold(load, (value) => own.set(key, value));
    const generation = caches.generation;
    const found = await load();
    if (generation === caches.generation) kept.set(key, found);
    return found;
  }

  const directory: Directory = {
    metrics: async () => {
      await fresh();
      if (view) {
        if (view.metrics) return view.metrics.value;
        if (caches.metrics && shared('metrics')) return caches.metrics;
        return hold(
          () => loadMetricCatalog(db),
          (held) => (view.metrics = held),
        );
      }
      caches.metrics ??= loadMetricCatalog(db).catch((error: unknown) => {
        caches.metrics = undefined;
        throw error;
      });
      return caches.metrics;
    },
    units: async () => {
      await fresh();
      const load = () => loadUnits(db).then(createUnitTree);
      if (view) {
        if (view.units) return view.units.value;
        if (caches.units && shared('units')) return caches.units;
        return hold(load, (held) => (view.units = held));
      }
      caches.units ??= load().catch((error: unknown) => {
        caches.units = undefined;
        throw error;
      });
      return caches.units;
    },
    chat: (chatId) => keyed('chats', chatId, { own: view?.chats, process: chats }, () => findChat(db, chatId)),
    async authority(userId) {
      await fresh();
      const cached = view?.roles.get(userId)?.value ?? (shared('roles') ? roles.get(userId) : undefined);
      if (cached) return cached;
      const load = async () => {
        const stored = await findRoles(db, userId);
        return { admin: stored.admin || config.adminIds.includes(userId), commanderOf: stored.commanderOf };
      };
      if (view) return hold(load, (held) => view.roles.set(userId, held));
      const generation = caches.generation;
      const authority = await load();
      if (generation === caches.generation) roles.set(userId, authority);
      return authority;
    },
    rosterPlacement: (userId) =>
      keyed('people', userId, { own: view?.people, process: people }, () => findRosterPlacement(db, userId)),
    async commands(userId, unitId) {
      const authority = await directory.authority(userId);
      if (authority.admin) return true;
      const ancestors = (await directory.units()).ancestorIds(unitId);
      return authority.commanderOf.some((id) => ancestors.includes(id));
    },
    async rememberMember(member, unitId, now) {
      const fingerprint = JSON.stringify([member.firstName, member.lastName, member.username, unitId]);
      if (members.get(member.userId) === fingerprint || view?.members.get(member.userId) === fingerprint) return;
      await upsertMember(db, member, unitId, now);
      (view?.members ?? members).set(member.userId, fingerprint);
    },
    forget: (what) => {
      drop(caches, what);
      if (!view) return;
      drop(view, what);
      view.forgotten.add(what);
    },
    within: (other) => {
      const own = pending();
      const view = directoryOver(other, config, caches, own);
      return Object.assign(view, {
        db: other.withPlugin(watchingWrites((cache) => view.forget(cache))),
        committed: () => commit(caches, own),
      });
    },
  };
  return directory;
}
