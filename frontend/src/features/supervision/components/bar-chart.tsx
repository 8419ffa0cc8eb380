/**
 * A bar chart drawn by ECharts, loaded only with the supervision page (its own chunk). The
 * canvas is hidden from assistive technology: the page prints the same figures in a table.
 */
import { BarChart as EBarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([EBarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  values: (number | null)[];
  color: string;
}

interface BarChartProps {
  categories: string[];
  series: BarSeries[];
  /** Percentages (0–100) on the value axis. */
  percent?: boolean;
  height?: number;
  /** What the chart shows, for people who cannot see it. */
  description: string;
}

export function BarChart({ categories, series, percent = false, height = 320, description }: BarChartProps) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption({
      aria: { enabled: true, label: { description } },
      textStyle: { fontFamily: getComputedStyle(element).fontFamily },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v == null ? '—' : percent ? `${String(v)}%` : String(v)) },
      legend: series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 8, right: 24, top: series.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: categories,
        axisLabel: { interval: 0, rotate: categories.length > 4 ? 30 : 0, color: '#1f2329' },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        ...(percent ? { max: 100, axisLabel: { formatter: '{value}%', color: '#1f2329' } } : { axisLabel: { color: '#1f2329' } }),
      },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, itemStyle: { color: s.color }, barMaxWidth: 36 })),
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [categories, series, percent, description]);

  return (
    <figure className="chart" aria-label={description} role="img">
      <div ref={ref} style={{ height }} aria-hidden />
    </figure>
  );
}
