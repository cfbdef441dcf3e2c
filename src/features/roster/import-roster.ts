/**
 * The roster import's use cases: a dry run (read the file, plan against the roster, keep the parsed rows for the
 * apply), the apply (the same admin, within the window, exactly the plan shown, in one transaction) and the cancel.
 */
import { createHash } from 'node:crypto';
import { MAX_FILE_BYTES, readWorkbook } from '../../files/workbook-reader';
import { localDayOf } from '../../kernel/period';
import { err, ok, type Result } from '../../kernel/result';
import type { Caller, UseCaseScope } from '../use-case';
import { type PlanSummary, planChanges, planRosterImport, type RosterPlan, summarize } from './import-plan';
import { type FileProblem, type ParsedRoster, parseRosterWorkbook } from './import-sheets';
import {
  accountsNamed,
  applyRosterPlan,
  findImport,
  finishImport,
  loadRosterSnapshot,
  purgeExpiredImports,
  saveImport,
  updateImportFingerprint,
} from './roster-store';

/** How long a dry run waits for its apply; after it the parsed rows are dropped. */
export const IMPORT_WINDOW_MS = 30 * 60_000;

/** What a dry run shows, and what its apply will write. */
export interface DryRun {
  readonly importId: number;
  readonly fileName: string;
  readonly expiresAt: string;
  readonly plan: RosterPlan;
  readonly summary: PlanSummary;
  /** Whether applying would write anything, missing people left aside (their button is the admin's choice). */
  readonly changes: boolean;
}

export type ImportError =
  | { readonly kind: 'import.notAdmin' }
  | { readonly kind: 'import.tooLarge'; readonly maxMb: number }
  | { readonly kind: 'import.unreadable' }
  | FileProblem
  | { readonly kind: 'import.notFound' }
  | { readonly kind: 'import.notYours' }
  | { readonly kind: 'import.expired' }
  | { readonly kind: 'import.finished' }
  /** The roster changed since the dry run: here is the new one, which the next apply expects. */
  | { readonly kind: 'import.stale'; readonly dryRun: DryRun };

const isAdmin = async (scope: UseCaseScope, caller: Caller) => (await scope.directory.authority(caller.userId)).admin;

const fingerprintOf = (plan: RosterPlan) => createHash('sha256').update(JSON.stringify(plan)).digest('hex');

async function planFor(scope: UseCaseScope, parsed: ParsedRoster): Promise<RosterPlan> {
  return planRosterImport(parsed, await loadRosterSnapshot(scope.db, accountsNamed(parsed)));
}

const dryRunOf = (importId: number, fileName: string, expiresAt: string, plan: RosterPlan): DryRun => ({
  importId,
  fileName,
  expiresAt,
  plan,
  summary: summarize(plan),
  changes: planChanges(plan, false),
});

/**
 * Reads an admin's roster file and says what importing it would change; stores nothing of the roster. A file past
 * the limits (5 MB, 20,000 rows a sheet) or unreadable is refused and nothing at all is kept.
 */
export async function dryRunImport(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly fileName: string; readonly bytes: Uint8Array },
): Promise<Result<DryRun, ImportError>> {
  if (!(await isAdmin(scope, caller))) return err({ kind: 'import.notAdmin' });
  const read = await readWorkbook(input.bytes, input.fileName);
  if (!read.ok) {
    return err(
      read.error === 'import.tooLarge'
        ? { kind: read.error, maxMb: MAX_FILE_BYTES / 1024 / 1024 }
        : { kind: read.error },
    );
  }
  const parsed = parseRosterWorkbook(read.value);
  if (!parsed.ok) return err(parsed.error);
  await purgeExpiredImports(scope.db, scope.now);
  const plan = await planFor(scope, parsed.value);
  const expiresAt = new Date(scope.now.getTime() + IMPORT_WINDOW_MS);
  const importId = await saveImport(
    scope.db,
    {
      adminId: caller.userId,
      fileName: input.fileName,
      parsed: parsed.value,
      fingerprint: fingerprintOf(plan),
      expiresAt,
    },
    scope.now,
  );
  return ok(dryRunOf(importId, input.fileName, expiresAt.toISOString(), plan));
}

/** A dry run the caller may act on: theirs, pending, within its window. */
async function pendingImport(scope: UseCaseScope, caller: Caller, importId: number) {
  if (!(await isAdmin(scope, caller))) return err({ kind: 'import.notAdmin' } as const);
  const stored = await findImport(scope.db, importId);
  if (!stored) return err({ kind: 'import.notFound' } as const);
  if (stored.adminId !== caller.userId) return err({ kind: 'import.notYours' } as const);
  if (stored.status === 'expired' || (stored.status === 'pending' && stored.expiresAt <= scope.now.toISOString())) {
    await purgeExpiredImports(scope.db, scope.now);
    return err({ kind: 'import.expired' } as const);
  }
  if (stored.status !== 'pending' || !stored.parsed) return err({ kind: 'import.finished' } as const);
  return ok({ ...stored, parsed: stored.parsed });
}

/** What an apply wrote. */
export interface ImportApplied {
  readonly summary: PlanSummary;
  /** People marked left because they were missing from the file (0 unless asked). */
  readonly markedLeft: number;
}

/**
 * Applies a dry run: only its admin, within IMPORT_WINDOW_MS, in one transaction (the scope's). The plan is
 * computed again against the roster as it is now; if it differs from the one shown, nothing is written and the new
 * plan comes back to be shown (`import.stale`), which the next apply then expects.
 */
export async function applyImport(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly importId: number; readonly markMissingLeft: boolean },
): Promise<Result<ImportApplied, ImportError>> {
  const pending = await pendingImport(scope, caller, input.importId);
  if (!pending.ok) return pending;
  const stored = pending.value;
  const plan = await planFor(scope, stored.parsed);
  const fingerprint = fingerprintOf(plan);
  if (fingerprint !== stored.fingerprint) {
    await updateImportFingerprint(scope.db, stored.id, fingerprint);
    return err({ kind: 'import.stale', dryRun: dryRunOf(stored.id, stored.fileName, stored.expiresAt, plan) });
  }
  await applyRosterPlan(scope.db, plan, {
    by: caller.userId,
    now: scope.now,
    day: localDayOf(scope.now, scope.config.timeZone),
    markMissingLeft: input.markMissingLeft,
  });
  await finishImport(scope.db, stored.id, 'applied', scope.now);
  const summary = summarize(plan);
  if (summary.unitsCreated + summary.unitsRenamed + summary.unitsMoved > 0) scope.directory.forget('units');
  if (summary.rolesGranted + summary.rolesRevoked > 0) scope.directory.forget('roles');
  return ok({ summary, markedLeft: input.markMissingLeft ? summary.peopleMissing : 0 });
}

/** Drops a dry run without applying it (its rows go at once). */
export async function cancelImport(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly importId: number },
): Promise<Result<void, ImportError>> {
  const pending = await pendingImport(scope, caller, input.importId);
  if (!pending.ok) return pending;
  await finishImport(scope.db, input.importId, 'cancelled', scope.now);
  return ok(undefined);
}
