/**
 * A world for the year's use cases: a migrated store on a dialect, units and commanders, a fake roster (people
 * with a timeline of units, linked accounts and imported titles), a scope per call run in its own transaction as
 * the app's unit of work would, the real outbox sender delivering to a fake Bot API with every log line kept
 * (trace level), and voters pressing the buttons Telegram received.
 */
import { Writable } from 'node:stream';
import { fixedClock } from '../../../src/clock';
import { type Config, loadConfig } from '../../../src/config';
import { FakeBotApi } from '../../../src/console/fake-bot-api';
import { createDirectory, type Directory } from '../../../src/directory/directory';
import { setCommander } from '../../../src/directory/role-store';
import { insertUnit } from '../../../src/directory/unit-store';
import {
  castVote,
  type HonourRecord,
  parseBallotData,
  type RosterPerson,
  recordTitleDecision,
  type YearRoster,
  type YearScope,
  type YearSettings,
} from '../../../src/features/year';
import type { Choice } from '../../../src/features/year/ballot-token';
import { createLogger } from '../../../src/logger';
import { deliverOutbox } from '../../../src/outbox/sender';
import { createTransport } from '../../../src/outbox/transport';
import type { Dialect } from '../../../src/storage/connect';
import type { Db } from '../../../src/storage/schema';
import { openTestStore, type TestStore } from '../../helpers/dialects';
import { createWarpTime } from '../../helpers/virtual-time';

/** A person of the fake roster: a unit from `since` until `until` (ISO instants), then gone. */
export interface FakePerson extends Omit<RosterPerson, 'active'> {
  readonly since: string;
  readonly until?: string;
}

/** The roster as a list of people, each in one unit over a span of time. */
export class FakeRoster implements YearRoster {
  readonly people = new Map<string, FakePerson>();
  readonly past: HonourRecord[] = [];

  constructor(private readonly clock: { now(): Date }) {}

  add(person: FakePerson): FakePerson {
    this.people.set(person.personId, person);
    return person;
  }

  /** The person leaves the unit (and the roster) at `at`. */
  leave(personId: string, at: Date): void {
    const person = this.people.get(personId)!;
    this.people.set(personId, { ...person, until: at.toISOString() });
  }

  private view(person: FakePerson): RosterPerson {
    const { since: _, until, ...rest } = person;
    return { ...rest, active: until === undefined || until > this.clock.now().toISOString() };
  }

  async membersAt(unitId: number, at: Date): Promise<readonly RosterPerson[]> {
    const instant = at.toISOString();
    return [...this.people.values()]
      .filter(
        (person) =>
          person.unitId === unitId && person.since <= instant && (person.until === undefined || person.until > instant),
      )
      .map((person) => this.view(person));
  }

  async personByUser(userId: number): Promise<RosterPerson | undefined> {
    const person = [...this.people.values()].find((each) => each.userId === userId);
    return person && this.view(person);
  }

  async person(personId: string): Promise<RosterPerson | undefined> {
    const person = this.people.get(personId);
    return person && this.view(person);
  }

  async pastTitles(subjectIds: readonly string[]): Promise<readonly HonourRecord[]> {
    return this.past.filter((record) => subjectIds.includes(record.subjectId));
  }
}

/** A store of its own on PostgreSQL migrates in seconds, more on a busy machine. */
export const HOOK_TIMEOUT_MS = 60_000;

export const ADMIN = 1;
/** Units: the province (1), its traffic department (2), two teams under it (3, 4). */
export const PROVINCE = 1;
export const PC08 = 2;
export const TEAM_1 = 3;
export const TEAM_2 = 4;

export interface YearWorld {
  readonly store: TestStore;
  readonly db: Db;
  readonly config: Config;
  readonly directory: Directory;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly roster: FakeRoster;
  readonly api: FakeBotApi;
  /** Every log line of the sender and the transport, parsed. */
  readonly logs: Record<string, unknown>[];
  settings: YearSettings;
  /** Runs a use case in a transaction of its own, at the clock's instant. */
  run<T>(work: (scope: YearScope) => Promise<T>): Promise<T>;
  /** Delivers everything due in the outbox to the fake Bot API. */
  deliver(): Promise<void>;
  dispose(): Promise<void>;
}

