import { Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import type { LabelShare } from '../domain/chartData';
import { formatCount, formatPercent } from '../domain/format';
import { EmptyState } from './EmptyState';
import { CHART } from './chartTheme';

/** Clicks against non-clicks: the positive rate that every CTR metric has to be read against. */
export function LabelShareChart({ shares }: { shares: LabelShare[] }) {
  if (shares.length === 0) {
    return <EmptyState title="No positive rate in this version's statistics." testId="label-chart-empty" />;
  }
  const total = shares.reduce((sum, s) => sum + s.rows, 0);
  const colours = [CHART.positive, CHART.negative];
  return (
    <figure className="chart" data-testid="positive-rate-chart">
      <ResponsiveContainer width="100%" height={CHART.height}>
        <PieChart>
          <Pie data={shares} dataKey="rows" nameKey="name" innerRadius="45%" outerRadius="75%" isAnimationActive={false}>
            {shares.map((share, index) => (
              <Cell key={share.name} fill={colours[index % colours.length]} />
            ))}
          </Pie>
          <Tooltip formatter={(v) => [`${formatCount(Number(v))} rows (${formatPercent(Number(v) / total)})`]} />
          <Legend />
        </PieChart>
      </ResponsiveContainer>
      <figcaption>Positive rate {formatPercent(shares[0].rows / total, 2)}.</figcaption>
    </figure>
  );
}
