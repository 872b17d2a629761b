import { api } from '../../api/client';
import type { DatasetSummary } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { ResourceView } from '../../components/ResourceView';
import { datasetStats, versionCount } from '../../domain/catalog';
import { formatCount, formatPercent, formatTime } from '../../domain/format';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';
import { DatasetBuildForm } from './DatasetBuildForm';
import { DatasetUploadForm } from './DatasetUploadForm';

function DatasetTable({ datasets }: { datasets: DatasetSummary[] }) {
  return (
    <div className="table-scroll">
      <table data-testid="dataset-table">
        <thead>
          <tr>
            <th scope="col">Dataset</th>
            <th scope="col">Versions</th>
            <th scope="col">Latest</th>
            <th scope="col">Rows</th>
            <th scope="col">Positive rate</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((d) => (
            <tr key={d.name} data-testid="dataset-row">
              <td>
                <Link to={{ page: 'dataset', name: d.name }} testId="dataset-link">
                  {d.name}
                </Link>
              </td>
              <td>{formatCount(versionCount(d))}</td>
              <td>
                {d.latestVersion !== undefined ? (
                  <Link to={{ page: 'datasetVersion', name: d.name, version: String(d.latestVersion) }}>v{d.latestVersion}</Link>
                ) : (
                  '–'
                )}
              </td>
              <td>{formatCount(d.latest?.rows)}</td>
              <td>{formatPercent(datasetStats(d.latest)?.positiveRate)}</td>
              <td>{formatTime(d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DatasetsPage() {
  const [datasets, reload] = useResource(() => api.listDatasets(), []);
  return (
    <section>
      <h1>Datasets</h1>
      <div className="panel">
        <ResourceView resource={datasets} what="Loading datasets" onRetry={reload}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No dataset registered yet.">
                <p>Upload a samples CSV with its schema, or build one from raw interaction logs below.</p>
              </EmptyState>
            ) : (
              <DatasetTable datasets={list} />
            )
          }
        </ResourceView>
      </div>
      <div className="columns">
        <div className="panel">
          <h2>Upload a samples CSV</h2>
          <DatasetUploadForm />
        </div>
        <div className="panel">
          <h2>Build from interaction logs</h2>
          <DatasetBuildForm />
        </div>
      </div>
    </section>
  );
}
