import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { validationX, type ValidationPoint } from '../domain/runEvents';
import { EmptyState } from './EmptyState';
import { CHART } from './chartTheme';

/** Validation AUC (and GAUC when reported) after each evaluation: the curve early stopping watches. */
export function ValidationChart({ points }: { points: ValidationPoint[] }) {
  if (points.length === 0) return <EmptyState title="No validation AUC reported yet." testId="validation-chart-empty" />;
  const byEpoch = points.every((p) => p.epoch !== undefined);
  const data = points.map((p) => ({ ...p, x: validationX(p) }));
  const hasGauc = points.some((p) => p.gauc !== undefined);
  return (
    <figure className="chart" data-testid="validation-chart">
      <ResponsiveContainer width="100%" height={CHART.height}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid stroke={CHART.grid} />
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} stroke={CHART.axis}
            label={{ value: byEpoch ? 'epoch' : 'step', position: 'insideBottom', offset: -12 }} />
          <YAxis stroke={CHART.axis} domain={['auto', 'auto']} width={56} tickFormatter={(v: number) => v.toFixed(3)} />
          <Tooltip formatter={(v, name) => [Number(v).toFixed(4), String(name)]} />
          <Legend verticalAlign="top" />
          <Line type="monotone" dataKey="auc" name="validation AUC" stroke={CHART.primary} isAnimationActive={false} connectNulls />
          {hasGauc && (
            <Line type="monotone" dataKey="gauc" name="validation GAUC" stroke={CHART.secondary} isAnimationActive={false} connectNulls />
          )}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
