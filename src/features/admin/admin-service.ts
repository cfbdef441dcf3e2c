import { type BoundGroup, boundGroups, unbindUnitGroups, upsertChat } from '../../directory/chat-store';
import type { MemberProfile } from '../../directory/member-store';
import { insertMetric, insertMetricAlias, retireMetric, setMetricMax } from '../../directory/metric-store';
import { setCommander } from '../../directory/role-store';
import {
  insertUnit,
  moveUnit as moveUnitRow,
  renameUnit as renameUnitRow,
  retireUnit as retireUnitRow,
} from '../../directory/unit-store';
import type { TextMisfits } from '../../i18n/error-text';
import { t } from '../../i18n/texts';
import { isLocale, type Locale } from '../../kernel/locale';
import { isActiveMetric, type Metric } from '../../kernel/metric';
import type { ParseError } from '../../kernel/parsing/parse-error';
import { err, ok, type Result } from '../../kernel/result';
import { isActiveUnit, type Unit, type UnitTree } from '../../kernel/units';
import type { Caller, TellingScope, UseCaseScope } from '../use-case';
import { checkNewAlias, checkNewMetricCode, type MetricCodeProblem } from './validate-names';

/**
 * The admin use cases: the unit tree, the metric catalog, commanders, and which unit a group belongs to. Each is for
 * the bot's admins only and checks it itself, whichever door (chat, web app, CLI) it came in by.
 */

const DEFAULT_METRIC_MAX = 10_000;
/** How long an admin has to confirm moving a group to another unit. */
export const REGISTER_CONFIRM_MINUTES = 10;

/** Why an admin use case refused; the kind is the reply's text key, the fields its parameters. Nothing changed. */
export type AdminRefusal =
  | { kind: 'auth.adminOnly' }
  | { kind: 'unit.exists'; code: string }
  | { kind: 'unit.unknownParent'; code: string }
  | { kind: 'unit.isRetired'; code: string }
  | { kind: 'unit.sameParent'; code: string; parent: string }
  | { kind: 'unit.moveCycle'; code: string; parent: string }
  | { kind: 'unit.hasChildren'; code: string; children: string }
  | { kind: 'register.unknownUnit'; code: string }
  | { kind: 'register.already'; code: string; name: string }
  | { kind: 'register.adminOnly' }
  | { kind: 'register.notRequester' }
  | { kind: 'register.expired'; minutes: number }
  | { kind: 'register.stale' }
  | { kind: 'register.pickNotAllowed' }
  | { kind: 'register.pickTaken' }
  | { kind: 'auth.commanderOrAdmin' }
  | { kind: 'metric.exists'; code: string }
  | { kind: 'metric.unknown'; code: string }
  | { kind: 'metric.isRetired'; code: string }
  | MetricCodeProblem
  | Extract<ParseError, { kind: `metric.alias${string}` } | { kind: 'metric.usage' }>;
const everyRefusalFitsItsText: [TextMisfits<AdminRefusal>] extends [never] ? true : TextMisfits<AdminRefusal> = true;
void everyRefusalFitsItsText;

type Outcome<T> = Promise<Result<T, AdminRefusal>>;

async function isAdmin(scope: UseCaseScope, caller: Caller): Promise<boolean> {
  return (await scope.directory.authority(caller.userId)).admin;
}

/** The unit a group is bound to, if it is bound to one still active. */
function activeUnitOf(tree: UnitTree, unitId: number | null | undefined): Unit | undefined {
  const unit = unitId ? tree.byId(unitId) : undefined;
  return unit && isActiveUnit(unit) ? unit : undefined;
}

/** The unit tree with the groups bound to each unit. */
export async function listUnits(
  scope: UseCaseScope,
  caller: Caller,
): Outcome<{ tree: UnitTree; groups: ReadonlyMap<number, BoundGroup[]> }> {
  if (!(await isAdmin(scope, caller))) return err({ kind: 'auth.adminOnly' });
  return ok({ tree: await scope.directory.units(), groups: await boundGroups(scope.db) });
}

