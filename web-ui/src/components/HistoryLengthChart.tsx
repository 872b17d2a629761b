import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistogramBar } from '../domain/chartData';
import { formatCount } from '../domain/format';
import { EmptyState } from './EmptyState';
import { CHART } from './chartTheme';

/** How many rows have a behaviour history of each length: short histories give DIN little to attend to. */
export function HistoryLengthChart({ bars }: { bars: HistogramBar[] }) {
  if (bars.length === 0) {
    return <EmptyState title="No history length distribution in this version's statistics." testId="history-chart-empty" />;
  }
  const total = bars.reduce((sum, b) => sum + b.count, 0);
  return (
    <figure className="chart" data-testid="history-length-chart">
      <ResponsiveContainer width="100%" height={CHART.height}>
        <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 24, left: 8 }}>
          <CartesianGrid stroke={CHART.grid} vertical={false} />
          <XAxis dataKey="label" stroke={CHART.axis} label={{ value: 'history length', position: 'insideBottom', offset: -12 }} />
          <YAxis stroke={CHART.axis} tickFormatter={(v: number) => formatCount(v)} width={64} />
          <Tooltip formatter={(v) => [formatCount(Number(v)), 'rows']} labelFormatter={(l) => `length ${String(l)}`} />
          <Bar dataKey="count" fill={CHART.primary} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption>
        History length of {formatCount(total)} rows ({bars.length} bars).
      </figcaption>
    </figure>
  );
}
