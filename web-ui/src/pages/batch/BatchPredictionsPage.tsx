import { api } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ResourceView } from '../../components/ResourceView';
import { StatusBadge } from '../../components/StatusBadge';
import { formatTime } from '../../domain/format';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';

/** Batch predictions, newest first. They start through the API (POST /api/v1/batch-predictions). */
export function BatchPredictionsPage() {
  const [predictions, reload] = useResource(() => api.listBatchPredictions(), []);
  return (
    <section>
      <p className="breadcrumb">
        <Link to={{ page: 'models' }}>Models</Link> / batch predictions
      </p>
      <h1>Batch predictions</h1>
      <div className="panel">
        <ResourceView resource={predictions} what="Loading batch predictions" onRetry={reload}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No batch prediction yet: start one with POST /api/v1/batch-predictions." testId="batch-empty" />
            ) : (
              <div className="table-scroll">
                <table data-testid="batch-table">
                  <thead>
                    <tr>
                      <th scope="col">Prediction</th>
                      <th scope="col">Model</th>
                      <th scope="col">Dataset</th>
                      <th scope="col">Status</th>
                      <th scope="col">Queued</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((prediction) => (
                      <tr key={prediction.id} data-testid="batch-row">
                        <td>
                          <Link to={{ page: 'batchPrediction', id: prediction.id }} testId="batch-link">
                            <code>{prediction.id.slice(0, 8)}</code>
                          </Link>
                        </td>
                        <td>
                          {prediction.model.name} v{prediction.model.version}
                        </td>
                        <td>
                          {prediction.dataset.name} v{prediction.dataset.version}
                        </td>
                        <td>
                          <StatusBadge status={prediction.status} testId="batch-status" />
                        </td>
                        <td className="nowrap">{formatTime(prediction.createdAt)}</td>
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
