import { api } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { GrantsPanel } from '../../components/GrantsPanel';
import { ResourceView } from '../../components/ResourceView';
import { datasetStats } from '../../domain/catalog';
import { formatCount, formatPercent, formatTime, shortHash } from '../../domain/format';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';

function originText(origin: Record<string, unknown> | undefined): string {
  if (!origin) return '–';
  const kind = origin.type ?? origin.kind;
  const detail = origin.protocol ?? origin.fileName ?? origin.filename;
  return [kind, detail].filter((v) => v !== undefined).map(String).join(': ') || JSON.stringify(origin);
}

/** The versions of one dataset, newest first. */
export function DatasetPage({ name }: { name: string }) {
  const [versions, reload] = useResource(() => api.listDatasetVersions(name), [name]);
  return (
    <section>
      <p className="breadcrumb">
        <Link to={{ page: 'datasets' }}>Datasets</Link> / {name}
      </p>
      <h1>{name}</h1>
      <div className="panel">
        <ResourceView resource={versions} what="Loading versions" onRetry={reload}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="This dataset has no version." />
            ) : (
              <div className="table-scroll">
                <table data-testid="dataset-versions">
                  <thead>
                    <tr>
                      <th scope="col">Version</th>
                      <th scope="col">Rows</th>
                      <th scope="col">Positive rate</th>
                      <th scope="col">SHA-256</th>
                      <th scope="col">Origin</th>
                      <th scope="col">Registered</th>
                      <th scope="col"><span className="visually-hidden">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((v) => (
                      <tr key={v.version} data-testid="dataset-version-row">
                        <td>
                          <Link to={{ page: 'datasetVersion', name, version: String(v.version) }} testId="dataset-version-link">
                            v{v.version}
                          </Link>
                        </td>
                        <td>{formatCount(v.rows)}</td>
                        <td>{formatPercent(datasetStats(v)?.positiveRate)}</td>
                        <td>
                          <code title={v.sha256}>{shortHash(v.sha256)}</code>
                        </td>
                        <td>{originText(v.origin)}</td>
                        <td>{formatTime(v.createdAt)}</td>
                        <td>
                          <Link to={{ page: 'launchRun', dataset: name, version: String(v.version) }}>Train on it</Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </ResourceView>
      </div>
      <div className="panel">
        <h2>Who may use it</h2>
        <GrantsPanel kind="datasets" name={name} />
      </div>
    </section>
  );
}
