import { api } from '../../api/client';
import type { DatasetVersion } from '../../api/types';
import { HistoryLengthChart } from '../../components/HistoryLengthChart';
import { LabelShareChart } from '../../components/LabelShareChart';
import { ResourceView } from '../../components/ResourceView';
import { StatCard } from '../../components/StatCard';
import { datasetStats } from '../../domain/catalog';
import {
  distinctCounts,
  historyLengthBars,
  historyLengthSummary,
  labelShares,
  missingValueRows,
  splitCounts,
  type HistorySummary,
} from '../../domain/chartData';
import { formatCount, formatMetric, formatPercent, formatTime } from '../../domain/format';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';

function HistorySummaryLine({ summary }: { summary: HistorySummary }) {
  if (summary.mean === undefined) return null;
  return (
    <p className="muted" data-testid="history-summary">
      mean {formatMetric(summary.mean, 1)}, median {summary.median ?? '–'}, p90 {summary.p90 ?? '–'}, p99 {summary.p99 ?? '–'},
      max {summary.max ?? '–'}
      {summary.maxLength !== undefined && (
        <>
          ; maxLength {summary.maxLength} cuts {formatCount(summary.rowsOverMax)} rows
        </>
      )}
    </p>
  );
}

function VersionDetails({ version }: { version: DatasetVersion }) {
  const stats = datasetStats(version);
  const rows = version.rows ?? stats?.rows;
  const summary = historyLengthSummary(stats);
  const missing = missingValueRows(stats);
  return (
    <>
      <div className="stats" data-testid="dataset-stats">
        <StatCard label="rows" value={formatCount(rows)} testId="stat-rows" />
        <StatCard label="positive rate" value={formatPercent(stats?.positiveRate, 2)} testId="stat-positive-rate" />
        {(version.items ?? 0) > 0 && <StatCard label="items with titles" value={formatCount(version.items)} testId="stat-items" />}
        {distinctCounts(stats).map((c) => (
          <StatCard key={c.label} label={c.label} value={formatCount(c.value)} />
        ))}
        {splitCounts(stats).map((c) => (
          <StatCard key={c.label} label={`${c.label} rows`} value={formatCount(c.value)} />
        ))}
      </div>
      <div className="columns">
        <div className="panel">
          <h2>History length</h2>
          <HistoryLengthChart bars={historyLengthBars(stats)} />
          <HistorySummaryLine summary={summary} />
        </div>
        <div className="panel">
          <h2>Positive rate</h2>
          <LabelShareChart shares={labelShares(stats, rows)} />
        </div>
      </div>
      <div className="columns">
        <div className="panel">
          <h2>Missing values</h2>
          {missing.length === 0 ? (
            <p className="muted" data-testid="no-missing">No missing values reported.</p>
          ) : (
            <table data-testid="missing-values">
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Missing</th>
                </tr>
              </thead>
              <tbody>
                {missing.map((m) => (
                  <tr key={m.column}>
                    <td>{m.column}</td>
                    <td>{formatCount(m.missing)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="panel">
          <h2>Identity</h2>
          <dl className="facts">
            <dt>SHA-256</dt>
            <dd><code className="wrap" data-testid="dataset-sha256">{version.sha256 ?? '–'}</code></dd>
            <dt>Registered</dt>
            <dd>{formatTime(version.createdAt)}</dd>
            {version.sizeBytes !== undefined && (
              <>
                <dt>Size</dt>
                <dd>{formatCount(version.sizeBytes)} bytes</dd>
              </>
            )}
          </dl>
          <h3>Schema</h3>
          <pre className="code" data-testid="dataset-schema">{JSON.stringify(version.schema ?? {}, null, 2)}</pre>
        </div>
      </div>
    </>
  );
}

/** One immutable dataset version: its statistics, charts, identity and schema. */
export function DatasetVersionPage({ name, version }: { name: string; version: string }) {
  const [resource, reload] = useResource(
    () => api.getDatasetVersion(name, version === 'latest' ? 'latest' : Number(version)),
    [name, version],
  );
  return (
    <section>
      <p className="breadcrumb">
        <Link to={{ page: 'datasets' }}>Datasets</Link> / <Link to={{ page: 'dataset', name }}>{name}</Link> / v{version}
      </p>
      <div className="page-head">
        <h1>
          {name} <span className="muted">v{resource.state === 'ready' ? resource.data.version : version}</span>
        </h1>
        <Link to={{ page: 'launchRun', dataset: name, version }} className="button" testId="train-on-version">
          Train a model on it
        </Link>
      </div>
      <ResourceView resource={resource} what="Loading the version" onRetry={reload}>
        {(v) => <VersionDetails version={v} />}
      </ResourceView>
    </section>
  );
}
