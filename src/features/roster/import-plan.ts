/**
 * What an import would change, pure: the parsed lines (import-sheets.ts) against the roster as stored (a snapshot)
 * give a plan of units to create, rename and move, people to create, change and transfer, accounts to link, roles
 * to grant and revoke and past commendations to add, with every row that cannot be taken and why. The dry run
 * shows the plan; the apply writes exactly it (roster-store.ts), or refuses when the roster moved meanwhile.
 */
import type { IsoDay } from '../../kernel/day';
import {
  accountText,
  type CommendationLine,
  type ParsedRoster,
  type PersonLine,
  type RowError,
  type RowProblem,
  type UnitLine,
} from './import-sheets';

/** A person as stored, as the plan compares them. */
export interface StoredPerson {
  readonly id: number;
  readonly fullName: string;
  readonly nameKey: string;
  readonly rank: string | null;
  readonly position: string | null;
  readonly unitId: number;
  readonly serviceNumber: string | null;
  readonly role: 'commander' | 'officer';
  readonly userId: number | null;
  readonly pendingUserId: number | null;
  readonly pendingUsername: string | null;
  readonly leftOn: IsoDay | null;
}

export interface StoredCommendation {
  readonly id: number;
  readonly personId: number;
  readonly year: number;
  readonly title: string;
  readonly titleKey: string;
  readonly decisionNumber: string | null;
  readonly decisionKey: string;
  readonly decisionDate: IsoDay | null;
  readonly issuingLevel: string | null;
}

/** The roster as stored, and the accounts the bot has seen among those the file names. */
export interface RosterSnapshot {
  readonly units: readonly {
    readonly id: number;
    readonly code: string;
    readonly name: string;
    readonly parentId: number | null;
  }[];
  readonly people: readonly StoredPerson[];
  /** Commander roles held: user and unit. */
  readonly commanders: readonly { readonly userId: number; readonly unitId: number }[];
  readonly commendations: readonly StoredCommendation[];
  readonly seenUserIds: ReadonlySet<number>;
  /** Seen usernames, lower case, and their accounts. */
  readonly seenUsernames: ReadonlyMap<string, number>;
}

/** A unit that exists (its id) or one the plan creates (its code). */
export type UnitRef = { readonly id: number } | { readonly code: string };
/** A person on the roster (their id) or one the plan creates (the row that adds them). */
export type PersonRef = { readonly id: number } | { readonly sheet: string; readonly row: number };

export interface NewUnit {
  readonly code: string;
  readonly name: string;
  readonly parent: UnitRef | null;
}

export interface PersonFields {
  readonly fullName: string;
  readonly nameKey: string;
  readonly rank: string | null;
  readonly position: string | null;
  readonly serviceNumber: string | null;
  readonly role: 'commander' | 'officer';
  readonly pendingUserId: number | null;
  readonly pendingUsername: string | null;
  readonly leftOn: IsoDay | null;
}

export interface NewPerson extends PersonFields {
  readonly sheet: string;
  readonly row: number;
  readonly unit: UnitRef;
}

export interface PersonChange {
  readonly personId: number;
  readonly row: number;
  readonly fullName: string;
  readonly set: Partial<PersonFields>;
}

export interface NewCommendation {
  readonly person: PersonRef;
  readonly year: number;
  readonly title: string;
  readonly titleKey: string;
  readonly decisionNumber: string | null;
  readonly decisionKey: string;
  readonly decisionDate: IsoDay | null;
  readonly issuingLevel: string | null;
}

export interface RosterPlan {
  readonly units: {
    readonly created: readonly NewUnit[];
    readonly renamed: readonly { readonly id: number; readonly code: string; readonly name: string }[];
    readonly moved: readonly { readonly id: number; readonly code: string; readonly parent: UnitRef | null }[];
  };
  readonly people: {
    readonly created: readonly NewPerson[];
    readonly changed: readonly PersonChange[];
    readonly transferred: readonly {
      readonly personId: number;
      readonly fullName: string;
      readonly fromUnitId: number;
      readonly to: UnitRef;
    }[];
    /** Active people of the units the file lists who are not in it: marked left only when the admin says so. */
    readonly missing: readonly { readonly personId: number; readonly fullName: string; readonly unitId: number }[];
  };
  /** Accounts linked now: named by id or by a username the bot has already seen. */
  readonly links: readonly { readonly person: PersonRef; readonly userId: number }[];
  readonly roles: {
    readonly granted: readonly { readonly userId: number; readonly unit: UnitRef }[];
    readonly revoked: readonly { readonly userId: number; readonly unitId: number }[];
  };
  readonly commendations: {
    readonly created: readonly NewCommendation[];
    readonly changed: readonly {
      readonly id: number;
      readonly title: string;
      readonly decisionNumber: string | null;
      readonly decisionDate: IsoDay | null;
      readonly issuingLevel: string | null;
    }[];
  };
  readonly errors: readonly RowError[];
  readonly ignoredSheets: readonly string[];
}

