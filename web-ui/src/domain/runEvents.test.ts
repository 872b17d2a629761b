import { describe, expect, it } from 'vitest';
import type { TrainingRun } from '../api/types';
import {
  applyRunSnapshot,
  applyRunUpdate,
  applyServerSentEvent,
  INITIAL_RUN_STATE,
  isTerminal,
  MAX_CURVE_POINTS,
  type RunLiveState,
} from './runEvents';

const fold = (payloads: unknown[]): RunLiveState => payloads.reduce<RunLiveState>((s, p) => applyRunUpdate(s, p), INITIAL_RUN_STATE);

describe('run event reduction', () => {
  it('follows a run from queued to succeeded', () => {
    const state = fold([
      { status: 'QUEUED' },
      { status: 'RUNNING', device: 'cpu()', worker: 'worker-1', epochs: 3 },
      { epoch: 1, step: 10, loss: 0.69, samplesPerSecond: 1200 },
      { epoch: 1, step: 20, loss: 0.61, samplesPerSecond: 1300 },
      { epoch: 1, step: 20, validationAuc: 0.7 },
      { status: 'SUCCEEDED', metrics: { auc: 0.72, gauc: 0.7, logloss: 0.55 }, modelVersion: { name: 'm', version: 1 } },
    ]);
    expect(state).toMatchObject({
      status: 'SUCCEEDED',
      device: 'cpu()',
      worker: 'worker-1',
      epoch: 1,
      epochs: 3,
      step: 20,
      samplesPerSecond: 1300,
      metrics: { auc: 0.72, gauc: 0.7, logloss: 0.55 },
      modelVersion: { name: 'm', version: 1 },
      events: 6,
    });
    expect(state.loss).toEqual([
      { step: 10, epoch: 1, loss: 0.69 },
      { step: 20, epoch: 1, loss: 0.61 },
    ]);
    expect(state.validation).toEqual([{ epoch: 1, step: 20, auc: 0.7, gauc: undefined, logloss: undefined }]);
    expect(isTerminal(state.status)).toBe(true);
  });

  it('reads fields nested under progress and validation, and name/value metric points', () => {
    const state = fold([
      { type: 'progress', progress: { epoch: 2, step: 5, totalSteps: 50, loss: 0.5, fraction: 0.1 } },
      { type: 'metric', validation: { auc: 0.68, gauc: 0.66 }, epoch: 1 },
      { name: 'auc', split: 'validation', value: 0.71, epoch: 2 },
    ]);
    expect(state).toMatchObject({ epoch: 2, step: 5, steps: 50, fraction: 0.1 });
    expect(state.loss).toEqual([{ step: 5, epoch: 2, loss: 0.5 }]);
    expect(state.validation.map((p) => [p.epoch, p.auc, p.gauc])).toEqual([
      [1, 0.68, 0.66],
      [2, 0.71, undefined],
    ]);
  });

  it('replaces a repeated point instead of drawing it twice, and keeps points ordered', () => {
    const state = fold([
      { step: 30, loss: 0.4 },
      { step: 10, loss: 0.6 },
      { step: 30, loss: 0.39 },
    ]);
    expect(state.loss.map((p) => [p.step, p.loss])).toEqual([
      [10, 0.6],
      [30, 0.39],
    ]);
  });

  it('reads a percentage progress as a fraction and keeps it within 0..1', () => {
    expect(fold([{ progress: 45 }]).fraction).toBeCloseTo(0.45);
    expect(fold([{ fraction: 0.3 }]).fraction).toBeCloseTo(0.3);
    expect(fold([{ fraction: 250 }]).fraction).toBe(1);
  });

  it('keeps the failure reason', () => {
    expect(fold([{ status: 'FAILED', error: 'dataset file corrupted: SHA-256 mismatch' }]).error).toContain('SHA-256');
    expect(fold([{ status: 'failed', message: 'out of memory' }])).toMatchObject({ status: 'FAILED', error: 'out of memory' });
  });

  it('ignores an unknown status and a payload that is not an object', () => {
    const state = fold([{ status: 'RUNNING' }, { status: 'EXPLODED' }, 'hello', null]);
    expect(state.status).toBe('RUNNING');
    expect(state.events).toBe(2);
  });

  it('thins a long curve but keeps the newest points dense and the last one exact', () => {
    const payloads = Array.from({ length: MAX_CURVE_POINTS + 1 }, (_, i) => ({ step: i, loss: 1 / (i + 1) }));
    const state = fold(payloads);
    expect(state.loss.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(state.loss.length).toBeGreaterThan(MAX_CURVE_POINTS / 2);
    expect(state.loss.at(-1)).toMatchObject({ step: MAX_CURVE_POINTS });
    const steps = state.loss.map((p) => p.step);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });
});

describe("the training worker's points", () => {
  const progress = (step: number, loss: number, validation?: object) => ({
    stage: 'train', epoch: 2, epochs: 3, step, batch: step - 100, batchesPerEpoch: 100, loss, learningRate: 0.001, samplesPerSecond: 5000,
    ...(validation ? { validation } : {}),
  });

  it('draws a progress point as loss, and does not redraw the last validation it carries as context', () => {
    let state = applyServerSentEvent(INITIAL_RUN_STATE, { event: 'progress', data: JSON.stringify(progress(150, 0.45, { auc: 0.7 })) });
    expect(state.loss).toEqual([{ step: 150, epoch: 2, loss: 0.45 }]);
    expect(state.validation).toEqual([]);
    expect(state).toMatchObject({ stage: 'train', epochs: 3, steps: 300, samplesPerSecond: 5000 });
    state = applyRunSnapshot(state, { id: 'r', status: 'RUNNING', progress: progress(160, 0.44, { auc: 0.7 }) });
    expect(state.validation).toEqual([]);
  });

  it('draws an epoch-end point of the valid split as validation AUC, not as step loss', () => {
    const epochEnd = { stage: 'train', split: 'valid', epoch: 1, epochs: 3, step: 100, trainLoss: 0.5, samplesPerSecond: 4800, best: true, validation: { auc: 0.71, gauc: 0.69, logloss: 0.52, samples: 900, positives: 500 } };
    const state = applyServerSentEvent(INITIAL_RUN_STATE, { event: 'metric', data: JSON.stringify(epochEnd) });
    expect(state.validation).toEqual([{ epoch: 1, step: 100, auc: 0.71, gauc: 0.69, logloss: 0.52 }]);
    expect(state.loss).toEqual([]);
  });

  it('keeps the best epoch and the metric that selected it, with the note of a fallback', () => {
    const trained = { stage: 'trained', status: 'COMPLETED', epochs: 4, steps: 1248, bestEpoch: 3, selectionMetric: 'GAUC' };
    expect(fold([{ ...trained, selectedBy: 'GAUC' }])).toMatchObject({ bestEpoch: 3, selectedBy: 'GAUC', selectionNote: undefined });
    const note = 'GAUC is undefined on the validation split (no user with both classes): epochs were ranked by AUC';
    const fallback = fold([{ ...trained, selectedBy: 'AUC', selectionNote: note }, { stage: 'evaluate', split: 'test', auc: 0.7 }]);
    expect(fallback).toMatchObject({ bestEpoch: 3, selectedBy: 'AUC', selectionNote: note });
  });

  it('reads test metrics from the evaluate point and the version from the register point', () => {
    let state = applyServerSentEvent(INITIAL_RUN_STATE, {
      event: 'metric',
      data: JSON.stringify({ auc: 0.73, gauc: 0.7, logloss: 0.55, samples: 1000, positives: 550, stage: 'evaluate', split: 'test' }),
    });
    state = applyServerSentEvent(state, { event: 'stage', data: JSON.stringify({ stage: 'register', model: 'ml-din', version: 2, bundleSha256: 'ab' }) });
    expect(state.metrics).toMatchObject({ auc: 0.73, gauc: 0.7, logloss: 0.55 });
    expect(state.modelVersion).toEqual({ name: 'ml-din', version: 2 });
    expect(state.stage).toBe('register');
    expect(state.validation).toEqual([]);
  });
});

describe('server-sent events and snapshots', () => {
  it('applies JSON event data and counts, but otherwise ignores, non-JSON data', () => {
    let state = applyServerSentEvent(INITIAL_RUN_STATE, { event: 'progress', data: '{"step": 3, "loss": 0.5}' });
    state = applyServerSentEvent(state, { event: 'message', data: 'keep-alive' });
    expect(state.loss).toHaveLength(1);
    expect(state.events).toBe(2);
  });

  it('reads test metrics from a "metrics" event that carries them at the top level', () => {
    const state = applyServerSentEvent(INITIAL_RUN_STATE, { event: 'metrics', data: '{"auc": 0.73, "gauc": 0.71, "logloss": 0.52}' });
    expect(state.metrics).toEqual({ auc: 0.73, gauc: 0.71, logloss: 0.52 });
  });

  it('merges a polled run record without rolling back curves', () => {
    const live = applyRunUpdate(INITIAL_RUN_STATE, { step: 10, loss: 0.6 });
    const run: TrainingRun = {
      id: '8e2f',
      status: 'RUNNING',
      progress: { epoch: 2, epochs: 5, step: 40, loss: 0.5 },
      device: 'gpu(0)',
      worker: 'w-2',
    };
    const state = applyRunSnapshot(live, run);
    expect(state).toMatchObject({ status: 'RUNNING', epoch: 2, epochs: 5, step: 40, device: 'gpu(0)', worker: 'w-2' });
    expect(state.loss.map((p) => p.step)).toEqual([10, 40]);
    expect(state.events).toBe(1);
  });
});
