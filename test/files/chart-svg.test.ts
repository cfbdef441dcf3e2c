import { describe, expect, it } from 'vitest';
import { panelsSvg, rankChartSvg, trendChartSvg } from '../../src/files/chart-svg';
import { xmlText } from '../../src/i18n/format';

describe('rankChartSvg', () => {
  const svg = rankChartSvg({
    title: 'Cấp mới căn cước công dân: xếp hạng',
    subtitle: 'thẻ',
    bars: [
      { label: 'PC08', value: 100, shown: '100' },
      { label: 'PC06', value: 1400, shown: '1.400' },
      { label: 'PA04', value: 0, shown: '0' },
    ],
  });

  it('ranks longest first, scales to the largest, and prints each value', () => {
    const labels = [...svg.matchAll(/text-anchor="end" fill="#222">([^<]+)</g)].map((match) => match[1]);
    expect(labels).toEqual(['PC06', 'PC08', 'PA04']);
    const widths = [...svg.matchAll(/<rect x="260" y="\d+" width="(\d+)"/g)].map((match) => Number(match[1]));
    expect(widths).toEqual([560, 40, 0]);
    expect(svg).toContain('>1.400<');
    expect(svg).toContain('font-family="Be Vietnam Pro"');
  });

  it('escapes what people typed', () => {
    expect(xmlText('<b>&"')).toBe('&lt;b&gt;&amp;&quot;');
    const hostile = rankChartSvg({ title: '<script>', subtitle: '', bars: [{ label: 'A&B', value: 1, shown: '1' }] });
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('A&amp;B');
  });
});

describe('trendChartSvg', () => {
  it('draws one column per week, oldest first, heights in proportion', () => {
    const svg = trendChartSvg({
      title: 'cccd',
      subtitle: '',
      bars: Array.from({ length: 8 }, (_, index) => ({
        label: `W${index + 1}`,
        value: index * 10,
        shown: String(index * 10),
      })),
    });
    const heights = [...svg.matchAll(/<rect x="\d+" y="\d+" width="\d+" height="(\d+)" rx="4"/g)].map((m) =>
      Number(m[1]),
    );
    expect(heights).toHaveLength(8);
    expect(heights[0]).toBe(0);
    expect(heights[7]).toBe(300);
    expect(heights[3]! / heights[7]!).toBeCloseTo(3 / 7, 1);
  });
});

describe('panelsSvg', () => {
  const bar = (label: string, value: number) => ({ label, value, shown: String(value) });

  it('stacks one panel per metric, each scaled to its own largest bar', () => {
    const svg = panelsSvg({
      title: 'Tuần 2026-W48',
      subtitle: '',
      panels: [
        { kind: 'rank', title: 'Thẻ', bars: [bar('PC06', 1400), bar('PC08', 700)] },
        { kind: 'rank', title: 'Xe', bars: [bar('PC06', 5), bar('PC08', 10)] },
      ],
    });
    const widths = [...(svg ?? '').matchAll(/<rect x="260" y="\d+" width="(\d+)"/g)].map((match) => Number(match[1]));
    // 1,400 cards and 10 cars both fill the bar space: the metrics never share a scale.
    expect(widths).toEqual([560, 280, 560, 280]);
    expect(
      [...(svg ?? '').matchAll(/font-size="20" font-weight="700" fill="#111">([^<]+)</g)].map((m) => m[1]),
    ).toEqual(['Thẻ', 'Xe']);
  });

  it('draws nothing when no panel has a positive bar, and leaves out the empty panels', () => {
    expect(panelsSvg({ title: 't', subtitle: '', panels: [] })).toBeUndefined();
    expect(
      panelsSvg({ title: 't', subtitle: '', panels: [{ kind: 'trend', title: 'Thẻ', bars: [bar('W1', 0)] }] }),
    ).toBeUndefined();
    const one = panelsSvg({
      title: 't',
      subtitle: '',
      panels: [
        { kind: 'trend', title: 'Thẻ', bars: [bar('W1', 0), bar('W2', 3)] },
        { kind: 'rank', title: 'Xe', bars: [bar('PC06', 0)] },
      ],
    });
    expect(one).toContain('>Thẻ<');
    expect(one).not.toContain('>Xe<');
  });
});
