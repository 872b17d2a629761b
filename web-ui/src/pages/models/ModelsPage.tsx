import { api } from '../../api/client';
import type { Model } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { ResourceView } from '../../components/ResourceView';
import { aliasMap } from '../../domain/aliases';
import { formatTime } from '../../domain/format';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';

function versionCount(model: Model): string {
  if (model.versionCount !== undefined) return String(model.versionCount);
  if (Array.isArray(model.versions)) return String(model.versions.length);
  return typeof model.versions === 'number' ? String(model.versions) : '–';
}

/** The registered models with their newest version and their aliases. */
export function ModelsPage() {
  const [models, reload] = useResource(() => api.listModels(), []);
  return (
    <section>
      <div className="page-head">
        <h1>Models</h1>
        <div className="actions">
          <Link to={{ page: 'batchPredictions' }} testId="batch-predictions-link">
            Batch predictions
          </Link>
        </div>
      </div>
      <div className="panel">
        <ResourceView resource={models} what="Loading models" onRetry={reload}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No model registered yet.">
                <p>A training run registers a model version when it succeeds.</p>
                <Link to={{ page: 'launchRun' }}>Launch a run</Link>
              </EmptyState>
            ) : (
              <div className="table-scroll">
                <table data-testid="model-table">
                  <thead>
                    <tr>
                      <th scope="col">Model</th>
                      <th scope="col">Versions</th>
                      <th scope="col">Latest</th>
                      <th scope="col">Aliases</th>
                      <th scope="col">Created</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((m) => (
                      <tr key={m.name} data-testid="model-row">
                        <td>
                          <Link to={{ page: 'model', name: m.name }} testId="model-link">
                            {m.name}
                          </Link>
                        </td>
                        <td>{versionCount(m)}</td>
                        <td>{m.latestVersion !== undefined && m.latestVersion !== null ? `v${m.latestVersion}` : '–'}</td>
                        <td>
                          {Object.entries(aliasMap(m)).map(([alias, version]) => (
                            <span key={alias} className="chip">
                              {alias} → v{version}
                            </span>
                          ))}
                        </td>
                        <td>{formatTime(m.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </ResourceView>
      </div>
    </section>
  );
}
