import { api } from '../../api/client';
import type { Drift, OnlineWindowLength } from '../../api/types';
import { ResourceView } from '../../components/ResourceView';
import { driftRows, driftVerdict, latestPerVersion } from '../../domain/drift';
import { formatMetric } from '../../domain/format';
import { useResource } from '../../hooks/useResource';

function DriftTables({ drift }: { drift: Drift }) {
  const latest = latestPerVersion(drift);
  if (latest.length === 0) return <p className="muted">No impressions logged in this period, so nothing to compare.</p>;
  return (
    <>
      {latest.map((window) => (
        <div key={window.version} data-testid={`drift-v${window.version}`}>
          <h3>v{window.version}, window from {window.start.slice(0, 16).replace('T', ' ')} ({window.impressions} impressions)</h3>
          <p data-testid={`drift-verdict-v${window.version}`}>{driftVerdict(window, drift.threshold)}</p>
          <table>
            <thead>
              <tr>
                <th>distribution</th>
                <th>PSI</th>
                <th>unknown ids</th>
                <th>moved</th>
              </tr>
            </thead>
            <tbody>
              {driftRows(window).map((row) => (
                <tr key={row.key} className={row.moved ? 'moved' : undefined}>
                  <td>{row.what}</td>
                  <td>{row.psi === null ? '—' : formatMetric(row.psi)}</td>
                  <td>{row.unknownRate === undefined ? '' : `${(100 * row.unknownRate).toFixed(1)} %`}</td>
                  <td>{row.moved ? 'yes' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}

/** Which served distributions moved, per version, in its latest window of the period. */
export function DriftPanel({ name, window }: { name: string; window: OnlineWindowLength }) {
  const [resource, reload] = useResource(() => api.getDrift(name, window), [name, window]);
  return (
    <div className="panel" data-testid="drift-panel">
      <h2>Drift</h2>
      <ResourceView resource={resource} what="Loading the drift" onRetry={reload}>
        {(drift) => <DriftTables drift={drift} />}
      </ResourceView>
    </div>
  );
}