/** Adds a unit, at the top or under an active parent. */
export async function addUnit(
  scope: UseCaseScope,
  caller: Caller,
  input: { code: string; name: string; parentCode?: string },
): Outcome<void> {
  if (!(await isAdmin(scope, caller))) return err({ kind: 'auth.adminOnly' });
  const tree = await scope.directory.units();
  if (tree.byCode(input.code)) return err({ kind: 'unit.exists', code: input.code });
  const parent = input.parentCode === undefined ? undefined : tree.byCode(input.parentCode);
  if (input.parentCode !== undefined && !parent) return err({ kind: 'unit.unknownParent', code: input.parentCode });
  if (parent && !isActiveUnit(parent)) return err({ kind: 'unit.isRetired', code: parent.code });
  await insertUnit(scope.db, { code: input.code, name: input.name, parentId: parent?.id ?? null }, scope.now);
  return ok(undefined);
}

async function existingUnit(
  scope: UseCaseScope,
  caller: Caller,
  code: string,
): Outcome<{ tree: UnitTree; unit: Unit }> {
  if (!(await isAdmin(scope, caller))) return err({ kind: 'auth.adminOnly' });
  const tree = await scope.directory.units();
  const unit = tree.byCode(code);
  return unit ? ok({ tree, unit }) : err({ kind: 'register.unknownUnit', code });
}

/** Gives a unit a new name; its code, history and groups stay. */
export async function renameUnit(
  scope: UseCaseScope,
  caller: Caller,
  input: { code: string; name: string },
): Outcome<Unit> {
  const found = await existingUnit(scope, caller, input.code);
  if (!found.ok) return found;
  await renameUnitRow(scope.db, found.value.unit.id, input.name);
  return ok(found.value.unit);
}

/** Puts an active unit under another active one, never under itself or its own subtree. */
export async function moveUnit(
  scope: UseCaseScope,
  caller: Caller,
  input: { code: string; parentCode: string },
): Outcome<{ unit: Unit; parent: Unit }> {
  const found = await existingUnit(scope, caller, input.code);
  if (!found.ok) return found;
  const { tree, unit } = found.value;
  const parent = tree.byCode(input.parentCode);
  if (!parent) return err({ kind: 'unit.unknownParent', code: input.parentCode });
  for (const each of [unit, parent]) if (!isActiveUnit(each)) return err({ kind: 'unit.isRetired', code: each.code });
  if (unit.parentId === parent.id) return err({ kind: 'unit.sameParent', code: unit.code, parent: parent.code });
  // Under itself or anything below it, the unit would be its own ancestor.
  if (tree.isWithin(parent.id, unit.id)) return err({ kind: 'unit.moveCycle', code: unit.code, parent: parent.code });
  await moveUnitRow(scope.db, unit.id, parent.id);
  return ok({ unit, parent });
}

/**
 * Retires a unit without active sub-units: its history stays, it leaves the tree and the boards, and its groups are
 * unbound and told so (they cannot log until /register binds them to another unit).
 */
export async function retireUnit(
  scope: TellingScope,
  caller: Caller,
  input: { code: string; locale: Locale },
): Outcome<{ unit: Unit; unbound: readonly BoundGroup[] }> {
  const found = await existingUnit(scope, caller, input.code);
  if (!found.ok) return found;
  const { tree, unit } = found.value;
  if (!isActiveUnit(unit)) return err({ kind: 'unit.isRetired', code: unit.code });
  const children = tree.children(unit.id);
  if (children.length > 0)
    return err({ kind: 'unit.hasChildren', code: unit.code, children: children.map((c) => c.code).join(', ') });
  if (!(await retireUnitRow(scope.db, unit.id, scope.now))) return err({ kind: 'unit.isRetired', code: unit.code });
  const unbound = await unbindUnitGroups(scope.db, unit.id, scope.now);
  for (const group of unbound) {
    const stored = (await scope.directory.chat(group.chatId))?.locale;
    const locale: Locale = stored && isLocale(stored) ? stored : input.locale;
    scope.out.send(group.chatId, t(locale, 'unit.retiredNotice', { code: unit.code, name: unit.name }));
  }
  return ok({ unit, unbound });
}