/** The counts a dry run shows. */
export interface PlanSummary {
  readonly unitsCreated: number;
  readonly unitsRenamed: number;
  readonly unitsMoved: number;
  readonly peopleCreated: number;
  readonly peopleChanged: number;
  readonly peopleTransferred: number;
  readonly peopleLeft: number;
  readonly peopleReturned: number;
  readonly peopleMissing: number;
  readonly linked: number;
  readonly rolesGranted: number;
  readonly rolesRevoked: number;
  /** Rows of the history of units: one per new person and per transfer. */
  readonly historyRows: number;
  readonly commendationsCreated: number;
  readonly commendationsChanged: number;
  readonly errors: number;
}

export function summarize(plan: RosterPlan): PlanSummary {
  const changed = plan.people.changed;
  return {
    unitsCreated: plan.units.created.length,
    unitsRenamed: plan.units.renamed.length,
    unitsMoved: plan.units.moved.length,
    peopleCreated: plan.people.created.length,
    peopleChanged: changed.length,
    peopleTransferred: plan.people.transferred.length,
    peopleLeft: changed.filter((change) => change.set.leftOn).length,
    peopleReturned: changed.filter((change) => change.set.leftOn === null).length,
    peopleMissing: plan.people.missing.length,
    linked: plan.links.length,
    rolesGranted: plan.roles.granted.length,
    rolesRevoked: plan.roles.revoked.length,
    historyRows: plan.people.created.length + plan.people.transferred.length,
    commendationsCreated: plan.commendations.created.length,
    commendationsChanged: plan.commendations.changed.length,
    errors: plan.errors.length,
  };
}

/** Whether applying the plan would write anything (marking the missing people left counts when asked). */
export function planChanges(plan: RosterPlan, markMissingLeft: boolean): boolean {
  const s = summarize(plan);
  return (
    s.unitsCreated + s.unitsRenamed + s.unitsMoved + s.peopleCreated + s.peopleChanged + s.peopleTransferred > 0 ||
    s.linked + s.rolesGranted + s.rolesRevoked + s.commendationsCreated + s.commendationsChanged > 0 ||
    (markMissingLeft && s.peopleMissing > 0)
  );
}

const sameRef = (a: UnitRef, b: UnitRef) =>
  'id' in a && 'id' in b ? a.id === b.id : 'code' in a && 'code' in b && a.code === b.code;

