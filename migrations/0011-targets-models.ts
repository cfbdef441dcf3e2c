import type { Kysely, Migration } from 'kysely';
import { addIdColumn, type MigrationDialect } from './columns';

/**
 * Targets (a unit's goal for a metric per month, quarter or year; one standing value per unit, metric and kind)
 * and the campaign's models (a unit's slogan). Also a covering index of the running totals by day, so a week's or a
 * year's roll-up over every unit reads only the days it covers (bench/reports.ts).
 */
export const targetsModels = (dialect: MigrationDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('targets')
      .addColumn('unit_id', 'integer', (col) => col.notNull().references('units.id'))
      .addColumn('metric_code', 'text', (col) => col.notNull().references('metrics.code'))
      .addColumn('period_kind', 'text', (col) => col.notNull())
      .addColumn('amount', 'bigint', (col) => col.notNull())
      .addColumn('set_by', 'bigint', (col) => col.notNull())
      .addColumn('set_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('targets_pk', ['unit_id', 'metric_code', 'period_kind'])
      .execute();

    await addIdColumn(db.schema.createTable('models'), dialect)
      .addColumn('unit_id', 'integer', (col) => col.notNull().references('units.id'))
      .addColumn('slogan', 'text', (col) => col.notNull())
      .addColumn('created_by', 'bigint', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('models_unit').on('models').column('unit_id').execute();

    await db.schema
      .createIndex('unit_day_totals_day')
      .on('unit_day_totals')
      .columns(['day', 'unit_id', 'metric_code', 'total'])
      .execute();
  },
});
