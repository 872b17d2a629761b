// The resources of the platform's REST API (version 1), as the dashboard reads them.
// Fields the API may leave out are optional: the dashboard shows what it gets and says when something is missing.

export type FeatureKind = 'CATEGORICAL' | 'SEQUENCE' | 'NUMERIC';

export interface FeatureSpec {
  name: string;
  kind: FeatureKind;
  target?: string;
  maxLength?: number;
  minCount?: number;
  /** CATEGORICAL only: the probability that a training id is replaced by the unknown index (0 to below 1). */
  idDropout?: number;
}

export interface FeatureSchema {
  label: string;
  group?: string;
  split?: string;
  sequenceDelimiter?: string;
  features: FeatureSpec[];
}

/** Statistics computed when a dataset version is registered. */
export interface DatasetStats {
  rows?: number;
  positiveRate?: number;
  positives?: number;
  /** Distinct values of the group column (users, by default). */
  distinctGroups?: number;
  /** Per categorical column, its number of distinct values. */
  distinctValues?: Record<string, number>;
  /** Rows per split: train, valid, test. */
  splitSizes?: Record<string, number>;
  distinctUsers?: number;
  distinctItems?: number;
  distinctCategories?: number;
  /** The history length distribution; its exact shape is read by domain/chartData.ts. */
  historyLength?: unknown;
  historyLengths?: unknown;
  missingValues?: Record<string, number>;
  [other: string]: unknown;
}

export interface DatasetVersion {
  name: string;
  version: number;
  sha256?: string;
  rows?: number;
  sizeBytes?: number;
  /** The statistics; `statistics` is the catalog's own name for them (read both through datasetStats). */
  stats?: DatasetStats;
  statistics?: DatasetStats;
  schema?: FeatureSchema;
  /** How the version came to be: an upload (file name) or a build (protocol and options). */
  origin?: Record<string, unknown>;
  /** The rows of its items table (ids with titles); 0 when it has none. */
  items?: number;
  createdAt?: string;
}

/** One row of a dataset version's items table: what an item id means to a person. */
export interface DatasetItem {
  id: string;
  title?: string | null;
  category?: string | null;
  attributes?: Record<string, string>;
}

/** Items of a dataset version: those asked for by id (unknown ids left out), or a page. */
export interface DatasetItems {
  name: string;
  version: number;
  total: number;
  items: DatasetItem[];
  nextOffset?: number | null;
}

/** A user of a dataset version (a value of its group column) and how many rows the file has for it. */
export interface DatasetUserSummary {
  userId: string;
  rows: number;
}

/** GET /datasets/{name}/versions/{version}/users: the first users of the file. */
export interface DatasetUsers {
  name: string;
  version: number;
  groupColumn: string;
  users: DatasetUserSummary[];
  /** The version has more users than listed. */
  truncated: boolean;
}

/** GET /datasets/{name}/versions/{version}/users/{userId}: the user's most recent row, raw values as in the file. */
export interface DatasetUser {
  name: string;
  version: number;
  groupColumn: string;
  userId: string;
  rows: number;
  /** The data row the values come from (1 = the first row after the header). */
  row: number;
  label: number;
  /** The history's length in the file; the sequences in `features` hold at most the newest maxLength of it. */
  historyLength: number;
  /** Every feature of the dataset's schema: strings, arrays of strings (oldest first), numbers or null. */
  features: Record<string, FeatureValue | null>;
}

export interface DatasetSummary {
  name: string;
  latestVersion?: number;
  /** How many versions there are (or, from some servers, the versions themselves). */
  versions?: number | DatasetVersion[];
  latest?: DatasetVersion;
  createdAt?: string;
}

/** A reference to a dataset version, as run records and model lineage carry it. */
export interface DatasetVersionRef {
  id?: number;
  name: string;
  version: number;
}

export type BuildProtocol = 'RATING_THRESHOLD' | 'NEXT_ITEM';
/** The raw log layout: MovieLens files (u.data, u.item) or CSV with a header. */
export type RawLogFormat = 'MOVIELENS' | 'CSV';