/** Adds a metric to the catalog under a code /log, /top and /chart can reach. */
export async function addMetric(
  scope: UseCaseScope,
  caller: Caller,
  input: { code: string; nameVi: string; nameEn?: string; countUnit?: string },
): Outcome<void> {
  if (!(await isAdmin(scope, caller))) return err({ kind: 'auth.adminOnly' });
  const code = checkNewMetricCode(input.code);
  if (!code.ok) return code;
  if ((await scope.directory.metrics()).resolve(input.code)) return err({ kind: 'metric.exists', code: input.code });
  await insertMetric(
    scope.db,
    {
      code: input.code,
      nameVi: input.nameVi,
      nameEn: input.nameEn ?? input.nameVi,
      countUnitVi: input.countUnit ?? '',
      countUnitEn: input.countUnit ?? '',
      maxPerEntry: DEFAULT_METRIC_MAX,
    },
    scope.now,
  );
  return ok(undefined);
}

/** The active metric the code names. */
async function activeMetric(scope: UseCaseScope, caller: Caller, code: string): Outcome<Metric> {
  if (!(await isAdmin(scope, caller))) return err({ kind: 'auth.adminOnly' });
  const metric = (await scope.directory.metrics()).resolve(code);
  if (!metric) return err({ kind: 'metric.unknown', code });
  return isActiveMetric(metric) ? ok(metric) : err({ kind: 'metric.isRetired', code: metric.code });
}

/** Gives a metric another name, colliding with no code or alias of the catalog. */
export async function addMetricAlias(
  scope: UseCaseScope,
  caller: Caller,
  input: { code: string; alias: string },
): Outcome<{ metric: Metric; display: string }> {
  const metric = await activeMetric(scope, caller, input.code);
  if (!metric.ok) return metric;
  const alias = checkNewAlias(input.alias, await scope.directory.metrics());
  if (!alias.ok) return err(alias.error as AdminRefusal);
  await insertMetricAlias(scope.db, alias.value.folded, metric.value.code, alias.value.display);
  return ok({ metric: metric.value, display: alias.value.display });
}

/** Sets the most one entry of a metric may hold. */
export async function setMetricMaximum(
  scope: UseCaseScope,
  caller: Caller,
  input: { code: string; max: number },
): Outcome<Metric> {
  const metric = await activeMetric(scope, caller, input.code);
  if (!metric.ok) return metric;
  await setMetricMax(scope.db, metric.value.code, input.max);
  return ok(metric.value);
}

/** Retires a metric: its history stays, /log refuses it. */
export async function retireMetricCode(scope: UseCaseScope, caller: Caller, input: { code: string }): Outcome<Metric> {
  const metric = await activeMetric(scope, caller, input.code);
  if (!metric.ok) return metric;
  await retireMetric(scope.db, metric.value.code, scope.now);
  return ok(metric.value);
}

/** Makes a person a commander of a unit, or takes the role away. */
export async function setRole(
  scope: UseCaseScope,
  caller: Caller,
  input: { person: MemberProfile; unitId: number; commander: boolean },
): Outcome<void> {
  if (!(await isAdmin(scope, caller))) return err({ kind: 'auth.adminOnly' });
  await scope.directory.rememberMember(input.person, input.unitId, scope.now);
  await setCommander(
    scope.db,
    { userId: input.person.userId, unitId: input.unitId, commander: input.commander, grantedBy: caller.userId },
    scope.now,
  );
  return ok(undefined);
}

/** A group as its chat describes it. */
export interface GroupChat {
  readonly chatId: number;
  readonly type: string;
  readonly title: string | null;
}

/**
 * Binds a group to a unit. A group bound to another active unit is not moved: the answer is a request the admin
 * who asked must confirm within REGISTER_CONFIRM_MINUTES (confirmGroupMove) or drop (keepGroupUnit). Besides the
 * admins, a commander of the unit (or above it) may bind a group bound to no unit, never move one.
 */
