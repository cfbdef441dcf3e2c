import { describe, expect, it } from 'vitest';
import { phraseOf, writeReportParagraph } from '../../../src/features/reports/report-text';
import { buildReport, paragraphOf, type ReportPeriod } from '../../../src/kernel/report';
import { byUnitAndMetric } from '../../../src/kernel/totals';
import { createUnitTree } from '../../../src/kernel/units';
import { seedCatalog, seedMetric } from '../../helpers/metric-catalog';

const catalog = seedCatalog();
const tree = createUnitTree([
  { id: 1, code: 'CAT', name: 'Công an tỉnh Lạng Sơn', parentId: null, groups: 1 },
  { id: 2, code: 'PC06', name: 'Phòng PC06', parentId: 1, groups: 1 },
  { id: 3, code: 'PC08', name: 'Phòng Cảnh sát Giao thông', parentId: 1, groups: 1 },
  { id: 4, code: 'PC08-DK', name: 'Đội Đăng ký xe', parentId: 3, groups: 0 },
  { id: 5, code: 'PA04', name: 'Phòng An ninh Kinh tế', parentId: 1, groups: 1 },
]);
const MAY_AUG: ReportPeriod = { kind: 'months', range: { from: '2021-05-01', to: '2021-08-31' } };
const ARTICLE = [
  { unitId: 2, metricCode: 'cccd', total: 1400 },
  { unitId: 2, metricCode: 'vlnc', total: 447 },
  { unitId: 2, metricCode: 'antt', total: 8 },
  { unitId: 3, metricCode: 'dkoto', total: 200 },
  { unitId: 4, metricCode: 'dkoto', total: 310 },
  { unitId: 4, metricCode: 'dktam', total: 5222 },
  { unitId: 4, metricCode: 'bienvang', total: 461 },
];

const report = (unitId: number, rows = ARTICLE, period = MAY_AUG, targets = new Map<number, Map<string, number>>()) =>
  buildReport({ tree, catalog, unitId, period, totals: byUnitAndMetric(rows), targets, commendations: [] })!;

