import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyImport, dryRunImport } from '../../../src/features/roster/import-roster';
import { parseRosterWorkbook } from '../../../src/features/roster/import-sheets';
import { loadRosterWorkbook, writeImportTemplate } from '../../../src/features/roster/roster-export';
import { readWorkbook } from '../../../src/files/workbook-reader';
import { DIALECTS, openTestStore } from '../../helpers/dialects';
import { EXAMPLE_FILE, EXAMPLE_ROSTER, writeExampleRoster } from './example-roster';
import { ADMIN, scopeOver } from './roster-fixture';

const parsedFile = async (bytes: Uint8Array) => {
  const read = await readWorkbook(bytes, 'roster-example.xlsx');
  if (!read.ok) throw new Error(read.error);
  return parseRosterWorkbook(read.value);
};

describe('docs/examples/roster-example.xlsx', () => {
  it('holds exactly EXAMPLE_ROSTER (else: npx tsx test/features/roster/example-roster.ts)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-example-'));
    try {
      const fresh = join(dir, 'fresh.xlsx');
      await writeExampleRoster(fresh);
      expect(await parsedFile(new Uint8Array(readFileSync(EXAMPLE_FILE)))).toEqual(
        await parsedFile(new Uint8Array(readFileSync(fresh))),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('and the import template: headers and example rows the import reads without an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-template-'));
    try {
      const file = join(dir, 'mau.xlsx');
      await writeImportTemplate(file);
      const parsed = await parsedFile(new Uint8Array(readFileSync(file)));
      if (!parsed.ok) throw new Error(parsed.error.kind);
      expect(parsed.value.errors).toEqual([]);
      expect(parsed.value.units?.map((unit) => unit.code)).toEqual(['CAT', 'PC06']);
      expect(parsed.value.people?.map((person) => [person.fullName, person.rank, person.role])).toEqual([
        ['Hà Văn Dưỡng', 'Trung tá', 'commander'],
        ['Hà Văn Hưng', 'Thiếu úy', 'officer'],
      ]);
      expect(parsed.value.commendations).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const dialect of DIALECTS) {
    it(`imports without an error on ${dialect}, and exports back to itself`, async () => {
      const store = await openTestStore(dialect);
      try {
        const run = await dryRunImport(
          scopeOver(store.db),
          { userId: ADMIN },
          {
            fileName: 'roster-example.xlsx',
            bytes: new Uint8Array(readFileSync(EXAMPLE_FILE)),
          },
        );
        if (!run.ok) throw new Error(run.error.kind);
        expect(run.value.plan.errors).toEqual([]);
        expect(run.value.summary).toMatchObject({ unitsCreated: 12, peopleCreated: 12, commendationsCreated: 2 });
        await applyImport(
          scopeOver(store.db),
          { userId: ADMIN },
          { importId: run.value.importId, markMissingLeft: false },
        );
        const ids = (await store.db.selectFrom('units').select('id').execute()).map((unit) => unit.id);
        const stored = await loadRosterWorkbook(store.db, ids);
        const byCode = <T extends { code: string }>(units: readonly T[]) =>
          [...units].sort((a, b) => a.code.localeCompare(b.code));
        expect({ ...stored, units: byCode(stored.units) }).toEqual({
          ...EXAMPLE_ROSTER,
          units: byCode(EXAMPLE_ROSTER.units),
        });
      } finally {
        await store.dispose();
      }
    });
  }
});
