import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { TrainingRun } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { ResourceView } from '../../components/ResourceView';
import { RunTable } from '../../components/RunTable';
import { MAX_COMPARED, MIN_COMPARED } from '../../domain/runComparison';
import { isTerminal } from '../../domain/runEvents';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';

const REFRESH_MS = 5000;

function newestFirst(runs: TrainingRun[]): TrainingRun[] {
  return [...runs].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}

/** Every training run, refreshed while some are still queued or running. */
export function RunsPage() {
  const [runs, reload] = useResource(() => api.listRuns().then(newestFirst), []);
  const active = runs.state === 'ready' && runs.data.some((r) => !isTerminal(r.status));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const comparable = selected.size >= MIN_COMPARED && selected.size <= MAX_COMPARED;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, reload]);
  return (
    <section>
      <div className="page-head">
        <h1>Training runs</h1>
        <div className="actions">
          {comparable ? (
            <Link to={{ page: 'compareRuns', ids: [...selected] }} className="button" testId="compare-runs-link">
              Compare {selected.size} runs
            </Link>
          ) : (
            <span className="muted" data-testid="compare-runs-hint">
              Tick {MIN_COMPARED} to {MAX_COMPARED} runs to compare them
            </span>
          )}
          <Link to={{ page: 'sweeps' }} testId="sweeps-link">
            Sweeps
          </Link>
          <Link to={{ page: 'launchRun' }} className="button" testId="launch-run-link">
            Launch a run
          </Link>
        </div>
      </div>
      <div className="panel">
        <ResourceView resource={runs} what="Loading runs" onRetry={reload}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No training run yet.">
                <Link to={{ page: 'launchRun' }}>Launch the first one</Link>
              </EmptyState>
            ) : (
              <RunTable runs={list} selection={{ selected, toggle }} />
            )
          }
        </ResourceView>
      </div>
    </section>
  );
}
