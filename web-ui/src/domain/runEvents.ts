// Folds a training run's live events (server-sent events of GET /training-runs/{id}/events) and its polled
// snapshots (GET /training-runs/{id}) into one state that the run page draws: status, progress, the loss curve
// and the validation AUC curve.
import type { Metrics, ModelVersionRef, RunStatus, TrainingRun } from '../api/types';

export interface LossPoint {
  step: number;
  epoch?: number;
  loss: number;
}

export interface ValidationPoint {
  /** The x position: the epoch when known, else the step. */
  epoch?: number;
  step?: number;
  auc?: number;
  gauc?: number;
  logloss?: number;
}

export interface RunLiveState {
  status?: RunStatus;
  /** The job step the run is in: prepare, train, evaluate, register. */
  stage?: string;
  epoch?: number;
  epochs?: number;
  step?: number;
  steps?: number;
  /** Fraction done, 0..1. */
  fraction?: number;
  samplesPerSecond?: number;
  device?: string;
  worker?: string;
  error?: string;
  metrics?: Metrics;
  /** The epoch training kept, and the validation metric that ranked the epochs (from the `trained` stage point). */
  bestEpoch?: number;
  selectedBy?: string;
  /** Why `selectedBy` differs from the metric asked for (GAUC undefined on the validation split). */
  selectionNote?: string;
  modelVersion?: ModelVersionRef;
  loss: LossPoint[];
  validation: ValidationPoint[];
  events: number;
}

export const INITIAL_RUN_STATE: RunLiveState = { loss: [], validation: [], events: 0 };

const STATUSES: readonly RunStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
const TERMINAL: readonly RunStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/** A curve keeps at most this many points; older ones are thinned so a long run stays cheap to draw. */
export const MAX_CURVE_POINTS = 2000;

export function isTerminal(status: RunStatus | undefined): boolean {
  return status !== undefined && TERMINAL.includes(status);
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' ? String(value) : undefined;
}

function first<T>(...values: Array<T | undefined>): T | undefined {
  return values.find((v) => v !== undefined);
}

/** Keeps the points ordered by x, one per x (a repeated event replaces its point), and bounded in number. */
function upsert<T>(points: T[], point: T, x: (p: T) => number): T[] {
  const at = x(point);
  const next = points.filter((p) => x(p) !== at);
  next.push(point);
  next.sort((a, b) => x(a) - x(b));
  return bounded(next);
}

/** At most MAX_CURVE_POINTS: every second point of the older half is dropped; the newest points stay dense. */
function bounded<T>(points: T[]): T[] {
  if (points.length <= MAX_CURVE_POINTS) return points;
  const half = Math.floor(points.length / 2);
  return [...points.slice(0, half).filter((_, i) => i % 2 === 0), ...points.slice(half)];
}

/** Adds `extra` under `points`: where both have a point at the same x, the one already drawn stays. */
function underlay<T>(points: T[], extra: T[], x: (p: T) => number): T[] {
  const drawn = new Set(points.map(x));
  const added = extra.filter((p) => !drawn.has(x(p)));
  if (added.length === 0) return points;
  return bounded([...points, ...added].sort((a, b) => x(a) - x(b)));
}

/** The state with earlier points (a stored history) added under its loss and validation curves. */
export function mergeCurves(state: RunLiveState, loss: LossPoint[], validation: ValidationPoint[]): RunLiveState {
  return {
    ...state,
    loss: underlay(state.loss, loss, (p) => p.step),
    validation: underlay(state.validation, validation, validationX),
  };
}

/** A metric point in "name/value" form: {"name": "auc", "split": "valid", "value": 0.71, "epoch": 2}. */
function namedMetric(payload: Json): Json {
  const name = str(payload.name ?? payload.metric);
  const value = num(payload.value);
  if (name === undefined || value === undefined) return payload;
  return { ...payload, [name]: value };
}

const VALIDATION_SPLITS = ['valid', 'validation', 'val'];

/**
 * The fields of an event wherever the sender nested them: at the top level or under `progress` (a run record's
 * latest point). A run record's own fields win over its progress.
 */
function flatten(payload: Json): Json {
  const named = namedMetric(payload);
  const progress = isObject(named.progress) ? named.progress : {};
  return { ...progress, ...named, progressValue: typeof named.progress === 'number' ? named.progress : undefined };
}

/**
 * Validation metrics that form a new point of the validation curve. A training progress point (it has a `loss`)
 * may carry the last validation result as context; that is not a new evaluation and draws nothing.
 */
function validationMetrics(p: Json): Metrics | undefined {
  const split = str(p.split)?.toLowerCase();
  const nested = isObject(p.validation) ? p.validation : undefined;
  if (split !== undefined && VALIDATION_SPLITS.includes(split)) {
    const source = nested ?? p;
    return { auc: num(source.auc), gauc: num(source.gauc), logloss: num(source.logloss) };
  }
  const flat: Metrics = { auc: num(p.validationAuc), gauc: num(p.validationGauc), logloss: num(p.validationLogloss) };
  if (flat.auc !== undefined || flat.gauc !== undefined) return flat;
  if (nested && p.loss === undefined) return { auc: num(nested.auc), gauc: num(nested.gauc), logloss: num(nested.logloss) };
  return undefined;
}