export type RunStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export type ModelType = 'DIN' | 'BASE';
export type Activation = 'DICE' | 'PRELU' | 'SIGMOID' | 'RELU';
export type AttentionNormalization = 'NONE' | 'SOFTMAX';
/** OFFICIAL feeds [q, k, q−k, q·k] to the activation unit (the official code); PAPER feeds [q, k, q·k] (the figure). */
export type AttentionInput = 'OFFICIAL' | 'PAPER';
/** How the base model pools the history. */
export type Pooling = 'SUM' | 'MEAN';
export type OptimizerType = 'ADAM' | 'ADAGRAD' | 'SGD';
export type RegularizationType = 'MBA' | 'L2' | 'NONE';
export type Device = 'AUTO' | 'CPU' | 'GPU';
/** GAUC: impression-weighted per-user AUC (the paper's); AUC: global AUC; LOGLOSS: lowest log loss. */
export type SelectionMetric = 'GAUC' | 'AUC' | 'LOGLOSS';

/** The body of POST /api/v1/training-runs (docs/architecture.md, 'The REST API'). */
export interface RunRequest {
  /** Without a version the run trains on the newest one. */
  dataset: { name: string; version?: number };
  model: string;
  architecture: {
    type: ModelType;
    embeddingDim: number;
    attention?: {
      hiddenUnits: number[];
      activation: Activation;
      normalization: AttentionNormalization;
      input: AttentionInput;
    };
    mlp: { hiddenUnits: number[]; activation: Activation };
    pooling?: Pooling;
    /** Feed interest ⊙ candidate to the MLP as well (the official code's 2020 fix). */
    interestCandidateProduct: boolean;
  };
  training: {
    epochs: number;
    batchSize: number;
    optimizer: { type: OptimizerType; learningRate: number };
    /**
     * decoupled: MBA outside Adam's and Adagrad's update rule (true) or in their gradient (false); left out or
     * null: the platform's default for the optimizer.
     */
    regularization: { type: RegularizationType; lambda: number; decoupled?: boolean | null };
    seed: number;
    device: Device;
    /** Gradient-norm clipping; 0 turns it off. Left out: the platform's default. */
    clipNorm?: number;
    /** Epochs without a better validation selection metric before training stops. */
    earlyStoppingPatience?: number;
    evaluationBatchSize?: number;
    /** The validation metric that selects the best epoch and drives early stopping. Left out: GAUC. */
    selectionMetric?: SelectionMetric;
    /**
     * Per categorical feature, the probability that a training id is replaced by the unknown index (0 to below 1).
     * Left out: the schema's idDropout, else 0.1 for the group feature of a dataset split by group, else 0.
     */
    idDropout?: Record<string, number>;
  };
}

/** The popularity baseline's figures on the rows a model was evaluated on. */
export interface BaselineFigures {
  name?: string;
  auc?: number | null;
  gauc?: number | null;
  /** RelaImpr of the model over the baseline, in percent, on GAUC (the paper's) and on AUC. */
  relaImprGauc?: number | null;
  relaImprAuc?: number | null;
  /** Whether the model ranks better than the baseline (on GAUC, else AUC). */
  beaten?: boolean;
}

export interface Metrics {
  auc?: number;
  gauc?: number;
  logloss?: number;
  samples?: number;
  positives?: number;
  /** The popularity baseline on the same rows. */
  baseline?: BaselineFigures;
  validation?: Metrics;
  [other: string]: unknown;
}

export interface RunProgress {
  epoch?: number;
  epochs?: number;
  step?: number;
  steps?: number;
  /** Fraction done, 0..1. */
  fraction?: number;
  loss?: number;
  samplesPerSecond?: number;
  validationAuc?: number;
  [other: string]: unknown;
}

export interface ModelVersionRef {
  id?: number;
  name: string;
  version: number;
}

