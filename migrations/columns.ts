import type { CreateTableBuilder } from 'kysely';

export type MigrationDialect = 'sqlite' | 'postgres';

/** An auto-numbered primary key in the dialect's own words. */
export function addIdColumn<T extends string>(table: CreateTableBuilder<T, never>, dialect: MigrationDialect) {
  return dialect === 'postgres'
    ? table.addColumn('id', 'serial', (col) => col.primaryKey())
    : table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement());
}
