import { api } from '../../api/client';
import type { RunMetrics, TrainingRun } from '../../api/types';
import { OverlayChart } from '../../components/OverlayChart';
import { ResourceView } from '../../components/ResourceView';
import { StatusBadge } from '../../components/StatusBadge';
import { formatMetric } from '../../domain/format';
import { MAX_COMPARED, MIN_COMPARED, parameterRows, type XY } from '../../domain/runComparison';
import { LOSS, lossPoints, VALID_AUC, VALID_GAUC, validationPoints } from '../../domain/runHistory';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';

/** Points per curve: plenty for a chart a few hundred pixels wide, with the extremes kept by the platform. */
const MAX_POINTS = 500;

interface ComparedRun {
  run: TrainingRun;
  history: RunMetrics;
}

function label(run: TrainingRun, index: number): string {
  return `${index + 1}. ${run.model ?? run.request?.model ?? 'run'} ${String(run.id).slice(0, 8)}`;
}

function show(value: unknown): string {
  if (value === undefined) return '–';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function validationSeries(history: RunMetrics, metric: 'auc' | 'gauc'): XY[] {
  return validationPoints(history)
    .filter((p) => p[metric] !== undefined)
    .map((p) => ({ x: p.epoch ?? p.step ?? 0, y: p[metric]! }));
}

function Comparison({ runs }: { runs: ComparedRun[] }) {
  const labels = runs.map(({ run }, index) => label(run, index));
  const rows = parameterRows(runs.map(({ run }) => run.request));
  const differing = rows.filter((row) => row.differs).length;
  return (
    <>
      <div className="panel">
        <h2>Runs</h2>
        <table data-testid="compare-runs-results">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              <th scope="col">Test AUC</th>
              <th scope="col">Test GAUC</th>
              <th scope="col">Test log loss</th>
            </tr>
          </thead>
          <tbody>
            {runs.map(({ run }, index) => (
              <tr key={run.id} data-testid="compare-runs-row">
                <th scope="row">
                  <Link to={{ page: 'run', id: String(run.id) }}>{labels[index]}</Link>
                </th>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td>{formatMetric(run.metrics?.auc)}</td>
                <td>{formatMetric(run.metrics?.gauc)}</td>
                <td>{formatMetric(run.metrics?.logloss)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="columns">
        <div className="panel">
          <h2>Training loss</h2>
          <OverlayChart series={runs.map(({ history }) => lossPoints(history).map((p) => ({ x: p.step, y: p.loss })))}
            labels={labels} xLabel="step" what="training loss" testId="compare-loss-chart" />
        </div>
        <div className="panel">
          <h2>Validation GAUC</h2>
          <OverlayChart series={runs.map(({ history }) => validationSeries(history, 'gauc'))}
            labels={labels} xLabel="epoch" what="validation GAUC" testId="compare-gauc-chart" />
        </div>
      </div>
      <div className="panel">
        <h2>Validation AUC</h2>
        <OverlayChart series={runs.map(({ history }) => validationSeries(history, 'auc'))}
          labels={labels} xLabel="epoch" what="validation AUC" testId="compare-auc-chart" />
      </div>
      <div className="panel">
        <h2>Parameters</h2>
        <div className="table-scroll">
          <table data-testid="compare-runs-parameters">
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                {labels.map((l) => (
                  <th scope="col" key={l}>
                    {l}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} className={row.differs ? 'row-differs' : undefined}
                  data-testid={row.differs ? 'compare-runs-differs' : undefined}>
                  <th scope="row">
                    <code>{row.key}</code>
                  </th>
                  {row.values.map((value, index) => (
                    <td key={labels[index]}>{show(value)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">Highlighted rows differ ({differing} parameters).</p>
      </div>
    </>
  );
}

/** Two to five training runs: their curves overlaid, their results and their parameters side by side. */
export function CompareRunsPage({ ids }: { ids: string[] }) {
  const [resource, reload] = useResource(async () => {
    if (ids.length < MIN_COMPARED || ids.length > MAX_COMPARED) {
      throw new Error(`Choose ${MIN_COMPARED} to ${MAX_COMPARED} runs to compare (the list of runs has check boxes).`);
    }
    return Promise.all(ids.map(async (id) => {
      const [run, history] = await Promise.all([
        api.getRun(id),
        api.getRunMetrics(id, MAX_POINTS, [LOSS, VALID_AUC, VALID_GAUC]),
      ]);
      return { run, history };
    }));
  }, [ids]);
  return (
    <section>
      <p className="breadcrumb">
        <Link to={{ page: 'runs' }}>Training</Link> / compare {ids.length} runs
      </p>
      <h1>Compare runs</h1>
      <ResourceView resource={resource} what="Loading the runs and their histories" onRetry={reload}>
        {(runs) => <Comparison runs={runs} />}
      </ResourceView>
    </section>
  );
}