export interface TrainingRun {
  id: string;
  /** The model the run registers a version of. */
  model?: string;
  modelName?: string;
  status: RunStatus;
  dataset?: DatasetVersionRef;
  attempts?: number;
  cancelRequested?: boolean;
  progress?: RunProgress | number;
  metrics?: Metrics;
  modelVersion?: ModelVersionRef;
  error?: string;
  request?: RunRequest;
  device?: string;
  worker?: string;
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string;
}

/** One measured value of a run's metric history (GET /training-runs/{id}/metrics). */
export interface MetricPointView {
  step: number;
  epoch?: number | null;
  value: number;
  time: string;
}

/** One metric of a run: how many points the run stored, and the (possibly thinned) points returned. */
export interface MetricSeries {
  name: string;
  recorded: number;
  points: MetricPointView[];
}

export interface RunMetrics {
  runId: string;
  metrics: MetricSeries[];
}

/** One trial of a sweep: a training run with the parameters the search chose. */
export interface SweepTrial {
  trial: number;
  runId: string;
  status: RunStatus;
  parameters: Record<string, unknown>;
  objective?: number | null;
  byEpoch: number[];
  pruned: boolean;
  modelVersion?: number | null;
}

export interface Sweep {
  id: string;
  model: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  definition: {
    algorithm: string;
    objective: string;
    maxTrials: number;
    parallelism: number;
    earlyStopping: string;
    promoteAlias?: string | null;
    space: Record<string, { type: string; values?: unknown[]; low?: number; high?: number }>;
  };
  trials: SweepTrial[];
  best?: SweepTrial | null;
  error?: string | null;
  createdAt: string;
  finishedAt?: string | null;
}

export interface ModelVersion {
  modelName?: string;
  name?: string;
  version: number;
  metrics?: Metrics;
  parameters?: Record<string, unknown>;
  /** Lineage: the run that trained it and the dataset version it learned from. */
  runId?: string;
  dataset?: DatasetVersionRef;
  lineage?: { runId?: string; dataset?: DatasetVersionRef };
  bundleSha256?: string;
  sha256?: string;
  createdAt?: string;
  aliases?: string[];
  schema?: FeatureSchema;
}

export interface Model {
  name: string;
  versionCount?: number;
  /** The versions themselves (GET /models/{name}); a count or nothing in some listings. */
  versions?: number | ModelVersion[] | null;
  aliases?: Record<string, number> | Array<{ alias?: string; name?: string; version: number }>;
  latestVersion?: number;
  createdAt?: string;
  /** The aliases split over weighted versions or with a shadow version (GET /models/{name}). */
  traffic?: Record<string, AliasTraffic>;
}

/** Where an alias sends traffic: weighted arms (one at weight 100 unless split) and a shadow version. */
export interface AliasTraffic {
  arms: Array<{ version: number; weight: number }>;
  shadow?: number;
}

// GET /api/v1/models/{name}/online-comparison
export interface Interval {
  low: number;
  high: number;
}

export interface ComparedArm {
  arm: string;
  version: number;
  shadow: boolean;
  impressions: number;
  labelled: number;
  clicks: number;
  users: number;
  ctr?: number;
  ctrInterval?: Interval;
  auc?: number;
  aucInterval?: Interval;
  gauc?: number;
  gaucInterval?: Interval;
}

export type ComparisonOutcome = 'BETTER' | 'WORSE' | 'NO_DIFFERENCE_YET' | 'NOT_COMPARABLE';

export interface OnlineComparison {
  model: string;
  from: string;
  to: string;
  a: ComparedArm;
  b: ComparedArm;
  ctrDifference?: { difference: number; interval: Interval; z: number; pValue: number };
  verdict: { outcome: ComparisonOutcome; text: string; moreImpressionsNeeded?: number };
  bootstrap: { resamples: number; seed: number };
}

export type FeatureValue = string | number | Array<string | number>;
export type Instance = Record<string, FeatureValue>;

export interface PredictRequest {
  instances: Instance[];
  explain?: boolean;
}

export interface Prediction {
  score: number;
  /** With explain: the attention weight of every history item, oldest first. */
  attention?: number[] | Record<string, number[]>;
  /** The features whose id the model does not know, scored with the feature's unknown row. */
  unknownFeatures?: string[];
  [other: string]: unknown;
}

