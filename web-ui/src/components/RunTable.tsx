import type { TrainingRun } from '../api/types';
import { formatMetric, formatTime } from '../domain/format';
import { Link } from '../routing/Link';
import { StatusBadge } from './StatusBadge';

/** Training runs, newest first, each linking to its live page. */
export function RunTable({ runs }: { runs: TrainingRun[] }) {
  return (
    <div className="table-scroll">
      <table data-testid="run-table">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Model</th>
            <th scope="col">Dataset</th>
            <th scope="col">Status</th>
            <th scope="col">Test AUC</th>
            <th scope="col">Queued</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="run-row">
              <td>
                <Link to={{ page: 'run', id: String(run.id) }} testId="run-link">
                  <code>{String(run.id).slice(0, 8)}</code>
                </Link>
              </td>
              <td>{run.model ?? run.modelName ?? run.request?.model ?? '–'}</td>
              <td>{run.dataset ? `${run.dataset.name} v${run.dataset.version}` : run.request ? `${run.request.dataset.name} ${run.request.dataset.version ? `v${run.request.dataset.version}` : 'latest'}` : '–'}</td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              <td>{formatMetric(run.metrics?.auc)}</td>
              <td className="nowrap">{formatTime(run.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
