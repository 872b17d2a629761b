import { useState } from 'react';
import { api } from '../../api/client';
import type { OnlineMetrics, OnlineWindowLength } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { OverlayChart } from '../../components/OverlayChart';
import { ResourceView } from '../../components/ResourceView';
import { DriftPanel } from './DriftPanel';
import { formatMetric } from '../../domain/format';
import { comparableArms, onlineSeries, onlineTotals, windowLabel, type OnlineFigure } from '../../domain/onlineMetrics';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';
import { ArmComparisonPanel } from './ArmComparisonPanel';

const FIGURES: Array<{ figure: OnlineFigure; what: string }> = [
  { figure: 'ctr', what: 'CTR' },
  { figure: 'meanPredictedCtr', what: 'Mean predicted CTR' },
  { figure: 'auc', what: 'AUC over reported impressions' },
  { figure: 'gauc', what: 'GAUC over reported impressions' },
  { figure: 'calibration', what: 'Calibration (predicted / observed)' },
];

function OnlineCharts({ name, metrics }: { name: string; metrics: OnlineMetrics }) {
  if (metrics.windows.length === 0) {
    return (
      <EmptyState title="No impressions logged in this period." testId="online-empty">
        Every predict and rank answer carries impression ids; report clicks with <code>POST /api/v1/feedback</code>.
      </EmptyState>
    );
  }
  return (
    <>
      <div className="panel">
        <h2>Per version and arm</h2>
        <table data-testid="online-totals">
          <thead>
            <tr>
              <th>version · arm</th>
              <th>impressions</th>
              <th>with feedback</th>
              <th>clicks</th>
              <th>CTR</th>
            </tr>
          </thead>
          <tbody>
            {onlineTotals(metrics).map((total) => (
              <tr key={total.label}>
                <td>{total.label}</td>
                <td>{total.impressions}</td>
                <td>{total.labelled}</td>
                <td>{total.clicks}</td>
                <td>{formatMetric(total.ctr)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ArmComparisonPanel name={name} arms={comparableArms(metrics)} />
      <div className="columns">
        {FIGURES.map(({ figure, what }) => {
          const { labels, series } = onlineSeries(metrics, figure);
          return (
            <div className="panel" key={figure}>
              <h2>{what}</h2>
              <OverlayChart series={series} labels={labels} xLabel="window" what={what} testId={`online-${figure}`}
                xFormat={(x) => windowLabel(x, metrics.window)}
                caption={`${what} per ${metrics.window === 'HOUR' ? 'hour' : 'day'}, a line per version and arm`} />
            </div>
          );
        })}
      </div>
    </>
  );
}

/** How a model does online: what serving showed and what users did with it, per version, arm and window. */
export function OnlinePage({ name }: { name: string }) {
  const [window, setWindow] = useState<OnlineWindowLength>('HOUR');
  const [resource, reload] = useResource(() => api.getOnlineMetrics(name, window), [name, window]);
  return (
    <section>
      <p className="breadcrumb">
        <Link to={{ page: 'models' }}>Models</Link> / <Link to={{ page: 'model', name }}>{name}</Link> / online
      </p>
      <div className="page-head">
        <h1>{name} online</h1>
        <Field label="Windows">
          <select value={window} onChange={(e) => setWindow(e.target.value as OnlineWindowLength)} data-testid="online-window">
            <option value="HOUR">hours (the last 24)</option>
            <option value="DAY">days (the last 24)</option>
          </select>
        </Field>
      </div>
      <ResourceView resource={resource} what="Loading the online metrics" onRetry={reload}>
        {(metrics) => <OnlineCharts name={name} metrics={metrics} />}
      </ResourceView>
      <DriftPanel name={name} window={window} />
    </section>
  );
}
