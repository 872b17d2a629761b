import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LossPoint } from '../domain/runEvents';
import { EmptyState } from './EmptyState';
import { CHART } from './chartTheme';

/** The training loss (binary cross-entropy) by step. */
export function LossChart({ points }: { points: LossPoint[] }) {
  if (points.length === 0) return <EmptyState title="No training loss reported yet." testId="loss-chart-empty" />;
  return (
    <figure className="chart" data-testid="loss-chart">
      <ResponsiveContainer width="100%" height={CHART.height}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid stroke={CHART.grid} />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} stroke={CHART.axis}
            label={{ value: 'step', position: 'insideBottom', offset: -12 }} />
          <YAxis stroke={CHART.axis} domain={['auto', 'auto']} width={56} tickFormatter={(v: number) => v.toFixed(3)} />
          <Tooltip formatter={(v) => [Number(v).toFixed(4), 'loss']} labelFormatter={(l) => `step ${String(l)}`} />
          <Line type="monotone" dataKey="loss" stroke={CHART.primary} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <figcaption>Training loss ({points.length} points)</figcaption>
    </figure>
  );
}
