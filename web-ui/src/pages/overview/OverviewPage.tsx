import { api } from '../../api/client';
import { problemOf, type Problem } from '../../api/problem';
import type { DatasetSummary, Health, Model, TrainingRun } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { HealthPanel } from '../../components/HealthPanel';
import { ProblemPanel } from '../../components/ProblemPanel';
import { ResourceView } from '../../components/ResourceView';
import { RunTable } from '../../components/RunTable';
import { StatCard } from '../../components/StatCard';
import { WorkerTable } from '../../components/WorkerTable';
import { workersFromRuns } from '../../domain/workers';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';

/** A part of the overview that may fail on its own without hiding the rest. */
type Part<T> = { ok: true; value: T } | { ok: false; problem: Problem };

async function part<T>(load: Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await load };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
}

interface Overview {
  datasets: Part<DatasetSummary[]>;
  models: Part<Model[]>;
  runs: Part<TrainingRun[]>;
  health: Part<Health>;
}

const RECENT_RUNS = 8;

function count<T>(p: Part<T[]>): string {
  return p.ok ? String(p.value.length) : '?';
}

function newestFirst(runs: TrainingRun[]): TrainingRun[] {
  return [...runs].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}

export function OverviewPage() {
  const [overview, reload] = useResource<Overview>(
    async () => {
      const [datasets, models, runs, health] = await Promise.all([
        part(api.listDatasets()),
        part(api.listModels()),
        part(api.listRuns()),
        part(api.health()),
      ]);
      return { datasets, models, runs, health };
    },
    [],
  );
  return (
    <section>
      <div className="page-head">
        <h1>Overview</h1>
        <button type="button" className="button-secondary" onClick={reload} data-testid="overview-refresh">
          Refresh
        </button>
      </div>
      <ResourceView resource={overview} what="Loading the platform's state" onRetry={reload}>
        {(o) => (
          <>
            <div className="stats">
              <StatCard label="datasets" value={count(o.datasets)} testId="count-datasets" />
              <StatCard label="models" value={count(o.models)} testId="count-models" />
              <StatCard label="training runs" value={count(o.runs)} testId="count-runs" />
            </div>
            <div className="columns">
              <div className="panel">
                <h2>Recent runs</h2>
                {!o.runs.ok ? (
                  <ProblemPanel problem={o.runs.problem} />
                ) : o.runs.value.length === 0 ? (
                  <EmptyState title="No training run yet.">
                    <Link to={{ page: 'launchRun' }}>Launch the first run</Link>
                  </EmptyState>
                ) : (
                  <RunTable runs={newestFirst(o.runs.value).slice(0, RECENT_RUNS)} />
                )}
              </div>
              <div className="panel">
                <h2>Health</h2>
                {o.health.ok ? <HealthPanel health={o.health.value} /> : <ProblemPanel problem={o.health.problem} />}
                <h3>Workers seen in recent runs</h3>
                {o.runs.ok && workersFromRuns(o.runs.value).length > 0 ? (
                  <WorkerTable workers={workersFromRuns(o.runs.value)} />
                ) : (
                  <p className="muted" data-testid="no-workers">No run has been claimed by a worker yet.</p>
                )}
              </div>
            </div>
            {[o.datasets, o.models].map((p, i) => (!p.ok ? <ProblemPanel key={i} problem={p.problem} /> : null))}
          </>
        )}
      </ResourceView>
    </section>
  );
}
