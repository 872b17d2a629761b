import { useState } from 'react';
import { api } from '../../api/client';
import { problemOf, type Problem } from '../../api/problem';
import type { FeatureSchema, Model, ModelVersion, VersionSelector } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { ProblemPanel } from '../../components/ProblemPanel';
import { ResourceView } from '../../components/ResourceView';
import { aliasMap } from '../../domain/aliases';
import { lineageOf, schemaOf } from '../../domain/catalog';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';
import { navigate } from '../../routing/useRoute';
import { JsonInputs } from './JsonInputs';
import { PlaygroundResults } from './PlaygroundResults';
import { SchemaInputs } from './SchemaInputs';
import type { PlaygroundQuery } from './playgroundQuery';
import { scorePlayground, type PlaygroundResult } from './scorePlayground';
import { UserPicker, type UserPick } from './UserPicker';

/** "3" selects version 3, "production" the alias: the playground's `version` address parameter. */
function selectorOf(choice: string | undefined): VersionSelector | undefined {
  if (!choice) return undefined;
  return /^\d+$/.test(choice) ? { version: Number(choice) } : { alias: choice };
}

function defaultChoice(model: Model): string | undefined {
  const aliases = aliasMap(model);
  if (aliases.production !== undefined) return 'production';
  return model.latestVersion !== undefined && model.latestVersion !== null ? String(model.latestVersion) : undefined;
}

function resolveVersion(model: Model, choice: string | undefined): number | undefined {
  const selector = selectorOf(choice);
  if (!selector) return model.latestVersion ?? undefined;
  return 'version' in selector ? selector.version : aliasMap(model)[selector.alias];
}

interface Target {
  model: Model;
  choice?: string;
  version?: ModelVersion;
  /** The features the model reads: from the version, else from the dataset version it was trained on. */
  schema?: FeatureSchema;
}

async function featureSchema(version: ModelVersion | undefined): Promise<FeatureSchema | undefined> {
  if (!version) return undefined;
  const own = schemaOf(version);
  if (own) return own;
  const dataset = lineageOf(version).dataset;
  if (!dataset) return undefined;
  // The lineage's dataset version carries the schema the model was trained with.
  return api.getDatasetVersion(dataset.name, dataset.version).then(
    (v) => v.schema,
    () => undefined,
  );
}

function VersionPicker({ models, target }: { models: Model[]; target: Target }) {
  const aliases = Object.entries(aliasMap(target.model));
  const latest = target.model.latestVersion ?? 0;
  const numbers = Array.from({ length: latest }, (_, i) => latest - i);
  return (
    <div className="grid">
      <Field label="Model">
        <select
          value={target.model.name}
          onChange={(e) => navigate({ page: 'playground', model: e.target.value })}
          data-testid="playground-model"
        >
          {models.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Version or alias">
        <select
          value={target.choice ?? ''}
          onChange={(e) => navigate({ page: 'playground', model: target.model.name, version: e.target.value })}
          data-testid="playground-version"
        >
          {aliases.map(([alias, v]) => (
            <option key={alias} value={alias}>
              {alias} (v{v})
            </option>
          ))}
          {numbers.map((n) => (
            <option key={n} value={String(n)}>
              v{n}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

function Scorer({ target }: { target: Target }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [outcome, setOutcome] = useState<{ result: PlaygroundResult; labels: string[] } | undefined>();
  const [pick, setPick] = useState<UserPick | undefined>();
  const schema = target.schema;
  const score = async (query: PlaygroundQuery) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await scorePlayground(target.model.name, selectorOf(target.choice), query);
      setOutcome({ result, labels: query.historyLabels });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div className="panel">
        <UserPicker trainedOn={target.version && lineageOf(target.version).dataset} onPick={setPick} />
        {schema ? (
          <SchemaInputs schema={schema} busy={busy} onSubmit={score} pick={pick} />
        ) : (
          <JsonInputs busy={busy} onSubmit={score} pick={pick} />
        )}
      </div>
      {problem && <ProblemPanel problem={problem} />}
      {outcome && <PlaygroundResults result={outcome.result} historyLabels={outcome.labels} />}
    </>
  );
}


/** Score candidates for one user with a chosen model version and see the attention behind every score. */
export function PlaygroundPage({ model, version }: { model?: string; version?: string }) {
  const [resource, reload] = useResource<{ models: Model[]; target?: Target }>(async () => {
    const models = await api.listModels();
    const summary = models.find((m) => m.name === model) ?? models[0];
    if (!summary) return { models };
    const full = await api.getModel(summary.name);
    const merged: Model = { ...summary, ...full };
    const choice = version ?? defaultChoice(merged);
    const number = resolveVersion(merged, choice);
    const details = number !== undefined ? await api.getModelVersion(merged.name, number) : undefined;
    return { models, target: { model: merged, choice, version: details, schema: await featureSchema(details) } };
  }, [model, version]);
  return (
    <section>
      <h1>Playground</h1>
      <ResourceView resource={resource} what="Loading models" onRetry={reload}>
        {({ models, target }) =>
          !target ? (
            <EmptyState title="No model to try yet.">
              <Link to={{ page: 'launchRun' }}>Train one first</Link>
            </EmptyState>
          ) : (
            <>
              <div className="panel">
                <VersionPicker models={models} target={target} />
              </div>
              <Scorer key={`${target.model.name}/${target.choice}`} target={target} />
            </>
          )
        }
      </ResourceView>
    </section>
  );
}
