import { useState } from 'react';
import { api } from '../../api/client';
import { problemOf, type Problem } from '../../api/problem';
import { BaselineNote } from '../../components/BaselineNote';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Loading } from '../../components/Loading';
import { LossChart } from '../../components/LossChart';
import { ProblemPanel } from '../../components/ProblemPanel';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBadge } from '../../components/StatusBadge';
import { ValidationChart } from '../../components/ValidationChart';
import { formatCount, formatMetric, formatTime } from '../../domain/format';
import { baselineOf } from '../../domain/metrics';
import { isTerminal, type RunLiveState } from '../../domain/runEvents';
import { useRunLive, type FollowMode } from '../../hooks/useRunLive';
import { Link } from '../../routing/Link';

const MODE_TEXT: Record<FollowMode, string> = {
  connecting: 'connecting…',
  live: 'live (server-sent events)',
  polling: 'polling every 2 s (no event stream)',
  finished: 'finished',
};

/** Epochs done over planned when both are known; the step fraction otherwise. */
function progressFraction(state: RunLiveState): number | undefined {
  if (state.status === 'SUCCEEDED') return 1;
  if (state.fraction !== undefined) return state.fraction;
  if (state.step !== undefined && state.steps) return state.step / state.steps;
  if (state.epoch !== undefined && state.epochs) return state.epoch / state.epochs;
  return undefined;
}

function RunFacts({ state, mode }: { state: RunLiveState; mode: FollowMode }) {
  return (
    <dl className="facts" data-testid="run-facts">
      <dt>Stage</dt>
      <dd data-testid="run-stage">{state.stage ?? '–'}</dd>
      <dt>Epoch</dt>
      <dd data-testid="run-epoch">{state.epoch !== undefined ? `${state.epoch}${state.epochs ? ` of ${state.epochs}` : ''}` : '–'}</dd>
      <dt>Step</dt>
      <dd>{state.step !== undefined ? `${formatCount(state.step)}${state.steps ? ` of ${formatCount(state.steps)}` : ''}` : '–'}</dd>
      <dt>Best epoch</dt>
      <dd data-testid="run-best-epoch">
        {state.bestEpoch !== undefined ? `${state.bestEpoch}${state.selectedBy ? `, by validation ${state.selectedBy}` : ''}` : '–'}
        {state.selectionNote && <span className="muted" data-testid="run-selection-note"> ({state.selectionNote})</span>}
      </dd>
      <dt>Samples/s</dt>
      <dd data-testid="run-throughput">{state.samplesPerSecond !== undefined ? formatCount(Math.round(state.samplesPerSecond)) : '–'}</dd>
      <dt>Device</dt>
      <dd data-testid="run-device">{state.device ?? '–'}</dd>
      <dt>Worker</dt>
      <dd data-testid="run-worker">{state.worker ?? '–'}</dd>
      <dt>Updates</dt>
      <dd data-testid="run-follow-mode">{MODE_TEXT[mode]}</dd>
    </dl>
  );
}

