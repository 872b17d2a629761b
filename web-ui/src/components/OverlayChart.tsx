import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { overlayRows, runKey, type XY } from '../domain/runComparison';
import { EmptyState } from './EmptyState';
import { CHART } from './chartTheme';

interface OverlayChartProps {
  /** One series per run, in the order of `labels`. */
  series: XY[][];
  labels: string[];
  xLabel: string;
  what: string;
  testId: string;
  /** How an x value reads on the axis and in the tooltip (e.g. a window's start time); the number by default. */
  xFormat?: (x: number) => string;
  /** The caption under the chart; by default "<what> of <n> runs". */
  caption?: string;
}

/** One metric of several runs on one chart, a line per run in the comparison's colours. */
export function OverlayChart({ series, labels, xLabel, what, testId, xFormat, caption }: OverlayChartProps) {
  if (series.every((points) => points.length === 0)) {
    return <EmptyState title={`No ${what} recorded for these runs.`} testId={`${testId}-empty`} />;
  }
  return (
    <figure className="chart" data-testid={testId}>
      <ResponsiveContainer width="100%" height={CHART.height}>
        <LineChart data={overlayRows(series)} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid stroke={CHART.grid} />
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} stroke={CHART.axis}
            tickFormatter={xFormat} label={{ value: xLabel, position: 'insideBottom', offset: -12 }} />
          <YAxis stroke={CHART.axis} domain={['auto', 'auto']} width={56} tickFormatter={(v: number) => v.toFixed(3)} />
          <Tooltip formatter={(v, name) => [Number(v).toFixed(4), String(name)]} labelFormatter={(l) => `${xLabel} ${xFormat ? xFormat(Number(l)) : String(l)}`} />
          <Legend verticalAlign="top" />
          {labels.map((label, index) => (
            <Line key={label} type="monotone" dataKey={runKey(index)} name={label} stroke={CHART.runs[index % CHART.runs.length]}
              dot={series[index].length < 30} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <figcaption>
        {caption ?? `${what} of ${labels.length} runs`}
      </figcaption>
    </figure>
  );
}
