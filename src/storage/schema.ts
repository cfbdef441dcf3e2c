import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';

/** Instants are ISO-8601 UTC text; local days are "YYYY-MM-DD" text; Telegram ids are numbers. */
type Instant = string;

export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  parent_id: number | null;
  created_at: Instant;
  /** When the unit was retired (its history stays; it leaves the tree and the boards); null while active. */
  retired_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
}

export interface ChatTable {
  chat_id: number;
  type: string;
  title: string | null;
  unit_id: number | null;
  locale: string | null;
  created_at: Instant;
  updated_at: Instant;
  /** When Telegram last refused to deliver here (bot blocked or removed, chat gone); null while reachable. */
  unreachable_at: Instant | null;
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
  /** When the metric was retired (its history stays; it can no longer be logged); null while in use. */
  retired_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
}

export interface MetricAliasTable {
  /** Folded: what /log looks it up by. */
  alias: string;
  metric_code: string;
  /** As typed, with its diacritics; rows from before migration 0009 hold their folded text. */
  display: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** Who typed the /log when it was not the person it counts for (a commander logging for them); else null. */
  entered_by: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ProcessedUpdateTable {
  update_id: ColumnType<number, number, never>;
  processed_at: Instant;
  /** What the update was about (chat, message, date or callback id), to tell a reused id from a redelivery. */
  fingerprint: string | null;
}

/** Running totals: per unit, metric and local day, the sum of the standing entries' amounts. */
export interface UnitDayTotalTable {
  unit_id: number;
  metric_code: string;
  day: string;
  total: number;
}

export interface NominationTable {
  id: Generated<number>;
  chat_id: number;
  thread_id: number | null;
  source_message_id: number | null;
  nominee_id: number;
  unit_id: number;
  nominator_id: number;
  reason: string;
  /** pending, approved or rejected. */
  status: string;
  level: string | null;
  card_message_id: number | null;
  day: string;
  created_at: Instant;
  updated_at: Instant;
}

export interface NominationEndorsementTable {
  nomination_id: number;
  user_id: number;
  created_at: Instant;
}

/** Every decision, in order: approved (with a level), rejected (with a reason) or reopened. */
export interface NominationDecisionTable {
  id: Generated<number>;
  nomination_id: number;
  decided_by: number;
  outcome: string;
  level: string | null;
  reason: string | null;
  decided_at: Instant;
}

/** The official decision on a commendation, recorded afterwards; a correction is a new row, the latest stands. */
export interface CommendationDecisionTable {
  id: Generated<number>;
  nomination_id: number;
  decision_number: string;
  /** YYYY-MM-DD. */
  decision_date: string;
  signer: string;
  recorded_by: number;
  recorded_at: Instant;
}

/** A commander below a level's authority asked for that level; once per person and level. */
export interface NominationRecommendationTable {
  id: Generated<number>;
  nomination_id: number;
  level: string;
  recommended_by: number;
  recommended_at: Instant;
}

/** One private message to a decider, due at `due_at`; `message_id` once sent binds its buttons. */
export interface NominationPrivateCopyTable {
  id: Generated<number>;
  decider_id: number;
  due_at: Instant;
  message_id: number | null;
  created_at: Instant;
}

/** The nominations a private copy lists. */
export interface NominationPrivateItemTable {
  copy_id: number;
  nomination_id: number;
  created_at: Instant;
}

/** A scheduled post, unique per job, period and chat; the outbox worker claims it with a lease and delivers it. */
export interface OutboxTable {
  id: Generated<number>;
  job: string;
  period: string;
  chat_id: number;
  thread_id: number | null;
  html: string;
  /** pending, sending, sent, failed or skipped. */
  status: string;
  /** How many times it was claimed for delivery. */
  attempts: number;
  lease_owner: string | null;
  lease_until: Instant | null;
  not_before: Instant;
  /** After this instant the post is stale: skipped, never sent late. */
  expires_at: Instant | null;
  telegram_message_id: number | null;
  last_error: string | null;
  created_at: Instant;
  sent_at: Instant | null;
  /** post, message, confirmation, edit or reaction. */
  kind: ColumnType<string, string | undefined, string>;
  /** message or reaction: which of the chat's budgets the row spends. */
  lane: ColumnType<string, string | undefined, string>;
  /** The kind's JSON: reply target, keyboard, edited message id, emoji, merge line, after-sent hook. */
  payload: string | null;
}

/** Per-group settings of the weekly posts; reminders are 'on' or 'off' (text, not a boolean column). */
export interface GroupSettingsTable {
  chat_id: number;
  reminders: string;
  /** In a forum, the topic weekly posts go to; null for the General topic. */
  posts_thread_id: number | null;
  /** How /log is confirmed: reply, reaction or auto. */
  confirm_mode: ColumnType<string, string | undefined, string>;
  updated_by: number | null;
  updated_at: Instant;
}

/** A unit's standing target for a metric per month, quarter or year (period_kind). */
export interface TargetTable {
  unit_id: number;
  metric_code: string;
  period_kind: string;
  amount: number;
  set_by: number;
  set_at: Instant;
}

/** One of a unit's campaign models: its slogan. */
export interface ModelTable {
  id: Generated<number>;
  unit_id: number;
  slogan: string;
  created_by: number;
  created_at: Instant;
}

/** A directory cache's version, moved by triggers whenever what it holds changes (migration 0012). */
export interface CacheVersionTable {
  name: string;
  version: number;
}

/** The one process sending for a bot token until `until` (migration 0012). */
export interface SenderLeaseTable {
  token_hash: string;
  owner: string;
  until: Instant;
}

/** An /export waiting for, or past, the worker that writes its files (migration 0013). */
export interface ExportRequestTable {
  id: Generated<number>;
  chat_id: number;
  thread_id: number | null;
  /** The command's message, which the files answer. */
  reply_to: number | null;
  requested_by: number;
  unit_id: number;
  day_from: string;
  day_to: string;
  locale: string;
  /** pending, running, done or failed. */
  status: string;
  /** How many times a worker claimed it. */
  attempts: number;
  lease_owner: string | null;
  lease_until: Instant | null;
  last_error: string | null;
  created_at: Instant;
  finished_at: Instant | null;
}

/** A person on the roster (migration 0016): the office's official record, linked to at most one account. */
export interface PersonTable {
  id: Generated<number>;
  full_name: string;
  /** The full name folded (no case, no diacritics): what lookups by name compare. */
  name_key: string;
  rank: string | null;
  position: string | null;
  unit_id: number;
  service_number: string | null;
  /** commander or officer. */
  role: string;
  user_id: number | null;
  /** An account or a @username (lower case, no @) to link when first seen; null once linked. */
  pending_user_id: number | null;
  pending_username: string | null;
  /** The day they left (YYYY-MM-DD); null while active. */
  left_on: string | null;
  created_at: Instant;
  updated_at: Instant;
}

/** Where a person served from which day; the open row (to_day null) is the current unit. */
export interface PersonUnitTable {
  id: Generated<number>;
  person_id: number;
  unit_id: number;
  from_day: string;
  to_day: string | null;
  recorded_by: number | null;
  recorded_at: Instant;
}

/** The audit of links: linked or unlinked, via import, sight, link, request or unlink. */
export interface PersonLinkEventTable {
  id: Generated<number>;
  person_id: number;
  user_id: number;
  event: string;
  via: string;
  by_user_id: number | null;
  at: Instant;
}

/** An officer's /iam: pending, confirmed, refused or withdrawn. */
export interface PersonLinkRequestTable {
  id: Generated<number>;
  person_id: number;
  user_id: number;
  status: string;
  created_at: Instant;
  decided_by: number | null;
  decided_at: Instant | null;
}

/** A title or commendation from the office's records ("Khen thưởng" sheet). */
export interface PastCommendationTable {
  id: Generated<number>;
  person_id: number;
  year: number;
  title: string;
  title_key: string;
  decision_number: string | null;
  decision_key: string;
  decision_date: string | null;
  issuing_level: string | null;
  imported_by: number;
  imported_at: Instant;
}

/** A roster import's dry run, kept for its apply within the window (its rows emptied after). */
export interface RosterImportTable {
  id: Generated<number>;
  admin_id: number;
  file_name: string;
  /** pending, applied, cancelled or expired. */
  status: string;
  rows: string | null;
  fingerprint: string;
  created_at: Instant;
  expires_at: Instant;
  finished_at: Instant | null;
}

// The year of emulation (migration 0017, src/features/year). Subjects: roster person ids, or `unit:<id>`.

/** One title a subject registered for in a year (đăng ký thi đua); pledging again replaces it. */
export interface YearRegistrationTable {
  year: number;
  subject_id: string;
  unit_id: number;
  title: string;
  registered_by: number;
  registered_at: Instant;
}

/** A pending matter a commander recorded privately against a subject; cleared, never deleted. */
export interface YearFlagTable {
  id: Generated<number>;
  subject_id: string;
  unit_id: number;
  /** discipline-pending, inspection-pending or complaint-pending. */
  kind: string;
  reason: string;
  flagged_by: number;
  flagged_at: Instant;
  cleared_by: number | null;
  cleared_at: Instant | null;
}

/** A vote on one title: at a unit's meeting (`review`) or the council (`council`); its counts once closed. */
export interface YearReviewTable {
  id: Generated<number>;
  stage: string;
  year: number;
  title: string;
  unit_id: number | null;
  scope_key: string;
  rule_overrides: string;
  opened_by: number;
  opened_at: Instant;
  closes_at: Instant;
  closed_at: Instant | null;
  closed_by: number | null;
  members: number | null;
  present: number | null;
  quorum_needed: number | null;
  quorum_met: number | null;
  quota_limit: number | null;
  quota_holders: number | null;
  left_after_voting: number | null;
}

/** A review's candidate in ballot order; yes, no and status once the review is counted. */
export interface YearCandidateTable {
  review_id: number;
  position: number;
  subject_id: string;
  on_ballot: number;
  yes: number | null;
  no: number | null;
  status: string | null;
}

/** Who was issued a ballot and whether they voted: nothing here names a choice. */
export interface YearBallotVoterTable {
  review_id: number;
  user_id: number;
  person_id: string;
  token_check: string;
  voted: number;
}

/** The choices, keyed by a hash of a token no table holds: nothing here names a voter, or when. */
export interface YearBallotChoiceTable {
  review_id: number;
  token_hash: string;
  position: number;
  choice: string;
}

/** Who sent a paper ballot to the council (at the meeting, or in writing from away): nothing here names a choice. */
export interface YearWrittenBallotTable {
  review_id: number;
  person_id: string;
  present: number;
  recorded_by: number;
  recorded_at: Instant;
}

/** The paper ballots' sums per candidate, changed in place: nothing here names a voter, or when. */
export interface YearWrittenTotalTable {
  review_id: number;
  position: number;
  yes: number;
  no: number;
}

/** A member of the emulation council, while `removed_at` is null. */
export interface YearCouncilMemberTable {
  id: Generated<number>;
  person_id: string;
  added_by: number;
  added_at: Instant;
  removed_by: number | null;
  removed_at: Instant | null;
}

/** A title held for a year, by decision (số quyết định, ngày, người ký); one per subject, title and year. */
export interface YearTitleTable {
  id: Generated<number>;
  year: number;
  subject_id: string;
  title: string;
  unit_id: number | null;
  decision_number: string;
  decision_date: string;
  signer: string;
  recorded_by: number;
  recorded_at: Instant;
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
  unit_day_totals: UnitDayTotalTable;
  nominations: NominationTable;
  nomination_endorsements: NominationEndorsementTable;
  nomination_decisions: NominationDecisionTable;
  commendation_decisions: CommendationDecisionTable;
  nomination_recommendations: NominationRecommendationTable;
  nomination_private_copies: NominationPrivateCopyTable;
  nomination_private_items: NominationPrivateItemTable;
  group_settings: GroupSettingsTable;
  outbox: OutboxTable;
  targets: TargetTable;
  models: ModelTable;
  cache_versions: CacheVersionTable;
  sender_lease: SenderLeaseTable;
  export_requests: ExportRequestTable;
  people: PersonTable;
  person_units: PersonUnitTable;
  person_link_events: PersonLinkEventTable;
  person_link_requests: PersonLinkRequestTable;
  past_commendations: PastCommendationTable;
  roster_imports: RosterImportTable;
  year_registrations: YearRegistrationTable;
  year_flags: YearFlagTable;
  year_reviews: YearReviewTable;
  year_candidates: YearCandidateTable;
  year_ballot_voters: YearBallotVoterTable;
  year_ballot_choices: YearBallotChoiceTable;
  year_council_members: YearCouncilMemberTable;
  year_titles: YearTitleTable;
  year_written_ballots: YearWrittenBallotTable;
  year_written_totals: YearWrittenTotalTable;
}

export type Db = Kysely<Database>;
export type PersonRow = Selectable<PersonTable>;
