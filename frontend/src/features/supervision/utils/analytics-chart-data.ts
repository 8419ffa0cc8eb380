/**
 * The analytics' figures as chart data: the time split as bars of department handling,
 * enterprise 补正 and waiting on prerequisites next to what was promised (office days per
 * sheet), and the forecasts against the county's target.
 */
import type { BarSeries } from '../components/bar-chart';

/** The figures a split chart reads (a subset of the server's). */
export interface SplitBarFigures {
  average_handling_days: number;
  average_correction_days: number;
  average_waiting_days: number;
  average_promised_days: number;
}

export interface SplitLabels {
  handling: string;
  correction: string;
  waiting: string;
  promised: string;
}

export const SPLIT_COLORS = { handling: '#1d4fa3', correction: '#c25e00', waiting: '#6b4fbb', promised: '#5c6b7a' } as const;

/** One bar series per part, one category per row, in the rows' order. */
export function splitChart<R>(
  rows: R[],
  name: (row: R) => string,
  figures: (row: R) => SplitBarFigures,
  labels: SplitLabels,
): { categories: string[]; series: BarSeries[] } {
  const part = (key: keyof SplitLabels, value: (f: SplitBarFigures) => number): BarSeries => ({
    name: labels[key],
    values: rows.map((r) => value(figures(r))),
    color: SPLIT_COLORS[key],
  });
  return {
    categories: rows.map(name),
    series: [
      part('handling', (f) => f.average_handling_days),
      part('correction', (f) => f.average_correction_days),
      part('waiting', (f) => f.average_waiting_days),
      part('promised', (f) => f.average_promised_days),
    ],
  };
}

/** What a forecast chart reads of a case. */
export interface ForecastPoint {
  number: string;
  projected_working_days?: number | null;
}

/**
 * The running cases' projected working days next to the target, the longest first; cases
 * without a forecast are left out.
 */
export function forecastChart(
  cases: ForecastPoint[],
  target: number,
  labels: { projected: string; target: string },
): { categories: string[]; series: BarSeries[] } {
  const known = cases
    .filter((c): c is ForecastPoint & { projected_working_days: number } => typeof c.projected_working_days === 'number')
    .sort((a, b) => b.projected_working_days - a.projected_working_days);
  return {
    categories: known.map((c) => c.number),
    series: [
      {
        name: labels.projected,
        values: known.map((c) => c.projected_working_days),
        color: '#b42318',
      },
      { name: labels.target, values: known.map(() => target), color: '#2b8a3e' },
    ],
  };
}
