// A run's stored metric history (GET /training-runs/{id}/metrics): the curves of a finished run, the part of a
// running run's curves drawn before the page opened, and the series the run comparison overlays.
import type { MetricSeries, RunMetrics } from '../api/types';
import { mergeCurves, type LossPoint, type RunLiveState, type ValidationPoint } from './runEvents';

export const LOSS = 'train.loss';
export const VALID_AUC = 'valid.auc';
export const VALID_GAUC = 'valid.gauc';
export const VALID_LOGLOSS = 'valid.logloss';

function series(history: RunMetrics, name: string): MetricSeries | undefined {
  return history.metrics.find((s) => s.name === name);
}

/** The training loss by step. */
export function lossPoints(history: RunMetrics): LossPoint[] {
  return (series(history, LOSS)?.points ?? []).map((p) => ({ step: p.step, epoch: p.epoch ?? undefined, loss: p.value }));
}

/** One validation point per evaluation (a step), with whichever of AUC, GAUC and log loss were defined. */
export function validationPoints(history: RunMetrics): ValidationPoint[] {
  const byStep = new Map<number, ValidationPoint>();
  const add = (name: string, field: 'auc' | 'gauc' | 'logloss') => {
    for (const p of series(history, name)?.points ?? []) {
      const point = byStep.get(p.step) ?? { step: p.step, epoch: p.epoch ?? undefined };
      point[field] = p.value;
      byStep.set(p.step, point);
    }
  };
  add(VALID_AUC, 'auc');
  add(VALID_GAUC, 'gauc');
  add(VALID_LOGLOSS, 'logloss');
  return [...byStep.values()].sort((a, b) => (a.step ?? 0) - (b.step ?? 0));
}

/** Draws the stored history under the live curves: a live point of the same step or epoch wins. */
export function applyRunHistory(state: RunLiveState, history: RunMetrics): RunLiveState {
  return mergeCurves(state, lossPoints(history), validationPoints(history));
}
