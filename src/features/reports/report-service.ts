import { instantsOfDays } from '../../kernel/cron';
import type { MetricCatalog } from '../../kernel/metric';
import { buildReport, type Report, type ReportPeriod, targetBasis } from '../../kernel/report';
import { byUnitAndMetric } from '../../kernel/totals';
import type { UnitTree } from '../../kernel/units';
import type { Db } from '../../storage/schema';
import { approvedNominations } from '../nominations/nomination-store';
import { unitTotals } from '../weekly/weekly-store';
import { allUnitTotals } from './report-store';
import { targetsOfKind } from './target-store';

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
