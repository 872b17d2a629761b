import { useState } from 'react';
import { api } from '../../api/client';
import type { Model, ModelVersion } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { ResourceView } from '../../components/ResourceView';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';
import { navigate } from '../../routing/useRoute';
import { AliasMover } from './AliasMover';
import { GrantsPanel } from '../../components/GrantsPanel';
import { VersionMetricsTable } from './VersionMetricsTable';

interface ModelWithVersions {
  model: Model;
  versions: ModelVersion[];
}

function ComparePicker({ name, versions }: { name: string; versions: ModelVersion[] }) {
  const [a, setA] = useState(versions[1]?.version ?? versions[0]?.version);
  const [b, setB] = useState(versions[0]?.version);
  const options = versions.map((v) => (
    <option key={v.version} value={v.version}>
      v{v.version}
    </option>
  ));
  return (
    <form
      className="compare-form"
      onSubmit={(e) => {
        e.preventDefault();
        navigate({ page: 'compare', name, a, b });
      }}
    >
      <div className="grid">
        <Field label="Version A">
          <select value={a} onChange={(e) => setA(Number(e.target.value))} data-testid="compare-a">
            {options}
          </select>
        </Field>
        <Field label="Version B">
          <select value={b} onChange={(e) => setB(Number(e.target.value))} data-testid="compare-b">
            {options}
          </select>
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="button-secondary" disabled={a === b} data-testid="compare-submit">
          Compare
        </button>
      </div>
    </form>
  );
}

/** A registered model: its versions side by side, RelaImpr against a base, aliases and comparisons. */
export function ModelPage({ name, base }: { name: string; base?: number }) {
  const [resource, reload] = useResource<ModelWithVersions>(async () => {
    const model = await api.getModel(name);
    return { model, versions: await api.listModelVersions(model) };
  }, [name]);
  return (
    <section>
      <p className="breadcrumb">
        <Link to={{ page: 'models' }}>Models</Link> / {name}
      </p>
      <div className="page-head">
        <h1>{name}</h1>
        <div className="actions">
          <Link to={{ page: 'online', name }} className="button-secondary button" testId="model-online">
            Online metrics
          </Link>
          <Link to={{ page: 'playground', model: name }} className="button-secondary button" testId="model-playground">
            Open in the playground
          </Link>
        </div>
      </div>
      <ResourceView resource={resource} what="Loading the model" onRetry={reload}>
        {({ model, versions }) =>
          versions.length === 0 ? (
            <EmptyState title="This model has no version yet." />
          ) : (
            <>
              <div className="panel">
                <div className="panel-head">
                  <h2>Versions</h2>
                  <Field label="RelaImpr against">
                    <select
                      value={base ?? ''}
                      onChange={(e) => navigate({ page: 'model', name, base: e.target.value === '' ? undefined : Number(e.target.value) })}
                      data-testid="relaimpr-base"
                    >
                      <option value="">no base</option>
                      {versions.map((v) => (
                        <option key={v.version} value={v.version}>
                          v{v.version}
                        </option>
                      ))}
                    </select>
                  </Field>
                </div>
                <VersionMetricsTable model={model} versions={versions} baseVersion={base} />
              </div>
              <div className="columns">
                <div className="panel">
                  <h2>Move an alias</h2>
                  <AliasMover model={model} versions={versions} onMoved={reload} />
                </div>
                <div className="panel">
                  <h2>Compare two versions</h2>
                  {versions.length < 2 ? (
                    <p className="muted">A comparison needs two versions.</p>
                  ) : (
                    <ComparePicker name={name} versions={versions} />
                  )}
                </div>
              </div>
              <div className="panel">
                <h2>Who may use it</h2>
                <GrantsPanel kind="models" name={name} />
              </div>
            </>
          )
        }
      </ResourceView>
    </section>
  );
}
