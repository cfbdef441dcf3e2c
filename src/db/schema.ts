import type { ColumnType, Generated, Insertable, Kysely, Selectable } from 'kysely';

/** Instants are ISO-8601 UTC text; local days are "YYYY-MM-DD" text; Telegram ids are numbers. */
type Instant = string;

export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  parent_id: number | null;
  created_at: Instant;
}

export interface ChatTable {
  chat_id: number;
  type: string;
  title: string | null;
  unit_id: number | null;
  locale: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface MemberTable {
  user_id: number;
  first_name: string;
  last_name: string | null;
  username: string | null;
  unit_id: number | null;
  first_seen_at: Instant;
  last_seen_at: Instant;
}

export interface RoleTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  unit_id: number | null;
  granted_by: number | null;
  granted_at: Instant;
}

export interface MetricTable {
  code: string;
  name_vi: string;
  name_en: string;
  count_unit_vi: string;
  count_unit_en: string;
  max_per_entry: number;
  report_phrase_vi: string;
  report_phrase_en: string;
  sort_order: number;
  created_at: Instant;
}

export interface MetricAliasTable {
  alias: string;
  metric_code: string;
}

export interface TallyEntryTable {
  id: Generated<number>;
  update_id: number;
  chat_id: number;
  message_id: number;
  unit_id: number;
  user_id: number;
  metric_code: string;
  amount: number;
  day: string;
  note: string | null;
  created_at: Instant;
  undone_at: Instant | null;
  undone_by: number | null;
}

export interface ProcessedUpdateTable {
  update_id: ColumnType<number, number, never>;
  processed_at: Instant;
}

export interface Database {
  units: UnitTable;
  chats: ChatTable;
  members: MemberTable;
  roles: RoleTable;
  metrics: MetricTable;
  metric_aliases: MetricAliasTable;
  tally_entries: TallyEntryTable;
  processed_updates: ProcessedUpdateTable;
}

export type Db = Kysely<Database>;
export type UnitRow = Selectable<UnitTable>;
export type ChatRow = Selectable<ChatTable>;
export type MemberRow = Selectable<MemberTable>;
export type MetricRow = Selectable<MetricTable>;
export type TallyEntryRow = Selectable<TallyEntryTable>;
export type NewTallyEntryRow = Insertable<TallyEntryTable>;