/** A world at `now`: units 1–4, a commander of PC08 (user 200) and of team 1 (user 300). */
export async function yearWorld(dialect: Dialect, now: Date): Promise<YearWorld> {
  const store = await openTestStore(dialect);
  const { db } = store;
  const loaded = loadConfig({ ADMIN_IDS: String(ADMIN), LOG_LEVEL: 'silent' });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const config = loaded.config;
  const clock = fixedClock(now);
  await insertUnit(db, { code: 'CAT', name: 'Công an tỉnh Lạng Sơn', parentId: null }, now);
  await insertUnit(db, { code: 'PC08', name: 'Phòng Cảnh sát giao thông', parentId: PROVINCE }, now);
  await insertUnit(db, { code: 'PC08-1', name: 'Đội Cảnh sát giao thông số 1', parentId: PC08 }, now);
  await insertUnit(db, { code: 'PC08-2', name: 'Đội Cảnh sát giao thông số 2', parentId: PC08 }, now);
  await setCommander(db, { userId: 200, unitId: PC08, commander: true, grantedBy: ADMIN }, now);
  await setCommander(db, { userId: 300, unitId: TEAM_1, commander: true, grantedBy: ADMIN }, now);
  const directory = createDirectory(db, { adminIds: config.adminIds, versionCheckMs: 0 });
  const roster = new FakeRoster(clock);
  const api = new FakeBotApi({ clock });
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger(
    'trace',
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    }),
  );
  const warp = createWarpTime();
  const transport = createTransport(api, { sleep: warp.sleep, now: warp.now, marginMs: 0, logger });
  const world: YearWorld = {
    store,
    db,
    config,
    directory,
    clock,
    roster,
    api,
    logs,
    settings: {},
    run: (work) =>
      db.transaction().execute(async (trx) => {
        const within = directory.within(trx);
        const result = await work({
          db: trx,
          directory: within,
          config,
          now: clock.now(),
          roster,
          settings: world.settings,
        });
        within.committed();
        return result;
      }),
    deliver: async () => {
      await deliverOutbox({
        db,
        transport,
        clock,
        logger,
        owner: 'year-test',
        hookOf: () => undefined,
        render: () => undefined,
        onRefused: () => {},
      });
    },
    dispose: () => store.dispose(),
  };
  return world;
}

/** Adds a linked officer of a unit to the roster, a member since 1 January 2026. */
export const officer = (
  world: YearWorld,
  personId: string,
  userId: number | undefined,
  unitId: number,
  name: { rank: string; fullName: string; position?: string },
): FakePerson =>
  world.roster.add({
    personId,
    name: { rank: name.rank, fullName: name.fullName },
    ...(name.position && { position: name.position }),
    unitId,
    ...(userId !== undefined && { userId }),
    since: '2026-01-01T00:00:00.000Z',
  });

/** The voter's ballot as Telegram shows it now: its message id and its buttons' callback data, row by row. */
export function ballotOf(world: YearWorld, userId: number): { messageId: number; rows: string[][]; text: string } {
  // A private chat's message ids start at 1: the ballot is the latest message there with the ballot's mark.
  const message = Array.from({ length: 50 }, (_, index) => world.api.message(userId, 50 - index)).find((each) =>
    each?.text?.includes('🗳'),
  );
  if (!message) throw new Error(`no ballot message stored for ${userId}`);
  const markup = (message as { reply_markup?: { inline_keyboard: { callback_data: string }[][] } }).reply_markup;
  return {
    messageId: message.message_id,
    rows: (markup?.inline_keyboard ?? []).map((row) => row.map((button) => button.callback_data)),
    text: message.text ?? '',
  };
}

/** Presses a voter's button for the `number`th candidate (from 1), as the dispatcher would hand it over. */
export async function press(
  world: YearWorld,
  userId: number,
  number: number,
  choice: Choice,
  override: { data?: string; chatId?: number; messageId?: number; by?: number } = {},
) {
  const ballot = ballotOf(world, userId);
  const data = override.data ?? ballot.rows[number - 1]![choice === 'yes' ? 0 : 1]!;
  const parsed = parseBallotData(data);
  if (!parsed) throw new Error(`not ballot data: ${data}`);
  return world.run((scope) =>
    castVote(
      scope,
      { userId: override.by ?? userId },
      {
        ...parsed,
        chatId: override.chatId ?? override.by ?? userId,
        messageId: override.messageId ?? ballot.messageId,
      },
    ),
  );
}

/** Every callback data Telegram was sent, in any message or edit. */
export function everyCallbackData(world: YearWorld): string[] {
  const found: string[] = [];
  for (const call of world.api.calls) {
    const markup = call.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
    for (const row of markup?.inline_keyboard ?? [])
      for (const button of row) if (button.callback_data) found.push(button.callback_data);
  }
  return found;
}

/** Every row of every table, as text cells: what someone holding a copy of the database would read. */
export async function dumpAllTables(world: YearWorld): Promise<{ table: string; row: Record<string, string> }[]> {
  const { sql } = await import('kysely');
  const tables =
    world.store.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(world.db)).rows.map(
          (row) => row.name,
        )
      : (
          await sql<{ name: string }>`
            select table_name as name from information_schema.tables
            where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(world.db)
        ).rows.map((row) => row.name);
  const dump: { table: string; row: Record<string, string> }[] = [];
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(world.db);
    for (const row of rows)
      dump.push({
        table,
        row: Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === null ? '' : String(value)])),
      });
  }
  return dump;
}

/** The admin records a 2026 decision on a title for its subjects, signed by the province's director. */
export const decideTitle = (
  world: YearWorld,
  decision: Pick<Parameters<typeof recordTitleDecision>[2], 'title' | 'subjectIds' | 'number' | 'date'>,
) =>
  world.run((scope) =>
    recordTitleDecision(scope, { userId: ADMIN }, { year: 2026, signer: 'Đại tá Hoàng Minh Chiến', ...decision }),
  );