export async function registerGroup(
  scope: UseCaseScope,
  caller: Caller,
  input: { group: GroupChat; code: string },
): Outcome<{ kind: 'bound'; unit: Unit } | { kind: 'confirm'; from: Unit; to: Unit }> {
  const admin = await isAdmin(scope, caller);
  const tree = await scope.directory.units();
  const unit = tree.byCode(input.code);
  if (!admin && !(unit && (await scope.directory.commands(caller.userId, unit.id))))
    return err({ kind: 'register.pickNotAllowed' });
  if (!unit) return err({ kind: 'register.unknownUnit', code: input.code });
  if (!isActiveUnit(unit)) return err({ kind: 'unit.isRetired', code: unit.code });
  const current = activeUnitOf(tree, (await scope.directory.chat(input.group.chatId))?.unitId);
  if (current?.id === unit.id) return err({ kind: 'register.already', code: unit.code, name: unit.name });
  if (current && !admin) return err({ kind: 'register.pickTaken' });
  // Moving a group away from its unit leaves that unit without it: nothing changes until the admin confirms.
  if (current) return ok({ kind: 'confirm', from: current, to: unit });
  await upsertChat(scope.db, input.group, { unitId: unit.id }, scope.now);
  return ok({ kind: 'bound', unit });
}

/** At most this many units are offered as buttons by /register without a code. */
export const REGISTER_PICK_MAX = 20;

/**
 * The units a group bound to no unit may be bound to by the caller, in tree order: the active units with no group,
 * all of them for an admin, those the caller commands (or commands above) for a commander. Refused to anyone else,
 * and in a group already bound (its unit is the answer).
 */
export async function unboundUnitsFor(
  scope: UseCaseScope,
  caller: Caller,
  input: { chatId: number },
): Outcome<{ kind: 'bound'; unit: Unit } | { kind: 'units'; units: readonly Unit[] }> {
  const authority = await scope.directory.authority(caller.userId);
  if (!authority.admin && authority.commanderOf.length === 0) return err({ kind: 'auth.commanderOrAdmin' });
  const tree = await scope.directory.units();
  const current = activeUnitOf(tree, (await scope.directory.chat(input.chatId))?.unitId);
  if (current) return ok({ kind: 'bound', unit: current });
  const groups = await boundGroups(scope.db);
  const units: Unit[] = [];
  for (const { unit } of tree.walk()) {
    if ((groups.get(unit.id) ?? []).length > 0) continue;
    if (authority.admin || (await scope.directory.commands(caller.userId, unit.id))) units.push(unit);
  }
  return ok({ kind: 'units', units });
}

/** A request to move a group, as its confirmation carries it. */
export interface MoveRequest {
  readonly group: GroupChat;
  /** The admin who asked: the only one who may answer. */
  readonly requestedBy: number;
  readonly requestedAt: Date;
  readonly fromUnitId: number;
}

/** The checks both answers share: the caller is the admin who asked, and the group is still on the unit it was. */
async function answerable(
  scope: UseCaseScope,
  caller: Caller,
  request: MoveRequest,
): Outcome<{ tree: UnitTree; from: Unit }> {
  if (!(await isAdmin(scope, caller))) return err({ kind: 'register.adminOnly' });
  if (caller.userId !== request.requestedBy) return err({ kind: 'register.notRequester' });
  const tree = await scope.directory.units();
  const from = activeUnitOf(tree, (await scope.directory.chat(request.group.chatId))?.unitId);
  if (from?.id !== request.fromUnitId) return err({ kind: 'register.stale' });
  return ok({ tree, from });
}

/** Moves the group as requested, within REGISTER_CONFIRM_MINUTES of the request. */
export async function confirmGroupMove(
  scope: UseCaseScope,
  caller: Caller,
  request: MoveRequest & { readonly toUnitId: number },
): Outcome<{ from: Unit; to: Unit }> {
  const checked = await answerable(scope, caller, request);
  if (!checked.ok) return checked;
  if (scope.now.getTime() - request.requestedAt.getTime() > REGISTER_CONFIRM_MINUTES * 60_000)
    return err({ kind: 'register.expired', minutes: REGISTER_CONFIRM_MINUTES });
  const to = activeUnitOf(checked.value.tree, request.toUnitId);
  if (!to) return err({ kind: 'register.stale' });
  await upsertChat(scope.db, request.group, { unitId: to.id }, scope.now);
  return ok({ from: checked.value.from, to });
}

/** Drops the request: the group keeps its unit. */
export async function keepGroupUnit(scope: UseCaseScope, caller: Caller, request: MoveRequest): Outcome<Unit> {
  const checked = await answerable(scope, caller, request);
  return checked.ok ? ok(checked.value.from) : checked;
}
