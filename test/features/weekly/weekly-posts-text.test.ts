import { describe, expect, it } from 'vitest';
import type { Nomination } from '../../../src/features/nominations/nomination';
import type { DigestReport, LeaderboardReport } from '../../../src/features/weekly/weekly-figures';
import {
  changeText,
  renderDigest,
  renderLeaderboard,
  renderReminder,
} from '../../../src/features/weekly/weekly-posts-text';
import { MESSAGE_LIMIT } from '../../../src/features/weekly/weekly-report';
import { weekPeriod } from '../../../src/kernel/job-period';
import type { Unit } from '../../../src/kernel/units';
import { seedMetrics } from '../../helpers/metric-catalog';

const period = weekPeriod({ from: '2026-11-23', to: '2026-11-29' });
const metrics = seedMetrics();
const unit = (id: number): Unit => ({
  id,
  code: `CAH-${String(id).padStart(3, '0')}`,
  name: `Công an huyện số ${id} <Lạng Sơn>`,
  parentId: id === 1 ? null : 1,
  groups: 1,
});
const nomination = (id: number): Nomination & { unitCode: string } => ({
  id,
  chatId: -100,
  threadId: null,
  sourceMessageId: null,
  nomineeId: 2000 + id,
  nomineeName: `Đồng chí số ${id}`,
  unitId: 2,
  unitCode: 'CAH-002',
  nominatorId: 1,
  nominatorName: 'Người đề cử',
  reason: 'giúp đỡ người dân làm thủ tục căn cước ngoài giờ hành chính, kể cả ngày nghỉ cuối tuần',
  status: 'pending',
  level: null,
  cardMessageId: null,
  day: '2026-11-24',
  createdAt: '2026-11-24T02:00:00.000Z',
  endorsements: 0,
  decidedBy: null,
  decidedByName: null,
  rejectReason: null,
});

/** The province of a big campaign: 150 units, 80 nominations waiting, 60 commendations. */
function bigDigest(): DigestReport {
  const units = Array.from({ length: 150 }, (_, i) => unit(i + 1));
  return {
    roots: [units[0]!],
    period,
    totals: metrics.map((metric, i) => ({ metric, current: 1000 * (i + 1), previous: 900 * (i + 1) })),
    units: units.map((u, i) => ({ unit: u, depth: i === 0 ? 0 : 1, current: i * 37, previous: i * 30 })),
    silent: units.slice(100),
    top: metrics.map((metric) => ({
      metric,
      people: [1, 2, 3].map((n) => ({ name: `Cán bộ tiêu biểu số ${n}`, unitCode: 'CAH-002', total: 100 * n })),
    })),
    pending: Array.from({ length: 80 }, (_, i) => nomination(i + 1)),
    commendations: Array.from({ length: 60 }, (_, i) => ({
      level: 'giaykhen',
      nominee: `Đồng chí số ${i}`,
      unitName: 'Công an huyện',
      reason: 'hiến máu cứu người bị tai nạn giao thông',
    })),
  };
}

describe('renderDigest', () => {
  it('stays under Telegram’s 4096 characters, saying how many it left out', () => {
    const html = renderDigest('vi', bigDigest());

    expect(html.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(html).toMatch(/…và \d+ mục khác/);
    // The chart stays one well-formed <pre> block, and names are escaped.
    expect(html.match(/<pre>/g)).toHaveLength(1);
    expect(html).toContain('</pre>');
    expect(html).not.toContain('<Lạng Sơn>');
  });

  it('keeps a small digest whole', () => {
    const small = { ...bigDigest(), units: bigDigest().units.slice(0, 3), silent: [], pending: [], commendations: [] };
    const html = renderDigest('en', { ...small, top: small.top.slice(0, 1) });

    expect(html).not.toContain('more');
    expect(html).toContain('✅ Every unit with a group logged something.');
  });
});

describe('renderLeaderboard', () => {
  it('stays under the limit too', () => {
    const report: LeaderboardReport = {
      unit: unit(2),
      period,
      totals: bigDigest().totals,
      top: bigDigest().top,
      commendations: Array.from({ length: 200 }, (_, i) => ({
        level: 'bieuduong',
        nominee: `Đồng chí số ${i}`,
        unitName: 'Công an huyện',
        reason: 'hiến máu cứu người bị tai nạn giao thông',
      })),
    };
    const html = renderLeaderboard('vi', report);

    expect(html.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(html).toMatch(/…và \d+ mục khác$/);
  });
});

describe('changeText and renderReminder', () => {
  it.each([
    [{ kind: 'up', percent: 1250 }, 'vi', '▲ 1.250%'],
    [{ kind: 'down', percent: 5 }, 'en', '▼ 5%'],
    [{ kind: 'new' }, 'vi', '▲ mới'],
    [{ kind: 'same' }, 'vi', 'không đổi'],
  ] as const)('%j in %s is %s', (change, locale, text) => {
    expect(changeText(locale, change)).toBe(text);
  });

  it('alternates the two lines of the motto week by week', () => {
    const w48 = renderReminder('vi', 'PC06', { label: '2026-11-27', range: { from: '2026-11-23', to: '2026-11-27' } });
    const w49 = renderReminder('vi', 'PC06', { label: '2026-12-04', range: { from: '2026-11-30', to: '2026-12-04' } });

    expect(w48).toContain('«5 xin»: xin chào, xin cảm ơn, xin phép, xin lỗi, xin được hướng dẫn.');
    expect(w49).toContain('«5 luôn»: luôn mỉm cười');
  });
});
