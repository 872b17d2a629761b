import type { WorkerSeen } from '../domain/workers';
import { formatTime } from '../domain/format';
import { Link } from '../routing/Link';

/** The workers that recent runs name, with the device each trained on. */
export function WorkerTable({ workers }: { workers: WorkerSeen[] }) {
  return (
    <div className="table-scroll">
      <table data-testid="worker-table">
        <thead>
          <tr>
            <th scope="col">Worker</th>
            <th scope="col">Device</th>
            <th scope="col">Now</th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {workers.map((w) => (
            <tr key={w.worker} data-testid="worker-row">
              <td className="wrap">{w.worker}</td>
              <td data-testid="worker-device">{w.device ?? '–'}</td>
              <td>{w.runningRunId ? <Link to={{ page: 'run', id: w.runningRunId }}>training</Link> : 'idle'}</td>
              <td>{formatTime(w.lastSeen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
