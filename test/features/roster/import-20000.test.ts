import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyImport, dryRunImport } from '../../../src/features/roster/import-roster';
import { MAX_SHEET_ROWS } from '../../../src/features/roster/import-sheets';
import { POLICE_RANKS } from '../../../src/features/roster/official-name';
import { type RosterWorkbook, writeRosterWorkbook } from '../../../src/features/roster/roster-export';
import { createXlsxWriter } from '../../../src/files/xlsx-writer';
import { DIALECTS, openTestStore, type TestStore } from '../../helpers/dialects';
import { ADMIN, scopeOver } from './roster-fixture';

/** A province of 40 units and MAX_SHEET_ROWS people, written by the export's own writer. */
function province(): RosterWorkbook {
  const units = [
    { code: 'CAT', name: 'Công an tỉnh Lạng Sơn', parentCode: null },
    ...Array.from({ length: 39 }, (_, i) => ({ code: `U${i + 1}`, name: `Đơn vị số ${i + 1}`, parentCode: 'CAT' })),
  ];
  const people = Array.from({ length: MAX_SHEET_ROWS }, (_, i) => ({
    fullName: `Nguyễn Văn Thứ ${i + 1}`,
    rank: POLICE_RANKS[i % POLICE_RANKS.length]!,
    position: 'Cán bộ',
    unitCode: units[i % units.length]!.code,
    serviceNumber: String(100_000 + i),
    telegram: i % 3 === 0 ? `@can_bo_${i}` : null,
    role: i % 50 === 0 ? ('commander' as const) : ('officer' as const),
    leftOn: null,
  }));
  return { units, people, commendations: [] };
}

for (const dialect of DIALECTS) {
  describe(`a roster of ${MAX_SHEET_ROWS.toLocaleString('en')} people on ${dialect}`, () => {
    let store: TestStore;
    let dir: string;
    beforeEach(async () => {
      store = await openTestStore(dialect);
      dir = mkdtempSync(join(tmpdir(), 'roster-big-'));
    });
    afterEach(async () => {
      await store.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('is dry-run and applied within 30 s (a bound, not a benchmark)', async () => {
      const file = join(dir, 'province.xlsx');
      const writer = createXlsxWriter(file);
      await writeRosterWorkbook(writer, province());
      await writer.finish();
      const bytes = new Uint8Array(readFileSync(file));

      const started = performance.now();
      const run = await dryRunImport(scopeOver(store.db), { userId: ADMIN }, { fileName: 'province.xlsx', bytes });
      const dryRunMs = performance.now() - started;
      if (!run.ok) throw new Error(run.error.kind);
      expect(run.value.summary).toMatchObject({ unitsCreated: 40, peopleCreated: MAX_SHEET_ROWS, errors: 0 });
      const applied = await store.db
        .transaction()
        .execute((trx) =>
          applyImport(scopeOver(trx), { userId: ADMIN }, { importId: run.value.importId, markMissingLeft: false }),
        );
      const totalMs = performance.now() - started;
      expect(applied.ok).toBe(true);
      const count = await store.db
        .selectFrom('people')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(MAX_SHEET_ROWS);
      console.log(
        `roster import on ${dialect}: ${bytes.length.toLocaleString('en')} bytes, ${MAX_SHEET_ROWS} people: ` +
          `dry run ${Math.round(dryRunMs)} ms, dry run + apply ${Math.round(totalMs)} ms`,
      );
      expect(totalMs).toBeLessThan(30_000);
    }, 90_000);
  });
}
