// The training workers as the run records show them: each run names the worker that ran it and its device.
// This complements the platform's health endpoint, which may hide its details from anonymous readers.
import type { RunStatus, TrainingRun } from '../api/types';

export interface WorkerSeen {
  worker: string;
  device?: string;
  /** The newest time a run of this worker started or was queued. */
  lastSeen?: string;
  /** The run it is training now, if any. */
  runningRunId?: string;
  runs: number;
}

function when(run: TrainingRun): string {
  return run.startedAt ?? run.createdAt ?? '';
}

/** One entry per worker named by the runs, most recently seen first. */
export function workersFromRuns(runs: TrainingRun[]): WorkerSeen[] {
  const byWorker = new Map<string, WorkerSeen>();
  const newestFirst = [...runs].sort((a, b) => when(b).localeCompare(when(a)));
  for (const run of newestFirst) {
    if (!run.worker) continue;
    const seen = byWorker.get(run.worker) ?? { worker: run.worker, device: run.device, lastSeen: when(run) || undefined, runs: 0 };
    seen.runs += 1;
    seen.device ??= run.device;
    if (isActive(run.status) && seen.runningRunId === undefined) seen.runningRunId = run.id;
    byWorker.set(run.worker, seen);
  }
  return [...byWorker.values()];
}

function isActive(status: RunStatus): boolean {
  return status === 'RUNNING';
}
