/**
 * What the year reads of the campaign's other tables, read-only: a member's own tallies, the units' totals and
 * yearly targets, a person's approved commendations with their official decisions, a private chat's language.
 * Kept here, small, so the year does not lean on the other features' stores while they change.
 */
import type { DayRange } from '../../kernel/day';
import type { Db } from '../../storage/schema';

const inList = (ids: readonly number[]) => (ids.length > 0 ? ids : [-1]);

/** A member's standing entries over the days, per metric. */
export async function memberTotals(db: Db, userId: number, range: DayRange): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('tally_entries')
    .select((eb) => ['metric_code', eb.fn.sum<number>('amount').as('total')])
    .where('user_id', '=', userId)
    .where('undone_at', 'is', null)
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy('metric_code')
    .execute();
  return new Map(rows.map((row) => [row.metric_code, Number(row.total)]));
}

/** The units' own running totals over the days, per unit and metric. */
export async function unitsTotals(
  db: Db,
  unitIds: readonly number[],
  range: DayRange,
): Promise<{ unitId: number; metricCode: string; total: number }[]> {
  const rows = await db
    .selectFrom('unit_day_totals')
    .select((eb) => ['unit_id', 'metric_code', eb.fn.sum<number>('total').as('total')])
    .where('unit_id', 'in', inList(unitIds))
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy(['unit_id', 'metric_code'])
    .execute();
  return rows.map((row) => ({ unitId: Number(row.unit_id), metricCode: row.metric_code, total: Number(row.total) }));
}

/** Every yearly target, per unit and metric. */
export async function yearTargets(db: Db): Promise<Map<number, Map<string, number>>> {
  const rows = await db
    .selectFrom('targets')
    .select(['unit_id', 'metric_code', 'amount'])
    .where('period_kind', '=', 'year')
    .execute();
  const targets = new Map<number, Map<string, number>>();
  for (const row of rows) {
    const unit = targets.get(Number(row.unit_id)) ?? new Map<string, number>();
    unit.set(row.metric_code, Number(row.amount));
    targets.set(Number(row.unit_id), unit);
  }
  return targets;
}

/** An approved commendation of the campaign, with its official decision once recorded. */
export interface CommendationEvidence {
  readonly level: string;
  readonly reason: string;
  /** When it was approved (ISO instant). */
  readonly approvedAt: string;
  readonly decision?: { readonly number: string; readonly date: string };
}

/** The commendations approved for these Telegram users in [since, until), by user, oldest first. */
export async function approvedCommendations(
  db: Db,
  userIds: readonly number[],
  window: { readonly since: Date; readonly until: Date },
): Promise<Map<number, CommendationEvidence[]>> {
  const out = new Map<number, CommendationEvidence[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('nominations as n')
    .innerJoin('nomination_decisions as d', (join) =>
      join.onRef('d.nomination_id', '=', 'n.id').on('d.id', '=', (eb) =>
        eb
          .selectFrom('nomination_decisions as latest')
          .select((inner) => inner.fn.max('latest.id').as('id'))
          .whereRef('latest.nomination_id', '=', 'n.id'),
      ),
    )
    .leftJoin('commendation_decisions as c', (join) =>
      join.onRef('c.nomination_id', '=', 'n.id').on('c.id', '=', (eb) =>
        eb
          .selectFrom('commendation_decisions as last')
          .select((inner) => inner.fn.max('last.id').as('id'))
          .whereRef('last.nomination_id', '=', 'n.id'),
      ),
    )
    .select(['n.nominee_id', 'n.level', 'n.reason', 'd.decided_at', 'c.decision_number', 'c.decision_date'])
    .where('n.status', '=', 'approved')
    .where('n.nominee_id', 'in', userIds)
    .where('d.decided_at', '>=', window.since.toISOString())
    .where('d.decided_at', '<', window.until.toISOString())
    .orderBy('d.decided_at')
    .orderBy('n.id')
    .execute();
  for (const row of rows) {
    const list = out.get(Number(row.nominee_id)) ?? [];
    list.push({
      level: row.level ?? '',
      reason: row.reason,
      approvedAt: row.decided_at,
      ...(row.decision_number !== null &&
        row.decision_date !== null && { decision: { number: row.decision_number, date: row.decision_date } }),
    });
    out.set(Number(row.nominee_id), list);
  }
  return out;
}

/** The language a person chose in their private chat with the bot, if any. */
export async function privateLocale(db: Db, userId: number): Promise<string | null> {
  const row = await db.selectFrom('chats').select('locale').where('chat_id', '=', userId).executeTakeFirst();
  return row?.locale ?? null;
}