describe('writeReportParagraph', () => {
  it('writes a unit alone the way the article does', () => {
    expect(writeReportParagraph('vi', paragraphOf(report(2)))).toBe(
      'Từ tháng 5/2021 đến hết tháng 8/2021, đơn vị đã cấp mới 1.400 căn cước công dân; ' +
        'cấp 447 giấy phép vận chuyển vật liệu nổ công nghiệp; ' +
        'cấp 8 giấy chứng nhận đủ điều kiện về an ninh trật tự.',
    );
  });

  it('gives each sub-unit that reported its sentence, rolled up, leaves out the silent one, then the whole', () => {
    const text = writeReportParagraph('vi', paragraphOf(report(1)));
    expect(text).toBe(
      'Từ tháng 5/2021 đến hết tháng 8/2021, Phòng PC06 đã cấp mới 1.400 căn cước công dân; ' +
        'cấp 447 giấy phép vận chuyển vật liệu nổ công nghiệp; cấp 8 giấy chứng nhận đủ điều kiện về an ninh trật tự. ' +
        'Phòng Cảnh sát Giao thông đã đăng ký mới 510 xe ô tô; đăng ký tạm thời 5.222 trường hợp; ' +
        'cấp đổi biển số màu vàng cho 461 phương tiện. ' +
        'Tính chung, Công an tỉnh Lạng Sơn đã cấp mới 1.400 căn cước công dân; ' +
        'cấp 447 giấy phép vận chuyển vật liệu nổ công nghiệp; cấp 8 giấy chứng nhận đủ điều kiện về an ninh trật tự; ' +
        'đăng ký mới 510 xe ô tô; đăng ký tạm thời 5.222 trường hợp; cấp đổi biển số màu vàng cho 461 phương tiện.',
    );
    expect(text).not.toContain('An ninh Kinh tế');
  });

  it('names the commendations and the targets', () => {
    const targets = new Map([[2, new Map([['cccd', 500]])]]);
    const built = report(2, ARTICLE, MAY_AUG, targets);
    const text = writeReportParagraph('vi', {
      ...paragraphOf(built),
      commendations: [{ level: 'giaykhen', nominee: 'Hà Văn Hưng', unitName: 'Phòng PC06' }],
    });
    // The monthly 500 over four months is 2,000: 1,400 of it is 70%.
    expect(text).toContain(
      'Trong thời gian này, 1 lượt cá nhân được khen thưởng: Giấy khen của Giám đốc Công an tỉnh: đồng chí Hà Văn Hưng (Phòng PC06).',
    );
    expect(text).toContain('So với chỉ tiêu được giao, cấp mới căn cước công dân đạt 70%.');
  });

  it.each<[ReportPeriod, string]>([
    [{ kind: 'month', range: { from: '2026-11-01', to: '2026-11-30' } }, 'Trong tháng 11/2026, '],
    [{ kind: 'quarter', range: { from: '2026-10-01', to: '2026-12-31' } }, 'Trong quý IV/2026, '],
    [{ kind: 'year', range: { from: '2026-01-01', to: '2026-12-31' } }, 'Trong năm 2026, '],
    [{ kind: 'week', range: { from: '2026-11-30', to: '2026-12-06' } }, 'Trong tuần từ 30/11/2026 đến 06/12/2026, '],
    [{ kind: 'days', range: { from: '2021-05-01', to: '2021-08-31' } }, 'Từ ngày 01/05/2021 đến ngày 31/08/2021, '],
  ])('opens %j with %j', (period, opening) => {
    expect(writeReportParagraph('vi', paragraphOf(report(2, ARTICLE, period)))).toMatch(new RegExp(`^${opening}`));
  });

  it('says nothing was logged when nothing was', () => {
    expect(writeReportParagraph('vi', paragraphOf(report(5)))).toBe(
      'Từ tháng 5/2021 đến hết tháng 8/2021, đơn vị chưa ghi nhận kết quả nào.',
    );
  });

  it('writes English with English digits', () => {
    expect(writeReportParagraph('en', paragraphOf(report(2)))).toBe(
      'From 5/2021 to the end of 8/2021, the unit issued 1,400 new citizen ID cards; ' +
        'issued 447 industrial-explosives transport permits; issued 8 security-and-order certificates.',
    );
  });

  it('escapes a phrase typed by an admin, and places an amount a phrase forgot', () => {
    const metric = { ...seedMetric('cccd'), reportPhrase: { vi: 'làm <b>thẻ</b>', en: 'x {amount}' } };
    expect(phraseOf('vi', { metric, total: 17500 })).toBe('làm &lt;b&gt;thẻ&lt;/b&gt; 17.500');
  });
});

describe('buildReport', () => {
  it('rolls targets up from sub-units that have them when the unit has none', () => {
    const targets = new Map([
      [2, new Map([['cccd', 300]])],
      [4, new Map([['cccd', 200]])],
    ]);
    const built = report(1, ARTICLE, { kind: 'month', range: { from: '2021-05-01', to: '2021-05-31' } }, targets);
    expect(built.targets.map((row) => [row.metric.code, row.total, row.target, row.percent])).toEqual([
      ['cccd', 1400, 500, 280],
    ]);
    // A target of its own wins over its sub-units'.
    targets.set(1, new Map([['cccd', 2800]]));
    const own = report(1, ARTICLE, { kind: 'month', range: { from: '2021-05-01', to: '2021-05-31' } }, targets);
    expect(own.targets[0]?.percent).toBe(50);
  });

  it('lists each unit with its subtree rolled up, never adding different metrics', () => {
    const built = report(1);
    const pc08 = built.units.find((line) => line.unit.code === 'PC08')!;
    expect(pc08.totals.map((amount) => [amount.metric.code, amount.total])).toEqual([
      ['dkoto', 510],
      ['dktam', 5222],
      ['bienvang', 461],
    ]);
    expect(pc08.own.map((amount) => amount.total)).toEqual([200]);
    expect(built.units.map((line) => line.unit.code)).toEqual(['CAT', 'PC06', 'PC08', 'PC08-DK']);
  });
});