/** Computes the plan. Pure and deterministic: the same lines and snapshot give the same plan, in file order. */
export function planRosterImport(parsed: ParsedRoster, snapshot: RosterSnapshot): RosterPlan {
  const errors: RowError[] = [...parsed.errors];
  const fail = (line: { sheet: string; row: number }, problem: RowProblem) =>
    errors.push({ sheet: line.sheet, row: line.row, problem });

  const unitsByCode = new Map(snapshot.units.map((unit) => [unit.code.toUpperCase(), unit]));
  const unitsById = new Map(snapshot.units.map((unit) => [unit.id, unit]));
  const unitLines = checkUnitTree(parsed.units ?? [], unitsByCode, unitsById, fail);
  const unitLineByCode = new Map(unitLines.map((line) => [line.code, line]));
  const unitRefOf = (code: string): UnitRef | undefined => {
    if (unitLineByCode.has(code) && !unitsByCode.has(code)) return { code };
    const unit = unitsByCode.get(code);
    return unit ? { id: unit.id } : undefined;
  };

  const units: RosterPlan['units'] = { created: [], renamed: [], moved: [] };
  for (const line of unitLines) {
    const parent = line.parentCode === null ? null : unitRefOf(line.parentCode)!;
    const existing = unitsByCode.get(line.code);
    if (!existing) {
      (units.created as NewUnit[]).push({ code: line.code, name: line.name, parent });
      continue;
    }
    if (existing.name !== line.name)
      (units.renamed as { id: number; code: string; name: string }[]).push({
        id: existing.id,
        code: line.code,
        name: line.name,
      });
    const currentParent = existing.parentId === null ? null : { id: existing.parentId };
    const sameParent =
      parent === null || currentParent === null ? parent === currentParent : sameRef(parent, currentParent);
    if (!sameParent)
      (units.moved as { id: number; code: string; parent: UnitRef | null }[]).push({
        id: existing.id,
        code: line.code,
        parent,
      });
  }

  const people = planPeople(parsed.people, snapshot, unitRefOf, fail);
  const commendations = planCommendations(
    parsed.commendations ?? [],
    parsed.people ?? [],
    people.refOfLine,
    snapshot,
    unitRefOf,
    fail,
  );
  errors.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  return {
    units,
    people: people.plan,
    links: people.links,
    roles: people.roles,
    commendations,
    errors,
    ignoredSheets: parsed.ignoredSheets,
  };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

type Fail = (line: { sheet: string; row: number }, problem: RowProblem) => void;

/**
 * The unit lines that can be taken: each parent known (stored, or a line of the file, wherever it stands in the
 * sheet), no cycle once the file's parents replace the stored ones. Refusing a line can orphan another, so the
 * checks repeat until nothing more is refused.
 */
function checkUnitTree(
  lines: readonly UnitLine[],
  byCode: ReadonlyMap<string, RosterSnapshot['units'][number]>,
  byId: ReadonlyMap<number, RosterSnapshot['units'][number]>,
  fail: Fail,
): UnitLine[] {
  let kept = [...lines];
  for (;;) {
    const lineCodes = new Set(kept.map((line) => line.code));
    const unknown = kept.filter(
      (line) => line.parentCode !== null && !lineCodes.has(line.parentCode) && !byCode.has(line.parentCode),
    );
    for (const line of unknown) fail(line, { kind: 'import.row.unknownUnit', code: line.parentCode! });
    const parentOf = new Map<string, string | null>();
    for (const unit of byCode.values())
      parentOf.set(
        unit.code.toUpperCase(),
        unit.parentId === null ? null : (byId.get(unit.parentId)?.code.toUpperCase() ?? null),
      );
    for (const line of kept) parentOf.set(line.code, line.parentCode);
    const inCycle = new Map<string, string>();
    for (const line of kept) {
      const path = [line.code];
      for (
        let at = parentOf.get(line.code) ?? null;
        at !== null && path.length <= parentOf.size;
        at = parentOf.get(at) ?? null
      ) {
        if (at === line.code) {
          inCycle.set(line.code, [...path, at].join(' → '));
          break;
        }
        if (path.includes(at)) break;
        path.push(at);
      }
    }
    for (const line of kept)
      if (inCycle.has(line.code)) fail(line, { kind: 'import.row.parentCycle', codes: inCycle.get(line.code)! });
    const refused = new Set([...unknown, ...kept.filter((line) => inCycle.has(line.code))]);
    if (refused.size === 0) return kept;
    kept = kept.filter((line) => !refused.has(line));
  }
}

interface PeoplePlan {
  readonly plan: RosterPlan['people'];
  readonly links: RosterPlan['links'];
  readonly roles: RosterPlan['roles'];
  /** The person each taken line of the people sheet stands for. */
  readonly refOfLine: ReadonlyMap<PersonLine, PersonRef>;
}

function planPeople(
  lines: readonly PersonLine[] | undefined,
  snapshot: RosterSnapshot,
  unitRefOf: (code: string) => UnitRef | undefined,
  fail: Fail,
): PeoplePlan {
  const created: NewPerson[] = [];
  const changed: PersonChange[] = [];
  const transferred: { personId: number; fullName: string; fromUnitId: number; to: UnitRef }[] = [];
  const links: { person: PersonRef; userId: number }[] = [];
  const granted: { userId: number; unit: UnitRef }[] = [];
  const revoked: { userId: number; unitId: number }[] = [];
  const refOfLine = new Map<PersonLine, PersonRef>();
  if (!lines)
    return { plan: { created, changed, transferred, missing: [] }, links, roles: { granted, revoked }, refOfLine };

  const bySn = new Map<string, StoredPerson>();
  const byAccount = new Map<number, StoredPerson>();
  const byName = new Map<string, StoredPerson[]>();
  for (const person of snapshot.people) {
    if (person.serviceNumber !== null) bySn.set(person.serviceNumber, person);
    if (person.userId !== null) byAccount.set(person.userId, person);
    pushTo(byName, person.nameKey, person);
  }
  const pendingById = new Map<number, StoredPerson>();
  for (const person of snapshot.people)
    if (person.userId === null && person.pendingUserId !== null) pendingById.set(person.pendingUserId, person);
  const commanderRows = new Set(snapshot.commanders.map((role) => `${role.userId}:${role.unitId}`));
  const matchedBy = new Map<number, number>();
  const unitCodes = new Set<number | string>();

  /** The stored person a line stands for: by service number, account, then name (own unit first, else the only one). */
  const match = (line: PersonLine): StoredPerson | undefined => {
    if (line.serviceNumber !== null && bySn.has(line.serviceNumber)) return bySn.get(line.serviceNumber);
    if (line.telegram && 'userId' in line.telegram) {
      const person = byAccount.get(line.telegram.userId) ?? pendingById.get(line.telegram.userId);
      if (person && (line.serviceNumber === null || person.serviceNumber === null)) return person;
    }
    const unit = unitRefOf(line.unitCode);
    const candidates = (byName.get(line.nameKey) ?? []).filter(
      (person) => !matchedBy.has(person.id) && (line.serviceNumber === null || person.serviceNumber === null),
    );
    const inUnit = candidates.filter((person) => unit && 'id' in unit && person.unitId === unit.id);
    if (inUnit.length === 1) return inUnit[0];
    if (inUnit.length === 0 && candidates.length === 1) return candidates[0];
    return undefined;
  };

  /** The account to link now, when the line names one the bot has seen and nobody else holds. */
  const accountNow = (line: PersonLine, self: StoredPerson | undefined): { userId?: number; problem?: RowProblem } => {
    if (!line.telegram) return {};
    const userId =
      'userId' in line.telegram
        ? snapshot.seenUserIds.has(line.telegram.userId)
          ? line.telegram.userId
          : undefined
        : snapshot.seenUsernames.get(line.telegram.username);
    const holder = byAccount.get('userId' in line.telegram ? line.telegram.userId : (userId ?? Number.NaN));
    if (holder && holder.id !== self?.id)
      return {
        problem: { kind: 'import.row.accountTaken', account: accountText(line.telegram), name: holder.fullName },
      };
    return userId === undefined ? {} : { userId };
  };

  for (const line of lines) {
    const unit = unitRefOf(line.unitCode);
    if (!unit) {
      fail(line, { kind: 'import.row.unknownUnit', code: line.unitCode });
      continue;
    }
    const person = match(line);
    if (person && matchedBy.has(person.id)) {
      fail(line, { kind: 'import.row.samePerson', firstRow: matchedBy.get(person.id)! });
      continue;
    }
    if (
      person?.userId != null &&
      line.telegram &&
      'userId' in line.telegram &&
      line.telegram.userId !== person.userId
    ) {
      fail(line, { kind: 'import.row.linkedElsewhere', name: person.fullName });
      continue;
    }
    const account = person?.userId != null ? {} : accountNow(line, person);
    if (account.problem) {
      fail(line, account.problem);
      continue;
    }
    const pending = {
      pendingUserId:
        account.userId === undefined && line.telegram && 'userId' in line.telegram ? line.telegram.userId : null,
      pendingUsername:
        account.userId === undefined && line.telegram && 'username' in line.telegram ? line.telegram.username : null,
    };
    unitCodes.add('id' in unit ? unit.id : unit.code);
    if (!person) {
      const ref = { sheet: line.sheet, row: line.row };
      refOfLine.set(line, ref);
      const role = line.role ?? 'officer';
      created.push({
        sheet: line.sheet,
        row: line.row,
        fullName: line.fullName,
        nameKey: line.nameKey,
        rank: line.rank ?? null,
        position: line.position ?? null,
        serviceNumber: line.serviceNumber,
        role,
        ...pending,
        leftOn: line.leftOn ?? null,
        unit,
      });
      if (account.userId !== undefined) {
        links.push({ person: ref, userId: account.userId });
        if (role === 'commander') granted.push({ userId: account.userId, unit });
      }
      continue;
    }
    matchedBy.set(person.id, line.row);
    refOfLine.set(line, { id: person.id });
    const set: Record<string, unknown> = {};
    const differ = <K extends keyof PersonFields>(key: K, value: PersonFields[K]) => {
      if (person[key as keyof StoredPerson] !== value) set[key] = value;
    };
    differ('fullName', line.fullName);
    differ('nameKey', line.nameKey);
    if (line.rank !== undefined) differ('rank', line.rank);
    if (line.position !== undefined) differ('position', line.position);
    if (line.serviceNumber !== null) differ('serviceNumber', line.serviceNumber);
    const role = line.role ?? person.role;
    differ('role', role);
    if (line.leftOn !== undefined) differ('leftOn', line.leftOn);
    if (person.userId === null && line.telegram) {
      if (account.userId !== undefined) {
        differ('pendingUserId', null);
        differ('pendingUsername', null);
      } else {
        differ('pendingUserId', pending.pendingUserId);
        differ('pendingUsername', pending.pendingUsername);
      }
    }
    if (Object.keys(set).length > 0) changed.push({ personId: person.id, row: line.row, fullName: line.fullName, set });
    const moves = !('id' in unit) || unit.id !== person.unitId;
    if (moves) transferred.push({ personId: person.id, fullName: line.fullName, fromUnitId: person.unitId, to: unit });
    if (account.userId !== undefined) links.push({ person: { id: person.id }, userId: account.userId });

    const before = person.userId;
    const after = before ?? account.userId ?? null;
    if (
      before !== null &&
      person.role === 'commander' &&
      commanderRows.has(`${before}:${person.unitId}`) &&
      (moves || role !== 'commander')
    ) {
      revoked.push({ userId: before, unitId: person.unitId });
    }
    const holds = after !== null && 'id' in unit && commanderRows.has(`${after}:${unit.id}`);
    if (after !== null && role === 'commander' && !holds) granted.push({ userId: after, unit });
  }

  const missing = snapshot.people
    .filter((person) => person.leftOn === null && !matchedBy.has(person.id) && unitCodes.has(person.unitId))
    .map((person) => ({ personId: person.id, fullName: person.fullName, unitId: person.unitId }));
  return { plan: { created, changed, transferred, missing }, links, roles: { granted, revoked }, refOfLine };
}

function planCommendations(
  lines: readonly CommendationLine[],
  peopleLines: readonly PersonLine[],
  refOfLine: ReadonlyMap<PersonLine, PersonRef>,
  snapshot: RosterSnapshot,
  unitRefOf: (code: string) => UnitRef | undefined,
  fail: Fail,
): RosterPlan['commendations'] {
  const created: NewCommendation[] = [];
  const changed: {
    id: number;
    title: string;
    decisionNumber: string | null;
    decisionDate: IsoDay | null;
    issuingLevel: string | null;
  }[] = [];
  const lineBySn = new Map<string, PersonLine>();
  const linesByName = new Map<string, PersonLine[]>();
  for (const line of peopleLines) {
    if (!refOfLine.has(line)) continue;
    if (line.serviceNumber !== null) lineBySn.set(line.serviceNumber, line);
    const key = `${line.unitCode}\n${line.nameKey}`;
    pushTo(linesByName, key, line);
  }
  const storedBySn = new Map<string, StoredPerson>();
  const storedByName = new Map<string, StoredPerson[]>();
  for (const person of snapshot.people) {
    if (person.serviceNumber !== null) storedBySn.set(person.serviceNumber, person);
    const key = `${person.unitId}\n${person.nameKey}`;
    pushTo(storedByName, key, person);
  }
  const stored = new Map(
    snapshot.commendations.map((row) => [`${row.personId}\n${row.year}\n${row.titleKey}\n${row.decisionKey}`, row]),
  );

  const personOf = (line: CommendationLine): PersonRef | RowProblem => {
    if (line.serviceNumber !== null) {
      const fileLine = lineBySn.get(line.serviceNumber);
      if (fileLine) return refOfLine.get(fileLine)!;
      const person = storedBySn.get(line.serviceNumber);
      return person ? { id: person.id } : { kind: 'import.row.unknownPerson' };
    }
    const fileLines = linesByName.get(`${line.unitCode}\n${line.nameKey}`) ?? [];
    if (fileLines.length === 1) return refOfLine.get(fileLines[0]!)!;
    if (fileLines.length > 1) return { kind: 'import.row.ambiguousPerson', count: fileLines.length };
    const unit = unitRefOf(line.unitCode!);
    const people = unit && 'id' in unit ? (storedByName.get(`${unit.id}\n${line.nameKey}`) ?? []) : [];
    if (people.length === 1) return { id: people[0]!.id };
    return people.length > 1
      ? { kind: 'import.row.ambiguousPerson', count: people.length }
      : { kind: 'import.row.unknownPerson' };
  };

  for (const line of lines) {
    const person = personOf(line);
    if ('kind' in person) {
      fail(line, person);
      continue;
    }
    const fields = {
      title: line.title,
      decisionNumber: line.decisionNumber,
      decisionDate: line.decisionDate,
      issuingLevel: line.issuingLevel,
    };
    const existing =
      'id' in person ? stored.get(`${person.id}\n${line.year}\n${line.titleKey}\n${line.decisionKey}`) : undefined;
    if (!existing) {
      created.push({ person, year: line.year, titleKey: line.titleKey, decisionKey: line.decisionKey, ...fields });
      continue;
    }
    const differs =
      existing.title !== fields.title ||
      existing.decisionNumber !== fields.decisionNumber ||
      existing.decisionDate !== fields.decisionDate ||
      existing.issuingLevel !== fields.issuingLevel;
    if (differs) changed.push({ id: existing.id, ...fields });
  }
  return { created, changed };
}
