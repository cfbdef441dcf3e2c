import { type CacheName, cacheVersions } from '../db/cache-version-store';
import { type ChatSettings, findChat } from '../db/chat-store';
import { type MemberProfile, upsertMember } from '../db/member-store';
import { loadMetricCatalog } from '../db/metric-store';
import { findRoles } from '../db/role-store';
import type { Db } from '../db/schema';
import { loadUnits } from '../db/unit-store';
import type { MetricCatalog } from '../domain/metric';
import { createUnitTree, type UnitTree } from '../domain/units';

/** What a person may do: bot admin, and the units they command. */
export interface Authority {
  readonly admin: boolean;
  readonly commanderOf: readonly number[];
}

/**
 * Read-mostly lookups the hot path needs on every update (catalog, unit tree, chat settings, members),
 * cached in this process and dropped whenever this process changes them. Changes made by other processes on the
 * same database (replicas, CLIs) are noticed through cache_versions (moved by triggers in the changing
 * transaction, migration 0012), read at most once every `versionCheckMs`: a cache whose version moved is dropped.
 */
export interface Directory {
  metrics(): Promise<MetricCatalog>;
  units(): Promise<UnitTree>;
  chat(chatId: number): Promise<ChatSettings | undefined>;
  authority(userId: number): Promise<Authority>;
  /** True when the person may act for the unit: admin, or commander of it or of a unit above it. */
  commands(userId: number, unitId: number): Promise<boolean>;
  /** Stores the member when first seen or when their name or unit changed. */
  rememberMember(member: MemberProfile, unitId: number | null, now: Date): Promise<void>;
  forget(what: CacheName): void;
  /**
   * The same caches, reading and writing through `db` (an update's transaction) on a miss. The members it stores
   * join the cache once told `committed`: a transaction rolled back (a lost connection, a busy retry) must not leave
   * them cached as stored, or the next /log would refer to a member row that is not there.
   */
  within(db: Db): Directory & { committed(): void };
}

interface Caches {
  metrics: Promise<MetricCatalog> | undefined;
  units: Promise<UnitTree> | undefined;
  readonly chats: Map<number, ChatSettings | undefined>;
  readonly roles: Map<number, Authority>;
  readonly members: Map<number, string>;
  /** The versions of the caches as last read, and when (a monotonic time in ms); a read under way. */
  readonly versions: Map<string, number>;
  checkedAt: number;
  checking: Promise<void> | undefined;
  /** Moved whenever a cache is dropped: a load that began before a drop does not fill the cache after it. */
  generation: number;
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
    members: new Map(),
    versions: new Map(),
    checkedAt: Number.NEGATIVE_INFINITY,
    checking: undefined,
    generation: 0,
  });
}

function drop(caches: Caches, what: CacheName): void {
  caches.generation += 1;
  if (what === 'metrics') caches.metrics = undefined;
  if (what === 'units') caches.units = undefined;
  if (what === 'chats') caches.chats.clear();
  if (what === 'roles') caches.roles.clear();
}

const CACHE_NAMES: readonly CacheName[] = ['metrics', 'units', 'chats', 'roles'];

/** `stored`: where rememberMember records a member it stored, when that is not yet the cache (a transaction's). */
function directoryOver(
  db: Db,
  config: DirectorySettings,
  caches: Caches,
  stored: Map<number, string> = caches.members,
): Directory {
  const { chats, roles, members } = caches;
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
        if (caches.versions.has(name) && caches.versions.get(name) !== version) drop(caches, name);
        caches.versions.set(name, version);
      }
      caches.checkedAt = now;
    })().finally(() => {
      caches.checking = undefined;
    });
    return caches.checking;
  }

  const directory: Directory = {
    metrics: async () => {
      await fresh();
      caches.metrics ??= loadMetricCatalog(db).catch((error: unknown) => {
        caches.metrics = undefined;
        throw error;
      });
      return caches.metrics;
    },
    units: async () => {
      await fresh();
      caches.units ??= loadUnits(db)
        .then(createUnitTree)
        .catch((error: unknown) => {
          caches.units = undefined;
          throw error;
        });
      return caches.units;
    },
    async chat(chatId) {
      await fresh();
      if (chats.has(chatId)) return chats.get(chatId);
      const generation = caches.generation;
      const found = await findChat(db, chatId);
      if (generation === caches.generation) chats.set(chatId, found);
      return found;
    },
    async authority(userId) {
      await fresh();
      let authority = roles.get(userId);
      if (!authority) {
        const generation = caches.generation;
        const stored = await findRoles(db, userId);
        authority = { admin: stored.admin || config.adminIds.includes(userId), commanderOf: stored.commanderOf };
        if (generation === caches.generation) roles.set(userId, authority);
      }
      return authority;
    },
    async commands(userId, unitId) {
      const authority = await directory.authority(userId);
      if (authority.admin) return true;
      const ancestors = (await directory.units()).ancestorIds(unitId);
      return authority.commanderOf.some((id) => ancestors.includes(id));
    },
    async rememberMember(member, unitId, now) {
      const fingerprint = JSON.stringify([member.firstName, member.lastName, member.username, unitId]);
      if (members.get(member.userId) === fingerprint || stored.get(member.userId) === fingerprint) return;
      await upsertMember(db, member, unitId, now);
      stored.set(member.userId, fingerprint);
    },
    forget: (what) => drop(caches, what),
    within: (other) => {
      const pending = new Map<number, string>();
      return Object.assign(directoryOver(other, config, caches, pending), {
        committed() {
          for (const [userId, fingerprint] of pending) members.set(userId, fingerprint);
          pending.clear();
        },
      });
    },
  };
  return directory;
}
