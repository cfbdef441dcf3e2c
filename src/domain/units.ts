/** A unit of the force (province, department or district, team) and its place in the tree. */
export interface Unit {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly parentId: number | null;
  /** How many Telegram groups are bound to it. */
  readonly groups: number;
}

/** The unit hierarchy with the walks the bot needs. */
export interface UnitTree {
  readonly all: readonly Unit[];
  byId(id: number): Unit | undefined;
  byCode(code: string): Unit | undefined;
  children(id: number): readonly Unit[];
  /** The unit and every unit below it. */
  subtreeIds(id: number): number[];
  /** The unit and every unit above it, nearest first. */
  ancestorIds(id: number): number[];
  /** Units in display order: each parent followed by its children, with their depth. */
  walk(): { unit: Unit; depth: number }[];
}

export function createUnitTree(units: readonly Unit[]): UnitTree {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const byCode = new Map(units.map((unit) => [unit.code.toUpperCase(), unit]));
  const children = new Map<number | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId !== null && byId.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const childrenOf = (id: number | null) => children.get(id) ?? [];

  return {
    all: units,
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
  };
}
