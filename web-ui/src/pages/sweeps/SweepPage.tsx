import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { problemOf, type Problem } from '../../api/problem';
import type { Sweep } from '../../api/types';
import { OverlayChart } from '../../components/OverlayChart';
import { ProblemPanel } from '../../components/ProblemPanel';
import { ResourceView } from '../../components/ResourceView';
import { ScatterPlot } from '../../components/ScatterPlot';
import { StatusBadge } from '../../components/StatusBadge';
import { formatMetric, formatTime } from '../../domain/format';
import {
  bestSoFar, earlyStopNote, fieldAgainstObjective, maximised, numericFields, objectiveOverTrials, showValue,
} from '../../domain/sweeps';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';

const REFRESH_MS = 3000;

function SweepDetails({ sweep }: { sweep: Sweep }) {
  const objective = sweep.definition.objective;
  const fields = Object.keys(sweep.definition.space).sort();
  return (
    <>
      <div className="panel">
        <dl className="facts" data-testid="sweep-facts">
          <dt>Algorithm</dt>
          <dd>{sweep.definition.algorithm}</dd>
          <dt>Objective</dt>
          <dd>{objective}</dd>
          <dt>Trials</dt>
          <dd data-testid="sweep-trial-count">
            {sweep.trials.length} of {sweep.definition.maxTrials}, {sweep.definition.parallelism} at once
          </dd>
          <dt>Early stopping</dt>
          <dd>{sweep.definition.earlyStopping}</dd>
          <dt>Best trial</dt>
          <dd data-testid="sweep-best">
            {sweep.best ? (
              <>
                #{sweep.best.trial}: {formatMetric(sweep.best.objective ?? undefined)}
                {sweep.best.modelVersion ? (
                  <>
                    {' '}(<Link to={{ page: 'modelVersion', name: sweep.model, version: sweep.best.modelVersion }}>
                      {sweep.model} v{sweep.best.modelVersion}
                    </Link>)
                  </>
                ) : null}
              </>
            ) : (
              '–'
            )}
          </dd>
          <dt>Promotes</dt>
          <dd>{sweep.definition.promoteAlias ?? '–'}</dd>
          <dt>Started / ended</dt>
          <dd>
            {formatTime(sweep.createdAt)} / {formatTime(sweep.finishedAt ?? undefined)}
          </dd>
        </dl>
        {sweep.error && <p className="problem-detail">{sweep.error}</p>}
      </div>
      <div className="columns">
        <div className="panel">
          <h2>Objective over trials</h2>
          <OverlayChart series={[objectiveOverTrials(sweep.trials), bestSoFar(sweep.trials, maximised(sweep))]}
            labels={['trial', 'best so far']} xLabel="trial" what={objective} testId="sweep-objective-chart" />
        </div>
        {numericFields(sweep).map((field) => (
          <div className="panel" key={field}>
            <h2>
              <code>{field}</code>
            </h2>
            <ScatterPlot points={fieldAgainstObjective(sweep.trials, field)} xLabel={field} yLabel={objective}
              logX={sweep.definition.space[field]?.type === 'LOG_UNIFORM'} testId="sweep-field-chart" />
          </div>
        ))}
      </div>
      <div className="panel">
        <h2>Trials</h2>
        <div className="table-scroll">
          <table data-testid="sweep-trials">
            <thead>
              <tr>
                <th scope="col">Trial</th>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                {fields.map((field) => (
                  <th scope="col" key={field}>
                    <code>{field}</code>
                  </th>
                ))}
                <th scope="col">{objective}</th>
              </tr>
            </thead>
            <tbody>
              {sweep.trials.map((trial) => (
                <tr key={trial.trial} data-testid="sweep-trial" className={sweep.best?.trial === trial.trial ? 'better' : undefined}>
                  <td>{trial.trial}</td>
                  <td>
                    <Link to={{ page: 'run', id: trial.runId }}>
                      <code>{trial.runId.slice(0, 8)}</code>
                    </Link>
                  </td>
                  <td>
                    <StatusBadge status={trial.status} testId="sweep-trial-status" />
                    {trial.pruned && <span className="muted"> {earlyStopNote(trial)}</span>}
                  </td>
                  {fields.map((field) => (
                    <td key={field}>{showValue(trial.parameters[field])}</td>
                  ))}
                  <td>{formatMetric(trial.objective ?? undefined)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}

/** One sweep: its trials, the objective over trials, each searched field against the objective; cancel. */
export function SweepPage({ id }: { id: string }) {
  const [sweep, reload] = useResource(() => api.getSweep(id), [id]);
  const [cancelProblem, setCancelProblem] = useState<Problem | undefined>();
  const running = sweep.state === 'ready' && sweep.data.status === 'RUNNING';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, reload]);
  const cancel = async () => {
    setCancelProblem(undefined);
    try {
      await api.cancelSweep(id);
      reload();
    } catch (error) {
      setCancelProblem(problemOf(error));
    }
  };
  return (
    <section>
      <p className="breadcrumb">
        <Link to={{ page: 'sweeps' }}>Sweeps</Link> / <code>{id.slice(0, 8)}</code>
      </p>
      <div className="page-head">
        <h1>
          Sweep {sweep.state === 'ready' ? sweep.data.model : ''}{' '}
          {sweep.state === 'ready' && <StatusBadge status={sweep.data.status} testId="sweep-status" />}
        </h1>
        {running && (
          <button type="button" className="button-danger" onClick={cancel} data-testid="sweep-cancel">
            Cancel sweep
          </button>
        )}
      </div>
      {cancelProblem && <ProblemPanel problem={cancelProblem} testId="sweep-cancel-problem" />}
      <ResourceView resource={sweep} what="Loading the sweep" onRetry={reload}>
        {(data) => <SweepDetails sweep={data} />}
      </ResourceView>
    </section>
  );
}
