import type { BaselineVerdict } from '../domain/metrics';
import { formatMetric, formatSignedPercent } from '../domain/format';

/**
 * The popularity baseline beside a model's figures: its AUC and GAUC on the same rows, RelaImpr of the model over
 * it, and a warning when the model does not beat it (it has learned less than a counter of item popularity).
 */
export function BaselineNote({ baseline, testId = 'baseline-note' }: { baseline: BaselineVerdict | undefined; testId?: string }) {
  if (!baseline) return null;
  return (
    <div data-testid={testId}>
      <p className="muted">
        Popularity baseline (each candidate scored by how often its item occurs in the training split): AUC{' '}
        {formatMetric(baseline.auc)}, GAUC {formatMetric(baseline.gauc)}; RelaImpr over it{' '}
        {formatSignedPercent(baseline.relaImprGauc)} on GAUC, {formatSignedPercent(baseline.relaImprAuc)} on AUC.
      </p>
      {!baseline.beaten && (
        <p className="warning" role="alert" data-testid={`${testId}-warning`}>
          The model does not beat the popularity baseline: it ranks no better than counting how often each item occurs.
        </p>
      )}
    </div>
  );
}
