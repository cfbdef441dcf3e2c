import { err, ok, type Result } from './result';

/** Default commendation levels, lowest first: praise in the digest, the director's certificate, the proposal for the committee's. */
export const DEFAULT_LEVELS = ['bieuduong', 'giaykhen', 'bangkhen'] as const;

/**
 * Who decides a level. `unit`: a commander of the nominee's unit or of any unit above it. `depth`: commanders of
 * the units on the nominee's chain at that depth or above (0 is the root, the province). `proposal`: the level is
 * decided outside the bot; the root's commanders propose it (đề nghị) and the decision is recorded afterwards.
 * Admins decide every level.
 */
export type LevelAuthority =
  | { readonly kind: 'unit' }
  | { readonly kind: 'depth'; readonly depth: number }
  | { readonly kind: 'proposal' };

export interface CommendationLevel {
  readonly code: string;
  readonly authority: LevelAuthority;
}

/** A level's authority when the setting names only its code: the known levels as the law has them, else the unit chain. */
export function defaultAuthority(code: string): LevelAuthority {
  if (code === 'giaykhen') return { kind: 'depth', depth: 0 };
  if (code === 'bangkhen') return { kind: 'proposal' };
  return { kind: 'unit' };
}

const LEVEL_CODE = /^[a-z0-9_]{1,24}$/;
export const MAX_LEVELS = 6;

/**
 * Parses COMMENDATION_LEVELS: comma-separated `code[:authority]`, lowest first, where authority is `unit`, a depth
 * (`0` the root) or `proposal`. A plain code takes its default authority. Every problem is named.
 */
export function parseLevelsSpec(raw: string): Result<CommendationLevel[], string[]> {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const problems: string[] = [];
  const levels: CommendationLevel[] = [];
  for (const entry of entries) {
    const [code = '', authority, ...extra] = entry.split(':').map((part) => part.trim());
    if (!LEVEL_CODE.test(code)) {
      problems.push(`"${entry}": level codes are lower-case letters, digits and _`);
      continue;
    }
    if (extra.length > 0) {
      problems.push(`"${entry}": one authority per level (unit, a depth like 0, or proposal)`);
      continue;
    }
    if (levels.some((level) => level.code === code)) {
      problems.push(`"${code}" appears twice`);
      continue;
    }
    if (authority === undefined) levels.push({ code, authority: defaultAuthority(code) });
    else if (authority === 'unit') levels.push({ code, authority: { kind: 'unit' } });
    else if (authority === 'proposal') levels.push({ code, authority: { kind: 'proposal' } });
    else if (/^\d{1,2}$/.test(authority)) levels.push({ code, authority: { kind: 'depth', depth: Number(authority) } });
    else problems.push(`"${entry}": the authority is unit, a depth like 0 (the root), or proposal`);
  }
  if (entries.length === 0) problems.push('at least one level');
  if (entries.length > MAX_LEVELS) problems.push(`at most ${MAX_LEVELS} levels`);
  return problems.length > 0 ? err(problems) : ok(levels);
}

/** The setting as written back: `bieuduong:unit,giaykhen:0,bangkhen:proposal`. */
export const formatLevelsSpec = (levels: readonly CommendationLevel[]): string =>
  levels
    .map(({ code, authority }) =>
      authority.kind === 'depth' ? `${code}:${authority.depth}` : `${code}:${authority.kind}`,
    )
    .join(',');
