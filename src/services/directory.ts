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
 * cached in this process and dropped whenever this process changes them.
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
  forget(what: 'metrics' | 'units' | 'chats' | 'roles'): void;
  /** The same caches, reading and writing through `db` (an update's transaction) on a miss. */
  within(db: Db): Directory;
}

interface Caches {
  metrics: Promise<MetricCatalog> | undefined;
  units: Promise<UnitTree> | undefined;
  readonly chats: Map<number, ChatSettings | undefined>;
  readonly roles: Map<number, Authority>;
  readonly members: Map<number, string>;
}

/** What the directory reads of the settings: the admins named in ADMIN_IDS. */
export interface DirectorySettings {
  readonly adminIds: readonly number[];
}

export function createDirectory(db: Db, config: DirectorySettings): Directory {
  return directoryOver(db, config, {
    metrics: undefined,
    units: undefined,
    chats: new Map(),
    roles: new Map(),
    members: new Map(),
  });
}

function directoryOver(db: Db, config: DirectorySettings, caches: Caches): Directory {
  const { chats, roles, members } = caches;
  const directory: Directory = {
    metrics: () => {
      caches.metrics ??= loadMetricCatalog(db).catch((error: unknown) => {
        caches.metrics = undefined;
        throw error;
      });
      return caches.metrics;
    },
    units: () => {
      caches.units ??= loadUnits(db)
        .then(createUnitTree)
        .catch((error: unknown) => {
          caches.units = undefined;
          throw error;
        });
      return caches.units;
    },
    async chat(chatId) {
      if (!chats.has(chatId)) chats.set(chatId, await findChat(db, chatId));
      return chats.get(chatId);
    },
    async authority(userId) {
      let authority = roles.get(userId);
      if (!authority) {
        const stored = await findRoles(db, userId);
        authority = { admin: stored.admin || config.adminIds.includes(userId), commanderOf: stored.commanderOf };
        roles.set(userId, authority);
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
      if (members.get(member.userId) === fingerprint) return;
      await upsertMember(db, member, unitId, now);
      members.set(member.userId, fingerprint);
    },
    forget(what) {
      if (what === 'metrics') caches.metrics = undefined;
      if (what === 'units') caches.units = undefined;
      if (what === 'chats') chats.clear();
      if (what === 'roles') roles.clear();
    },
    within: (other) => directoryOver(other, config, caches),
  };
  return directory;
}
