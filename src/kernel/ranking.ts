/** One place in a ranking. */
export interface Ranked<T> {
  readonly rank: number;
  readonly item: T;
  readonly total: number;
}

/** Highest total first; equal totals share a rank (1, 2, 2, 4), ties broken by the given label for a stable order. */
export function rank<T>(rows: readonly { item: T; total: number }[], label: (item: T) => string): Ranked<T>[] {
  const sorted = [...rows]
    .filter((row) => row.total > 0)
    .sort((a, b) => b.total - a.total || label(a.item).localeCompare(label(b.item), 'vi'));
  return sorted.map((row, index) => {
    const first = sorted.findIndex((other) => other.total === row.total);
    return { rank: first === -1 ? index + 1 : first + 1, item: row.item, total: row.total };
  });
}
