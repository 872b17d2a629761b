import { api } from '../../api/client';
import type { BatchPrediction } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { ResourceView } from '../../components/ResourceView';
import { StatusBadge } from '../../components/StatusBadge';
import { batchResultRows, type BatchResultRow } from '../../domain/batchResult';
import { itemLabel, NO_TITLES, titlesFrom, type ItemTitles } from '../../domain/itemTitles';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';

/** How many scores the viewer shows: the head of the result, which may hold a whole dataset's rows. */
export const SHOWN_ROWS = 100;

interface Viewed {
  prediction: BatchPrediction;
  rows: BatchResultRow[];
  titles: ItemTitles;
}

async function view(id: string): Promise<Viewed> {
  const prediction = await api.getBatchPrediction(id);
  if (!prediction.result) return { prediction, rows: [], titles: NO_TITLES };
  const rows = batchResultRows(await api.batchResultHead(id, SHOWN_ROWS + 1));
  const ids = [...new Set(rows.map((r) => r.item).filter((item) => item !== ''))];
  // Titles only help: a model version that knows no items shows the ids.
  const titles = ids.length === 0 ? NO_TITLES : await api.getModelItems(prediction.model.name, prediction.model.version, ids)
    .then((found) => titlesFrom(found.items), () => NO_TITLES);
  return { prediction, rows, titles };
}

/** One batch prediction: its status, and the first scores of its result with each item's title (the id on hover). */
export function BatchPredictionPage({ id }: { id: string }) {
  const [resource, reload] = useResource(() => view(id), [id]);
  return (
    <section>
      <p className="breadcrumb">
        <Link to={{ page: 'batchPredictions' }}>Batch predictions</Link> / {id.slice(0, 8)}
      </p>
      <h1>Batch prediction</h1>
      <ResourceView resource={resource} what="Loading the batch prediction" onRetry={reload}>
        {({ prediction, rows, titles }) => (
          <>
            <div className="panel">
              <p>
                <StatusBadge status={prediction.status} testId="batch-status" /> {prediction.model.name} v{prediction.model.version} scored{' '}
                {prediction.dataset.name} v{prediction.dataset.version}
              </p>
              {prediction.error && <p className="field-error">{prediction.error}</p>}
            </div>
            <div className="panel">
              <h2>First scores</h2>
              {rows.length === 0 ? (
                <EmptyState title="No result yet." testId="batch-result-empty" />
              ) : (
                <div className="table-scroll">
                  <table data-testid="batch-result">
                    <thead>
                      <tr>
                        <th scope="col">Row</th>
                        <th scope="col">User</th>
                        <th scope="col">Item</th>
                        <th scope="col">Score</th>
                        {rows[0].label !== undefined && <th scope="col">Label</th>}
                        <th scope="col">Unknown to the model</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((row) => {
                        const item = itemLabel(row.item, row.item, titles);
                        return (
                          <tr key={row.row} data-testid="batch-result-row">
                            <td>{row.row}</td>
                            <td>{row.group}</td>
                            <td title={item.hover} data-testid="batch-result-item">
                              {item.text}
                            </td>
                            <td>{row.score.toFixed(4)}</td>
                            {row.label !== undefined && <td>{row.label}</td>}
                            <td className="muted">{row.unknownFeatures || 'none'}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          </>
        )}
      </ResourceView>
    </section>
  );
}