/** One training run, live: progress, the loss and validation AUC curves, test metrics, and cancel. */
export function RunPage({ id }: { id: string }) {
  const { state, run, mode, problem, refresh } = useRunLive(id);
  const [confirming, setConfirming] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [cancelProblem, setCancelProblem] = useState<Problem | undefined>();

  const cancel = async () => {
    setCancelling(true);
    setCancelProblem(undefined);
    try {
      await api.cancelRun(id);
      setConfirming(false);
      refresh();
    } catch (error) {
      setCancelProblem(problemOf(error));
      setConfirming(false);
    } finally {
      setCancelling(false);
    }
  };

  const header = (
    <p className="breadcrumb">
      <Link to={{ page: 'runs' }}>Training</Link> / run <code>{id.slice(0, 8)}</code>
    </p>
  );
  if (problem && !run) {
    return (
      <section>
        {header}
        <ProblemPanel problem={problem} onRetry={refresh} />
      </section>
    );
  }
  if (!run) {
    return (
      <section>
        {header}
        <Loading what="Loading the run" />
      </section>
    );
  }
  const status = state.status ?? run.status;
  const request = run.request;
  return (
    <section>
      {header}
      <div className="page-head">
        <h1>
          {run.model ?? run.modelName ?? request?.model ?? 'Run'} <StatusBadge status={status} />
        </h1>
        {!isTerminal(status) && (
          <button type="button" className="button-danger" onClick={() => setConfirming(true)} data-testid="run-cancel">
            Cancel run
          </button>
        )}
      </div>
      {problem && <ProblemPanel problem={problem} onRetry={refresh} />}
      {cancelProblem && <ProblemPanel problem={cancelProblem} testId="cancel-problem" />}
      {status === 'FAILED' && (
        <div className="problem" role="alert" data-testid="run-error">
          <p className="problem-title">The run failed</p>
          <p className="problem-detail">{state.error ?? run.error ?? 'The platform gave no reason.'}</p>
        </div>
      )}
      <ProgressBar fraction={progressFraction(state)} label="Training progress" />
      <div className="columns">
        <div className="panel">
          <h2>Progress</h2>
          <RunFacts state={state} mode={mode} />
        </div>
        <div className="panel">
          <h2>Result</h2>
          <dl className="facts" data-testid="run-result">
            <dt>Test AUC</dt>
            <dd data-testid="run-auc">{formatMetric(state.metrics?.auc)}</dd>
            <dt>Test GAUC</dt>
            <dd data-testid="run-gauc">{formatMetric(state.metrics?.gauc)}</dd>
            <dt>Test log loss</dt>
            <dd data-testid="run-logloss">{formatMetric(state.metrics?.logloss)}</dd>
            <dt>Popularity baseline (test AUC / GAUC)</dt>
            <dd data-testid="run-baseline">
              {baselineOf(state.metrics)
                ? `${formatMetric(baselineOf(state.metrics)?.auc)} / ${formatMetric(baselineOf(state.metrics)?.gauc)}`
                : '–'}
            </dd>
            <dt>Model version</dt>
            <dd data-testid="run-model-version">
              {state.modelVersion ? (
                <Link to={{ page: 'modelVersion', name: state.modelVersion.name, version: state.modelVersion.version }}>
                  {state.modelVersion.name} v{state.modelVersion.version}
                </Link>
              ) : (
                '–'
              )}
            </dd>
            <dt>Dataset</dt>
            <dd>
              {run.dataset ? (
                <Link to={{ page: 'datasetVersion', name: run.dataset.name, version: String(run.dataset.version) }}>
                  {run.dataset.name} v{run.dataset.version}
                </Link>
              ) : request ? `${request.dataset.name} ${request.dataset.version ? `v${request.dataset.version}` : 'latest'}` : '–'}
            </dd>
            <dt>Queued / finished</dt>
            <dd>
              {formatTime(run.createdAt)} / {formatTime(run.finishedAt)}
            </dd>
          </dl>
          <BaselineNote baseline={baselineOf(state.metrics)} testId="run-baseline-note" />
        </div>
      </div>
      <div className="columns">
        <div className="panel">
          <h2>Training loss</h2>
          <LossChart points={state.loss} />
        </div>
        <div className="panel">
          <h2>Validation AUC</h2>
          <ValidationChart points={state.validation} />
        </div>
      </div>
      {request && (
        <details className="panel">
          <summary>Run request</summary>
          <pre className="code">{JSON.stringify(request, null, 2)}</pre>
        </details>
      )}
      {confirming && (
        <ConfirmDialog
          title="Cancel this run?"
          confirmLabel="Cancel run"
          busy={cancelling}
          onConfirm={cancel}
          onCancel={() => setConfirming(false)}
        >
          <p>A queued run stops at once, a running one after its current mini-batch. No model version is registered.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
