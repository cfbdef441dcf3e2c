/** A unit of the force (province, department or district, team) and its place in the tree. */
export interface Unit {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly parentId: number | null;
  /** How many Telegram groups are bound to it. */
  readonly groups: number;
  /** When it was retired; absent or null while active. A retired unit keeps its history but leaves the tree. */
  readonly retiredAt?: string | null;
}

/** True while the unit has not been retired. */
export const isActiveUnit = (unit: Unit): boolean => !unit.retiredAt;

/** The unit hierarchy with the walks the bot needs. */
export interface UnitTree {
  /** Every unit, retired ones included (their history still names them). */
  readonly all: readonly Unit[];
  /** The units not retired. */
  readonly active: readonly Unit[];
  /** Finds any unit, retired or not. */
  byId(id: number): Unit | undefined;
  byCode(code: string): Unit | undefined;
  /** The active units directly below. */
  children(id: number): readonly Unit[];
  /** The unit and every active unit below it. */
  subtreeIds(id: number): number[];
  /** The unit and every unit above it, nearest first. */
  ancestorIds(id: number): number[];
  /** Active units in display order: each parent followed by its children, with their depth. */
  walk(): { unit: Unit; depth: number }[];
  /** Whether `id` is `ancestorId` or lies below it: moving `ancestorId` under `id` would make a cycle. */
  isWithin(id: number, ancestorId: number): boolean;
}

export function createUnitTree(units: readonly Unit[]): UnitTree {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const byCode = new Map(units.map((unit) => [unit.code.toUpperCase(), unit]));
  const children = new Map<number | null, Unit[]>();
  for (const unit of units) {
    if (!isActiveUnit(unit)) continue;
    const parentUnit = unit.parentId === null ? undefined : byId.get(unit.parentId);
    const parent = parentUnit && isActiveUnit(parentUnit) ? parentUnit.id : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const childrenOf = (id: number | null) => children.get(id) ?? [];

  return {
    all: units,
    active: units.filter(isActiveUnit),
    byId: (id) => byId.get(id),
    byCode: (code) => byCode.get(code.toUpperCase()),
    children: (id) => childrenOf(id),
    subtreeIds(id) {
      const ids: number[] = [];
      const stack = [id];
      while (stack.length > 0) {
        const current = stack.pop()!;
        if (ids.includes(current)) continue;
        ids.push(current);
        for (const child of childrenOf(current)) stack.push(child.id);
      }
      return ids;
    },
    ancestorIds(id) {
      const ids: number[] = [];
      for (let current = byId.get(id); current && !ids.includes(current.id); ) {
        ids.push(current.id);
        current = current.parentId === null ? undefined : byId.get(current.parentId);
      }
      return ids;
    },
    walk() {
      const out: { unit: Unit; depth: number }[] = [];
      const visit = (parent: number | null, depth: number) => {
        for (const unit of childrenOf(parent)) {
          out.push({ unit, depth });
          visit(unit.id, depth + 1);
        }
      };
      visit(null, 0);
      return out;
    },
    isWithin(id, ancestorId) {
      const seen = new Set<number>();
      for (let current = byId.get(id); current && !seen.has(current.id); ) {
        if (current.id === ancestorId) return true;
        seen.add(current.id);
        current = current.parentId === null ? undefined : byId.get(current.parentId);
      }
      return false;
    },
  };
}
