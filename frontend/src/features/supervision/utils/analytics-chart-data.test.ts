import { describe, expect, it } from 'vitest';
import { SPLIT_COLORS, forecastChart, splitChart } from './analytics-chart-data';

const labels = { handling: '部门办理', correction: '企业补正', waiting: '等待前置', promised: '承诺时限' };

describe('splitChart', () => {
  it('gives one series per part and one category per row, in order', () => {
    const rows = [
      { name: '施工许可', f: { average_handling_days: 0.8, average_correction_days: 0, average_waiting_days: 1.2, average_promised_days: 5.8 } },
      { name: '用地规划', f: { average_handling_days: 0.7, average_correction_days: 0.5, average_waiting_days: 0, average_promised_days: 4 } },
    ];
    const chart = splitChart(rows, (r) => r.name, (r) => r.f, labels);
    expect(chart.categories).toEqual(['施工许可', '用地规划']);
    expect(chart.series.map((s) => s.name)).toEqual(['部门办理', '企业补正', '等待前置', '承诺时限']);
    expect(chart.series[0]?.values).toEqual([0.8, 0.7]);
    expect(chart.series[1]?.values).toEqual([0, 0.5]);
    expect(chart.series[2]?.values).toEqual([1.2, 0]);
    expect(chart.series[3]?.values).toEqual([5.8, 4]);
    expect(chart.series[1]?.color).toBe(SPLIT_COLORS.correction);
  });

  it('draws nothing for no rows', () => {
    const chart = splitChart([], () => '', () => ({ average_handling_days: 0, average_correction_days: 0, average_waiting_days: 0, average_promised_days: 0 }), labels);
    expect(chart.categories).toEqual([]);
    expect(chart.series.every((s) => s.values.length === 0)).toBe(true);
  });
});

describe('forecastChart', () => {
  it('puts the longest forecast first, the target beside each, and leaves out cases without one', () => {
    const chart = forecastChart(
      [
        { number: 'EXAMPLE-2026-0001', projected_working_days: 8 },
        { number: 'EXAMPLE-2026-0002', projected_working_days: null },
        { number: 'EXAMPLE-2026-0003', projected_working_days: 130 },
      ],
      120,
      { projected: '预计', target: '目标' },
    );
    expect(chart.categories).toEqual(['EXAMPLE-2026-0003', 'EXAMPLE-2026-0001']);
    expect(chart.series[0]?.values).toEqual([130, 8]);
    expect(chart.series[1]?.values).toEqual([120, 120]);
  });
});
