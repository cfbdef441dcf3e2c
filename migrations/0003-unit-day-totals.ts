import type { Kysely, Migration } from 'kysely';

interface Tables {
  tally_entries: { unit_id: number; metric_code: string; day: string; amount: number; undone_at: string | null };
  unit_day_totals: { unit_id: number; metric_code: string; day: string; total: number };
}

/**
 * Running totals per unit, metric and local day: the sum of the amounts of the entries still standing,
 * kept in the same transaction as every insert and undo, so a unit's week total reads at most 7 rows per metric.
 * Backfilled from the entries already stored.
 */
export const unitDayTotals: Migration = {
  async up(untyped: Kysely<unknown>) {
    const db = untyped as unknown as Kysely<Tables>;
    await db.schema
      .createTable('unit_day_totals')
      .addColumn('unit_id', 'integer', (col) => col.notNull().references('units.id'))
      .addColumn('metric_code', 'text', (col) => col.notNull().references('metrics.code'))
      .addColumn('day', 'text', (col) => col.notNull())
      .addColumn('total', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('unit_day_totals_pk', ['unit_id', 'metric_code', 'day'])
      .execute();
    await db
      .insertInto('unit_day_totals')
      .columns(['unit_id', 'metric_code', 'day', 'total'])
      .expression(
        db
          .selectFrom('tally_entries')
          .select((eb) => ['unit_id', 'metric_code', 'day', eb.fn.sum<number>('amount').as('total')])
          .where('undone_at', 'is', null)
          .groupBy(['unit_id', 'metric_code', 'day']),
      )
      .execute();
  },
};