function fraction(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  return value > 1 ? Math.min(value / 100, 1) : Math.max(value, 0);
}

/** The total number of steps, given directly or as epochs × batches per epoch. */
function totalSteps(p: Json): number | undefined {
  const direct = first(num(p.steps), num(p.totalSteps));
  if (direct !== undefined) return direct;
  const epochs = num(p.epochs);
  const perEpoch = num(p.batchesPerEpoch);
  return epochs !== undefined && perEpoch !== undefined ? epochs * perEpoch : undefined;
}

/** The version a `register` stage point announces: {"stage": "register", "model": "m", "version": 3}. */
function registeredVersion(p: Json): ModelVersionRef | undefined {
  if (isObject(p.modelVersion)) return p.modelVersion as unknown as ModelVersionRef;
  if (p.stage === 'register' && typeof p.model === 'string' && num(p.version) !== undefined) {
    return { name: p.model, version: num(p.version)! };
  }
  return undefined;
}

/** Applies one event's payload (already parsed JSON) to the state. */
export function applyRunUpdate(state: RunLiveState, payload: unknown, eventName = 'message'): RunLiveState {
  if (!isObject(payload)) return state;
  const p = flatten(payload);
  const statusText = str(p.status)?.toUpperCase();
  const status = STATUSES.includes(statusText as RunStatus) ? (statusText as RunStatus) : state.status;
  const epoch = first(num(p.epoch), state.epoch);
  const step = first(num(p.step), num(p.globalStep), state.step);
  const next: RunLiveState = {
    ...state,
    status,
    epoch,
    step,
    stage: first(str(p.stage), state.stage),
    epochs: first(num(p.epochs), num(p.totalEpochs), state.epochs),
    steps: first(totalSteps(p), state.steps),
    fraction: first(fraction(first(num(p.fraction), num(p.progressValue))), state.fraction),
    samplesPerSecond: first(num(p.samplesPerSecond), num(p.throughput), state.samplesPerSecond),
    device: first(str(p.device), state.device),
    worker: first(str(p.worker), str(p.workerId), state.worker),
    error: first(str(p.error), status === 'FAILED' ? str(p.message) : undefined, state.error),
    metrics: isObject(p.metrics) ? (p.metrics as Metrics) : testMetrics(p, eventName, state),
    bestEpoch: first(num(p.bestEpoch), state.bestEpoch),
    selectedBy: first(str(p.selectedBy), state.selectedBy),
    selectionNote: first(str(p.selectionNote), state.selectionNote),
    modelVersion: first(registeredVersion(p), state.modelVersion),
    events: state.events + 1,
  };
  const loss = first(num(p.loss), num(p.trainingLoss));
  if (loss !== undefined && step !== undefined) {
    next.loss = upsert(state.loss, { step, epoch, loss }, (pt) => pt.step);
  }
  const validation = validationMetrics(p);
  if (validation && (validation.auc !== undefined || validation.gauc !== undefined)) {
    const point: ValidationPoint = { epoch, step, auc: validation.auc, gauc: validation.gauc, logloss: validation.logloss };
    next.validation = upsert(state.validation, point, validationX);
  }
  return next;
}

/** Test metrics arrive as a point of the test split (or a "metrics" event) with auc, gauc and logloss on top. */
function testMetrics(p: Json, eventName: string, state: RunLiveState): Metrics | undefined {
  if (str(p.split)?.toLowerCase() !== 'test' && eventName !== 'metrics') return state.metrics;
  const metrics: Metrics = { auc: num(p.auc), gauc: num(p.gauc), logloss: num(p.logloss) };
  if (!Object.values(metrics).some((v) => v !== undefined)) return state.metrics;
  return isObject(p.baseline) ? { ...metrics, baseline: p.baseline as Metrics['baseline'] } : metrics;
}

/** Validation points are placed by epoch when the run reports epochs, else by step. */
export function validationX(point: ValidationPoint): number {
  return point.epoch ?? point.step ?? 0;
}

/** Applies a raw server-sent event: its data is JSON; anything else is counted and otherwise ignored. */
export function applyServerSentEvent(state: RunLiveState, event: { event: string; data: string }): RunLiveState {
  let payload: unknown;
  try {
    payload = JSON.parse(event.data);
  } catch {
    return { ...state, events: state.events + 1 };
  }
  return applyRunUpdate(state, payload, event.event);
}

/** Applies a polled snapshot of the run (GET /training-runs/{id}); it never rolls back curves already drawn. */
export function applyRunSnapshot(state: RunLiveState, run: TrainingRun): RunLiveState {
  const merged = applyRunUpdate(state, { ...run, progress: run.progress }, 'snapshot');
  return { ...merged, events: state.events };
}
