import { approvedNominations } from '../db/nomination-store';
import { allUnitTotals } from '../db/report-store';
import type { Db } from '../db/schema';
import { targetsOfKind } from '../db/target-store';
import { unitTotals } from '../db/weekly-store';
import { instantsOfDays } from '../domain/cron';
import type { MetricCatalog } from '../domain/metric';
import { buildReport, byUnitAndMetric, type Report, type ReportPeriod, targetBasis } from '../domain/report';
import type { UnitTree } from '../domain/units';

/**
 * The report of a unit's subtree over a period: its units' totals from the running totals (one grouped read), the
 * targets of the kind the period is measured against, and the commendations approved within it.
 */
export async function composeReport(
  db: Db,
  request: { tree: UnitTree; catalog: MetricCatalog; unitId: number; period: ReportPeriod; timeZone: string },
): Promise<Report | undefined> {
  const { tree, catalog, unitId, period } = request;
  if (!tree.byId(unitId)) return undefined;
  const ids = tree.subtreeIds(unitId);
  const basis = targetBasis(period);
  const [totals, targets, approved] = await Promise.all([
    ids.length === tree.all.length ? allUnitTotals(db, period.range) : unitTotals(db, ids, period.range),
    basis ? targetsOfKind(db, basis.kind) : Promise.resolve(new Map<number, Map<string, number>>()),
    approvedNominations(db, { unitIds: ids, ...instantsOfDays(period.range, request.timeZone) }),
  ]);
  return buildReport({
    tree,
    catalog,
    unitId,
    period,
    totals: byUnitAndMetric(totals),
    targets,
    commendations: approved.map((nomination) => ({
      level: nomination.level ?? '',
      nominee: nomination.nomineeName,
      unitName: tree.byId(nomination.unitId)?.name ?? '',
    })),
  });
}
