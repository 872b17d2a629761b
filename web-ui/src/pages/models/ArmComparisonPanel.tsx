import { useState } from 'react';
import { api } from '../../api/client';
import type { ComparedArm, Interval, OnlineComparison } from '../../api/types';
import { Field } from '../../components/Field';
import { ResourceView } from '../../components/ResourceView';
import { formatMetric } from '../../domain/format';
import { defaultPair } from '../../domain/onlineMetrics';
import { useResource } from '../../hooks/useResource';

function interval(value: number | undefined, range: Interval | undefined): string {
  if (value === undefined) return '—';
  return range ? `${formatMetric(value)} (${formatMetric(range.low)} to ${formatMetric(range.high)})` : formatMetric(value);
}

function ArmRow({ arm }: { arm: ComparedArm }) {
  return (
    <tr>
      <td>{arm.arm}</td>
      <td>{arm.impressions}</td>
      <td>{arm.clicks}</td>
      <td>{arm.users}</td>
      <td>{interval(arm.ctr, arm.ctrInterval)}</td>
      <td>{interval(arm.auc, arm.aucInterval)}</td>
      <td>{interval(arm.gauc, arm.gaucInterval)}</td>
    </tr>
  );
}

function Comparison({ comparison }: { comparison: OnlineComparison }) {
  return (
    <>
      <p className={`verdict verdict-${comparison.verdict.outcome.toLowerCase()}`} data-testid="online-verdict">
        {comparison.verdict.text}
      </p>
      <table data-testid="online-comparison">
        <thead>
          <tr>
            <th>arm</th>
            <th>impressions</th>
            <th>clicks</th>
            <th>users</th>
            <th>CTR (95 %)</th>
            <th>AUC (95 %)</th>
            <th>GAUC (95 %)</th>
          </tr>
        </thead>
        <tbody>
          <ArmRow arm={comparison.a} />
          <ArmRow arm={comparison.b} />
        </tbody>
      </table>
      <p className="muted">
        CTR intervals are Wilson intervals; AUC and GAUC intervals come from {comparison.bootstrap.resamples} bootstrap
        resamples of users.
        {comparison.ctrDifference && ` CTR difference ${formatMetric(comparison.ctrDifference.difference)}, p = ${comparison.ctrDifference.pValue.toPrecision(3)}.`}
      </p>
    </>
  );
}

function ComparisonOf({ name, a, b }: { name: string; a: string; b: string }) {
  const [resource, reload] = useResource(() => api.getOnlineComparison(name, a, b), [name, a, b]);
  return (
    <ResourceView resource={resource} what="Comparing the arms" onRetry={reload}>
      {(comparison) => <Comparison comparison={comparison} />}
    </ResourceView>
  );
}

/** Two arms of the model's traffic over the last 24 hours side by side, with the verdict of the comparison. */
export function ArmComparisonPanel({ name, arms }: { name: string; arms: string[] }) {
  const pair = defaultPair(arms);
  const [a, setA] = useState(pair?.[0]);
  const [b, setB] = useState(pair?.[1]);
  if (!pair || a === undefined || b === undefined) return null;
  return (
    <div className="panel" data-testid="online-arms">
      <h2>Compare two arms</h2>
      <div className="page-head">
        <Field label="Baseline">
          <select value={a} onChange={(e) => setA(e.target.value)} data-testid="online-arm-a">
            {arms.map((arm) => <option key={arm} value={arm}>{arm}</option>)}
          </select>
        </Field>
        <Field label="Against">
          <select value={b} onChange={(e) => setB(e.target.value)} data-testid="online-arm-b">
            {arms.map((arm) => <option key={arm} value={arm}>{arm}</option>)}
          </select>
        </Field>
      </div>
      {a === b ? <p className="muted">Pick two different arms.</p> : <ComparisonOf name={name} a={a} b={b} />}
    </div>
  );
}
