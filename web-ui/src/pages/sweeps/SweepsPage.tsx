import { api } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ResourceView } from '../../components/ResourceView';
import { StatusBadge } from '../../components/StatusBadge';
import { formatMetric, formatTime } from '../../domain/format';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';

/** Every hyperparameter sweep, newest first. Sweeps start through the API (POST /api/v1/sweeps). */
export function SweepsPage() {
  const [sweeps, reload] = useResource(() => api.listSweeps(), []);
  return (
    <section>
      <p className="breadcrumb">
        <Link to={{ page: 'runs' }}>Training</Link> / sweeps
      </p>
      <h1>Sweeps</h1>
      <div className="panel">
        <ResourceView resource={sweeps} what="Loading sweeps" onRetry={reload}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No sweep yet: start one with POST /api/v1/sweeps." testId="sweeps-empty" />
            ) : (
              <div className="table-scroll">
                <table data-testid="sweep-table">
                  <thead>
                    <tr>
                      <th scope="col">Sweep</th>
                      <th scope="col">Model</th>
                      <th scope="col">Status</th>
                      <th scope="col">Trials</th>
                      <th scope="col">Best objective</th>
                      <th scope="col">Started</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((sweep) => (
                      <tr key={sweep.id} data-testid="sweep-row">
                        <td>
                          <Link to={{ page: 'sweep', id: sweep.id }} testId="sweep-link">
                            <code>{sweep.id.slice(0, 8)}</code>
                          </Link>
                        </td>
                        <td>{sweep.model}</td>
                        <td>
                          <StatusBadge status={sweep.status} testId="sweep-status" />
                        </td>
                        <td>
                          {sweep.trials.length} of {sweep.definition.maxTrials}
                        </td>
                        <td>{formatMetric(sweep.best?.objective ?? undefined)}</td>
                        <td className="nowrap">{formatTime(sweep.createdAt)}</td>
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
