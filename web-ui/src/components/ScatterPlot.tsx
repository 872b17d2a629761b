import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { XY } from '../domain/runComparison';
import { EmptyState } from './EmptyState';
import { CHART } from './chartTheme';

interface ScatterPlotProps {
  points: XY[];
  xLabel: string;
  yLabel: string;
  /** A logarithmic x axis, for fields searched over orders of magnitude. */
  logX?: boolean;
  testId: string;
}

/** Points of (x, y), e.g. one searched field of a sweep against the objective its trials reached. */
export function ScatterPlot({ points, xLabel, yLabel, logX = false, testId }: ScatterPlotProps) {
  if (points.length === 0) return <EmptyState title={`No ${yLabel} yet.`} testId={`${testId}-empty`} />;
  return (
    <figure className="chart" data-testid={testId}>
      <ResponsiveContainer width="100%" height={CHART.height}>
        <ScatterChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid stroke={CHART.grid} />
          <XAxis dataKey="x" type="number" name={xLabel} scale={logX ? 'log' : 'auto'} domain={['auto', 'auto']}
            stroke={CHART.axis} tickFormatter={(v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(2))}
            label={{ value: xLabel, position: 'insideBottom', offset: -12 }} />
          <YAxis dataKey="y" type="number" name={yLabel} domain={['auto', 'auto']} width={56} stroke={CHART.axis}
            tickFormatter={(v: number) => v.toFixed(3)} />
          <Tooltip formatter={(v) => Number(v).toPrecision(4)} />
          <Scatter data={points} fill={CHART.primary} isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
      <figcaption>
        {yLabel} against {xLabel} ({points.length} trials)
      </figcaption>
    </figure>
  );
}
