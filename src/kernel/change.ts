/** A total against the one before it. */
export type Change =
  | { readonly kind: 'up' | 'down'; readonly percent: number }
  | { readonly kind: 'same' }
  | { readonly kind: 'new' }
  | { readonly kind: 'none' };

/**
 * ▲/▼ and the rounded percentage; "new" when there was nothing before, "none" when there is nothing either time.
 * The weekly posts' definition (features/weekly/weekly-report.ts holds a copy until it imports this one), so the web
 * app's arrows say what the posts say.
 */
export function changeOf(current: number, previous: number): Change {
  if (previous <= 0) return current > 0 ? { kind: 'new' } : { kind: 'none' };
  const percent = Math.round((Math.abs(current - previous) / previous) * 100);
  if (percent === 0) return { kind: 'same' };
  return { kind: current > previous ? 'up' : 'down', percent };
}
