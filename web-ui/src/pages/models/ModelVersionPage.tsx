import { api } from '../../api/client';
import type { ModelVersion } from '../../api/types';
import { ResourceView } from '../../components/ResourceView';
import { BaselineNote } from '../../components/BaselineNote';
import { StatCard } from '../../components/StatCard';
import { bundleHash, lineageOf } from '../../domain/catalog';
import { formatMetric, formatTime } from '../../domain/format';
import { baselineOf } from '../../domain/metrics';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';

function VersionDetails({ name, version }: { name: string; version: ModelVersion }) {
  const lineage = lineageOf(version);
  return (
    <>
      <div className="stats">
        <StatCard label="test AUC" value={formatMetric(version.metrics?.auc)} testId="version-detail-auc" />
        <StatCard label="test GAUC" value={formatMetric(version.metrics?.gauc)} />
        <StatCard label="test log loss" value={formatMetric(version.metrics?.logloss)} />
        <StatCard label="popularity baseline GAUC" value={formatMetric(baselineOf(version.metrics)?.gauc)} />
      </div>
      <BaselineNote baseline={baselineOf(version.metrics)} testId="version-baseline" />
      <div className="columns">
        <div className="panel">
          <h2>Lineage</h2>
          <dl className="facts" data-testid="version-lineage">
            <dt>Training run</dt>
            <dd>{lineage.runId ? <Link to={{ page: 'run', id: lineage.runId }}><code>{lineage.runId}</code></Link> : '–'}</dd>
            <dt>Dataset</dt>
            <dd>
              {lineage.dataset ? (
                <Link to={{ page: 'datasetVersion', name: lineage.dataset.name, version: String(lineage.dataset.version) }}>
                  {lineage.dataset.name} v{lineage.dataset.version}
                </Link>
              ) : (
                '–'
              )}
            </dd>
            <dt>Bundle SHA-256</dt>
            <dd><code className="wrap">{bundleHash(version) ?? '–'}</code></dd>
            <dt>Registered</dt>
            <dd>{formatTime(version.createdAt)}</dd>
            <dt>Aliases</dt>
            <dd>{version.aliases && version.aliases.length > 0 ? version.aliases.join(', ') : '–'}</dd>
          </dl>
        </div>
        <div className="panel">
          <h2>Parameters</h2>
          <pre className="code" data-testid="version-parameters">{JSON.stringify(version.parameters ?? {}, null, 2)}</pre>
        </div>
      </div>
      <p>
        <Link to={{ page: 'playground', model: name, version: String(version.version) }} className="button" testId="version-playground">
          Try this version in the playground
        </Link>
      </p>
    </>
  );
}

export function ModelVersionPage({ name, version }: { name: string; version: number }) {
  const [resource, reload] = useResource(() => api.getModelVersion(name, version), [name, version]);
  return (
    <section>
      <p className="breadcrumb">
        <Link to={{ page: 'models' }}>Models</Link> / <Link to={{ page: 'model', name }}>{name}</Link> / v{version}
      </p>
      <h1>
        {name} <span className="muted">v{version}</span>
      </h1>
      <ResourceView resource={resource} what="Loading the version" onRetry={reload}>
        {(v) => <VersionDetails name={name} version={v} />}
      </ResourceView>
    </section>
  );
}
