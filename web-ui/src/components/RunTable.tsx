import type { TrainingRun } from '../api/types';
import { formatMetric, formatTime } from '../domain/format';
import { Link } from '../routing/Link';
import { StatusBadge } from './StatusBadge';

/** Which runs are ticked for a comparison, where the table offers one. */
export interface RunSelection {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
}

/** Training runs, newest first, each linking to its live page; with a selection, each has a box to tick. */
export function RunTable({ runs, selection }: { runs: TrainingRun[]; selection?: RunSelection }) {
  return (
    <div className="table-scroll">
      <table data-testid="run-table">
        <thead>
          <tr>
            {selection && <th scope="col">Compare</th>}
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
              {selection && (
                <td>
                  <input type="checkbox" aria-label={`Compare run ${String(run.id).slice(0, 8)}`} data-testid="run-compare-box"
                    checked={selection.selected.has(String(run.id))} onChange={() => selection.toggle(String(run.id))} />
                </td>
              )}
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
