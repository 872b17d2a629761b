import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../api/client';
import { problemOf, type Problem } from '../../api/problem';
import type { DatasetSummary } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { ProblemPanel } from '../../components/ProblemPanel';
import {
  ACTIVATIONS,
  ATTENTION_INPUTS,
  DEFAULT_RUN_FORM,
  DEVICES,
  SELECTION_METRICS,
  MODEL_TYPES,
  NORMALIZATIONS,
  OPTIMIZERS,
  POOLINGS,
  REGULARIZATIONS,
  toRunRequest,
  type RunForm,
  type RunFormErrors,
} from '../../domain/runRequest';
import { Link } from '../../routing/Link';
import { navigate } from '../../routing/useRoute';

interface RunLaunchFormProps {
  datasets: DatasetSummary[];
  initialDataset?: string;
  initialVersion?: string;
}

function Options<T extends string>({ values }: { values: readonly T[] }): ReactNode {
  return values.map((v) => (
    <option key={v} value={v}>
      {v}
    </option>
  ));
}

/**
 * Every option of the run request (docs/architecture.md, 'The REST API'), prefilled with the paper's settings, so
 * that a first run needs only a dataset and a model name.
 */
export function RunLaunchForm({ datasets, initialDataset, initialVersion }: RunLaunchFormProps) {
  const firstDataset = initialDataset ?? datasets[0]?.name ?? '';
  const [form, setForm] = useState<RunForm>({
    ...DEFAULT_RUN_FORM,
    datasetName: firstDataset,
    datasetVersion: initialVersion ?? 'latest',
    model: firstDataset ? `${firstDataset}-din` : '',
  });
  const [errors, setErrors] = useState<RunFormErrors>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const set = <K extends keyof RunForm>(key: K) => (value: RunForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: keyof RunForm) => ({
    value: String(form[key]),
    onChange: (e: { target: { value: string } }) => set(key)(e.target.value as never),
    'data-testid': `run-${key}`,
  });
  const isDin = form.type === 'DIN';
  const preview = toRunRequest(form);

  if (datasets.length === 0) {
    return (
      <EmptyState title="There is no dataset to train on yet.">
        <Link to={{ page: 'datasets' }}>Upload or build a dataset first</Link>
      </EmptyState>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = toRunRequest(form);
    setErrors(result.errors ?? {});
    if (!result.request) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const run = await api.launchRun(result.request);
      navigate({ page: 'run', id: String(run.id) });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="launch-form" data-testid="launch-form">
      <fieldset>
        <legend>Data and name</legend>
        <div className="grid">
          <Field label="Dataset" error={errors.datasetName}>
            <select {...text('datasetName')}>
              {!datasets.some((d) => d.name === form.datasetName) && <option value={form.datasetName}>{form.datasetName || 'choose…'}</option>}
              {datasets.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Dataset version" hint='"latest" or a number' error={errors.datasetVersion}>
            <input {...text('datasetVersion')} />
          </Field>
          <Field label="Model name" hint="The registered model that gets the new version" error={errors.model}>
            <input {...text('model')} />
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>Architecture</legend>
        <div className="grid">
          <Field label="Model type" hint="DIN: attention over the history; BASE: Embedding&MLP with pooling">
            <select {...text('type')}>
              <Options values={MODEL_TYPES} />
            </select>
          </Field>
          <Field label="Embedding size" error={errors.embeddingDim}>
            <input inputMode="numeric" {...text('embeddingDim')} />
          </Field>
          {isDin ? (
            <>
              <Field label="Attention layers" hint="hidden units, e.g. 80, 40" error={errors.attentionHiddenUnits}>
                <input {...text('attentionHiddenUnits')} />
              </Field>
              <Field label="Attention activation">
                <select {...text('attentionActivation')}>
                  <Options values={ACTIVATIONS} />
                </select>
              </Field>
              <Field label="Attention normalization" hint="NONE keeps interest intensity (the paper); SOFTMAX as the demo code">
                <select {...text('attentionNormalization')}>
                  <Options values={NORMALIZATIONS} />
                </select>
              </Field>
              <Field label="Attention input" hint="OFFICIAL: [q, k, q−k, q·k]; PAPER: [q, k, q·k]">
                <select {...text('attentionInput')}>
                  <Options values={ATTENTION_INPUTS} />
                </select>
              </Field>
            </>
          ) : (
            <Field label="History pooling">
              <select {...text('pooling')}>
                <Options values={POOLINGS} />
              </select>
            </Field>
          )}
          <Field label="MLP layers" hint="hidden units, e.g. 200, 80" error={errors.mlpHiddenUnits}>
            <input {...text('mlpHiddenUnits')} />
          </Field>
          <Field label="MLP activation">
            <select {...text('mlpActivation')}>
              <Options values={ACTIVATIONS} />
            </select>
          </Field>
        </div>
        {isDin && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.interestCandidateProduct}
              onChange={(e) => set('interestCandidateProduct')(e.target.checked)}
              data-testid="run-interestCandidateProduct"
            />
            Feed interest ⊙ candidate to the MLP (the official code since 2020)
          </label>
        )}
      </fieldset>
      <fieldset>
        <legend>Training</legend>
        <div className="grid">
          <Field label="Epochs" error={errors.epochs}>
            <input inputMode="numeric" {...text('epochs')} />
          </Field>
          <Field label="Batch size" error={errors.batchSize}>
            <input inputMode="numeric" {...text('batchSize')} />
          </Field>
          <Field label="Optimizer">
            <select {...text('optimizer')}>
              <Options values={OPTIMIZERS} />
            </select>
          </Field>
          <Field label="Learning rate" error={errors.learningRate}>
            <input inputMode="decimal" {...text('learningRate')} />
          </Field>
          <Field label="Regularization" hint="MBA: mini-batch aware, touched rows only; L2: whole tables (baseline)">
            <select {...text('regularization')}>
              <Options values={REGULARIZATIONS} />
            </select>
          </Field>
          {form.regularization !== 'NONE' && (
            <Field label="λ" error={errors.lambda}>
              <input inputMode="decimal" {...text('lambda')} />
            </Field>
          )}
          {form.regularization === 'MBA' && (
            <Field label="MBA under Adam/Adagrad" hint="decoupled: the shrink applied outside the adaptive rule, as AdamW; SGD is the paper's update either way">
              <select {...text('decoupled')}>
                <option value="">default (decoupled)</option>
                <option value="true">decoupled</option>
                <option value="false">coupled (in the gradient)</option>
              </select>
            </Field>
          )}
          <Field label="Seed" error={errors.seed}>
            <input inputMode="numeric" {...text('seed')} />
          </Field>
          <Field label="Device" hint="AUTO uses a GPU when the worker has one">
            <select {...text('device')}>
              <Options values={DEVICES} />
            </select>
          </Field>
          <Field label="Best epoch by" hint="validation metric that selects the epoch and drives early stopping; GAUC: per-user AUC, the paper's">
            <select {...text('selectionMetric')}>
              <option value="">default (GAUC)</option>
              <Options values={SELECTION_METRICS} />
            </select>
          </Field>
          <Field label="Early-stopping patience" hint="epochs without a better validation selection metric; empty: default" error={errors.earlyStoppingPatience}>
            <input inputMode="numeric" {...text('earlyStoppingPatience')} />
          </Field>
          <Field label="Gradient clipping (norm)" hint="0 turns it off; empty: default" error={errors.clipNorm}>
            <input inputMode="decimal" {...text('clipNorm')} />
          </Field>
          <Field label="Evaluation batch size" hint="empty: default" error={errors.evaluationBatchSize}>
            <input inputMode="numeric" {...text('evaluationBatchSize')} />
          </Field>
          <Field
            label="Id dropout"
            hint="feature=p, e.g. user_id=0.1: trains the unknown row for ids the training split never holds; empty: the schema's, else 0.1 for the user of a dataset split by user"
            error={errors.idDropout}
          >
            <input {...text('idDropout')} />
          </Field>
        </div>
      </fieldset>
      <details className="request-preview">
        <summary>Request preview</summary>
        <pre className="code" data-testid="run-request-preview">
          {preview.request ? JSON.stringify(preview.request, null, 2) : 'Fix the highlighted fields to see the request.'}
        </pre>
      </details>
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="launch-submit">
          {busy ? 'Queuing…' : 'Launch run'}
        </button>
      </div>
      {problem && <ProblemPanel problem={problem} testId="launch-problem" />}
    </form>
  );
}
