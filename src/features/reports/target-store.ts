import type { TargetKind } from '../../kernel/report';
import type { Db } from '../../storage/schema';

/** Sets (or, with 0, removes) a unit's standing target for a metric per month, quarter or year. */
export async function setTarget(
  db: Db,
  target: { unitId: number; metricCode: string; kind: TargetKind; amount: number; setBy: number },
  now: Date,
): Promise<void> {
  if (target.amount <= 0) {
    await db
      .deleteFrom('targets')
      .where('unit_id', '=', target.unitId)
      .where('metric_code', '=', target.metricCode)
      .where('period_kind', '=', target.kind)
      .execute();
    return;
  }
  const values = { amount: target.amount, set_by: target.setBy, set_at: now.toISOString() };
  await db
    .insertInto('targets')
    .values({ unit_id: target.unitId, metric_code: target.metricCode, period_kind: target.kind, ...values })
    .onConflict((oc) => oc.columns(['unit_id', 'metric_code', 'period_kind']).doUpdateSet(values))
    .execute();
}

/** Every target of one kind, per unit and metric. */
export async function targetsOfKind(db: Db, kind: TargetKind): Promise<Map<number, Map<string, number>>> {
  const rows = await db
    .selectFrom('targets')
    .select(['unit_id', 'metric_code', 'amount'])
    .where('period_kind', '=', kind)
    .execute();
  const targets = new Map<number, Map<string, number>>();
  for (const row of rows) {
    const unit = targets.get(row.unit_id) ?? new Map<string, number>();
    unit.set(row.metric_code, Number(row.amount));
    targets.set(row.unit_id, unit);
  }
  return targets;
}

/** A unit's campaign model. */
export interface CampaignModel {
  readonly id: number;
  readonly unitId: number;
  readonly slogan: string;
  readonly createdAt: string;
}

/** Registers a model; returns its id. */
export async function insertModel(
  db: Db,
  model: { unitId: number; slogan: string; createdBy: number },
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('models')
    .values({ unit_id: model.unitId, slogan: model.slogan, created_by: model.createdBy, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The models of the given units (all of them without a filter), oldest first. */
export async function listModels(db: Db, unitIds?: readonly number[]): Promise<CampaignModel[]> {
  let query = db.selectFrom('models').select(['id', 'unit_id', 'slogan', 'created_at']).orderBy('id');
  if (unitIds) query = query.where('unit_id', 'in', unitIds.length > 0 ? unitIds : [-1]);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: Number(row.id),
    unitId: row.unit_id,
    slogan: row.slogan,
    createdAt: row.created_at,
  }));
}

/** How many models a unit has registered. */
export async function countModels(db: Db, unitId: number): Promise<number> {
  const row = await db
    .selectFrom('models')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', '=', unitId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