export interface PredictResponse {
  model: string;
  version: number;
  predictions: Prediction[];
}

export interface RankRequest {
  context: Instance;
  candidates: Instance[];
  topK?: number;
}

export interface RankedCandidate {
  index: number;
  score: number;
  candidate?: Instance;
  /** The features of the candidate and the context whose id the model does not know. */
  unknownFeatures?: string[];
}

export interface RankResponse {
  model: string;
  version: number;
  ranked: RankedCandidate[];
}

export interface HealthComponent {
  status: string;
  details?: Record<string, unknown>;
  components?: Record<string, HealthComponent>;
}

export interface Health extends HealthComponent {}

/** Where to select a model version: an explicit version or an alias. */
export type VersionSelector = { version: number } | { alias: string };

// Online evaluation (GET /api/v1/models/{name}/online-metrics).
export type OnlineWindowLength = 'HOUR' | 'DAY';

export interface OnlineWindowMetrics {
  version: number;
  /** The alias or split arm that chose the version; null for requests that named the version. */
  arm: string | null;
  start: string;
  impressions: number;
  labelled: number;
  clicks: number;
  ctr: number;
  meanPredictedCtr: number;
  calibration: number | null;
  auc: number | null;
  gauc: number | null;
  latencyMs: { p50: number; p95: number; p99: number };
  /** A shadow version's scores (never returned), labelled by the clicks on the impressions they shadow. */
  shadow?: boolean;
}

export interface OnlineMetrics {
  model: string;
  window: OnlineWindowLength;
  from: string;
  to: string;
  windows: OnlineWindowMetrics[];
}

// Drift (GET /api/v1/models/{name}/drift).
export interface DriftWindow {
  version: number;
  start: string;
  impressions: number;
  /** History lengths against the training data's; null without a history or a training histogram. */
  historyLengthPsi: number | null;
  /** Scores against the version's first window in the period; null in that first window. */
  scorePsi: number | null;
  /** Per id feature, the share of impressions whose id the model did not know. */
  unknownRates: Record<string, number>;
  unknownRatePsi: Record<string, number | null>;
  /** What moved past the threshold: `historyLength`, `score`, or an id feature's name. */
  moved: string[];
}

export interface Drift {
  model: string;
  window: OnlineWindowLength;
  threshold: number;
  windows: DriftWindow[];
}

/** A batch prediction: offline scoring of a dataset version by a model version. */
export interface BatchPrediction {
  id: string;
  status: RunStatus;
  model: { name: string; version: number };
  dataset: { name: string; version: number };
  partitions?: number;
  progress?: { rowsScored: number; rowsTotal: number; fraction: number };
  metrics?: Record<string, unknown>;
  /** Where the CSV of scores is, once finished. */
  result?: { href: string; sha256: string; sizeBytes: number };
  error?: string | null;
  createdAt?: string;
  finishedAt?: string | null;
}

/** A recorded change to the platform (admin scope: GET /api/v1/audit). */
export interface AuditEntry {
  id: number;
  recordedAt: string;
  /** token:<id>, subject:<name>, worker:<id>, system or anonymous */
  principal: string;
  action: string;
  resourceType: string;
  resource: string | null;
  detail: string | null;
  outcome: 'SUCCESS' | 'REFUSED' | 'FAILED';
  status: number | null;
}

/** One page of the audit log, newest first; `nextBefore` reads the next (older) page. */
export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: number | null;
}

/** What a grant lets its grantee do; write includes predict and read, predict includes read. */
export type GrantPermission = 'read' | 'write' | 'predict';

/** One grant of a dataset or model: a principal (token:<id>, subject:<name> or group:<name>) and a permission. */
export interface Grant {
  grantee: string;
  permission: GrantPermission;
}

/** Who may use a dataset or model (GET /api/v1/{datasets|models}/{name}/grants). */
export interface AccessList {
  /** The principal that created it; null for a resource older than permissions. */
  owner: string | null;
  grants: Grant[];
}
