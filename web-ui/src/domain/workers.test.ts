import { describe, expect, it } from 'vitest';
import type { TrainingRun } from '../api/types';
import { workersFromRuns } from './workers';

const run = (id: string, status: TrainingRun['status'], worker: string | undefined, device: string | undefined, startedAt: string): TrainingRun => ({
  id, status, worker, device, startedAt,
});

describe('workersFromRuns', () => {
  it('lists each worker once with its device, newest first, and the run it trains now', () => {
    const workers = workersFromRuns([
      run('a', 'SUCCEEDED', 'w1@host1', 'cpu()', '2026-01-01T10:00:00Z'),
      run('b', 'RUNNING', 'w2@host2', 'gpu(0)', '2026-01-01T12:00:00Z'),
      run('c', 'RUNNING', 'w1@host1', 'cpu()', '2026-01-01T11:00:00Z'),
      run('d', 'QUEUED', undefined, undefined, '2026-01-01T13:00:00Z'),
    ]);
    expect(workers).toEqual([
      { worker: 'w2@host2', device: 'gpu(0)', lastSeen: '2026-01-01T12:00:00Z', runningRunId: 'b', runs: 1 },
      { worker: 'w1@host1', device: 'cpu()', lastSeen: '2026-01-01T11:00:00Z', runningRunId: 'c', runs: 2 },
    ]);
  });

  it('is empty before any run was claimed', () => {
    expect(workersFromRuns([run('q', 'QUEUED', undefined, undefined, '')])).toEqual([]);
  });
});
