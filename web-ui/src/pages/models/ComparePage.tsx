import { api } from '../../api/client';
import type { ModelVersion } from '../../api/types';
import { ResourceView } from '../../components/ResourceView';
import { lineageOf } from '../../domain/catalog';
import { formatMetric, formatSignedPercent } from '../../domain/format';
import { better, differingKeys, flattenParameters, relaImpr, type MetricName } from '../../domain/metrics';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';

const METRICS: Array<{ key: MetricName; label: string }> = [
  { key: 'auc', label: 'AUC' },
  { key: 'gauc', label: 'GAUC' },
  { key: 'logloss', label: 'Log loss' },
];

function show(value: unknown): string {
  if (value === undefined) return '–';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Comparison({ a, b }: { a: ModelVersion; b: ModelVersion }) {
  const pa = flattenParameters(a.parameters ?? {});
  const pb = flattenParameters(b.parameters ?? {});
  const differing = new Set(differingKeys(pa, pb));
  const keys = [...new Set([...Object.keys(pa), ...Object.keys(pb)])].sort();
  const la = lineageOf(a);
  const lb = lineageOf(b);
  return (
    <>
      <div className="panel">
        <h2>Test metrics</h2>
        <table data-testid="compare-metrics">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">v{a.version}</th>
              <th scope="col">v{b.version}</th>
            </tr>
          </thead>
          <tbody>
            {METRICS.map(({ key, label }) => {
              const winner = better(key, a.metrics?.[key], b.metrics?.[key]);
              return (
                <tr key={key}>
                  <th scope="row">{label}</th>
                  <td className={winner === 'a' ? 'better' : undefined}>{formatMetric(a.metrics?.[key])}</td>
                  <td className={winner === 'b' ? 'better' : undefined}>{formatMetric(b.metrics?.[key])}</td>
                </tr>
              );
            })}
            <tr>
              <th scope="row">RelaImpr of v{b.version} over v{a.version}</th>
              <td colSpan={2} data-testid="compare-relaimpr">
                on GAUC {formatSignedPercent(relaImpr(b.metrics?.gauc, a.metrics?.gauc))} (the paper's), on AUC{' '}
                {formatSignedPercent(relaImpr(b.metrics?.auc, a.metrics?.auc))}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <div className="panel">
        <h2>Lineage and parameters</h2>
        <div className="table-scroll">
          <table data-testid="compare-parameters">
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                <th scope="col">v{a.version}</th>
                <th scope="col">v{b.version}</th>
              </tr>
            </thead>
            <tbody>
              <tr className={la.dataset?.version !== lb.dataset?.version || la.dataset?.name !== lb.dataset?.name ? 'row-differs' : undefined}>
                <th scope="row">dataset</th>
                <td>{la.dataset ? `${la.dataset.name} v${la.dataset.version}` : '–'}</td>
                <td>{lb.dataset ? `${lb.dataset.name} v${lb.dataset.version}` : '–'}</td>
              </tr>
              {keys.map((key) => (
                <tr key={key} className={differing.has(key) ? 'row-differs' : undefined}>
                  <th scope="row">
                    <code>{key}</code>
                  </th>
                  <td>{show(pa[key])}</td>
                  <td>{show(pb[key])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">Highlighted rows differ ({differing.size} parameters).</p>
      </div>
    </>
  );
}

/** Two versions of a model side by side: which is better on each metric, and what changed between them. */
export function ComparePage({ name, a, b }: { name: string; a?: number; b?: number }) {
  const [resource, reload] = useResource(async () => {
    if (a === undefined || b === undefined) throw new Error('Choose two versions to compare (the address needs ?a=N&b=M).');
    return Promise.all([api.getModelVersion(name, a), api.getModelVersion(name, b)]);
  }, [name, a, b]);
  return (
    <section>
      <p className="breadcrumb">
        <Link to={{ page: 'models' }}>Models</Link> / <Link to={{ page: 'model', name }}>{name}</Link> / compare
      </p>
      <h1>
        {name}: v{a ?? '?'} vs v{b ?? '?'}
      </h1>
      <ResourceView resource={resource} what="Loading both versions" onRetry={reload}>
        {([va, vb]) => <Comparison a={va} b={vb} />}
      </ResourceView>
    </section>
  );
}
