// The launch form of a training run: its defaults (the paper's settings, docs/architecture.md, 'The REST API') and
// its translation into the run request, with a message per field for values the platform would refuse.
import type {
  Activation,
  AttentionInput,
  AttentionNormalization,
  Device,
  ModelType,
  OptimizerType,
  Pooling,
  RegularizationType,
  RunRequest,
  SelectionMetric,
} from '../api/types';
import { modelNameProblem } from './names';

/** Every field as the form holds it: text where the user types, so a half-typed number is not lost. */
export interface RunForm {
  datasetName: string;
  datasetVersion: string;
  model: string;
  type: ModelType;
  embeddingDim: string;
  attentionHiddenUnits: string;
  attentionActivation: Activation;
  attentionNormalization: AttentionNormalization;
  attentionInput: AttentionInput;
  pooling: Pooling;
  interestCandidateProduct: boolean;
  mlpHiddenUnits: string;
  mlpActivation: Activation;
  epochs: string;
  batchSize: string;
  optimizer: OptimizerType;
  learningRate: string;
  regularization: RegularizationType;
  lambda: string;
  /** MBA under Adam/Adagrad: '' leaves the platform's default (decoupled), else 'true' or 'false'. */
  decoupled: '' | 'true' | 'false';
  seed: string;
  device: Device;
  /** Optional: empty leaves the platform's default. */
  clipNorm: string;
  earlyStoppingPatience: string;
  evaluationBatchSize: string;
  /** Empty leaves the platform's default (GAUC). */
  selectionMetric: SelectionMetric | '';
  /** "user_id=0.1, item_id=0.05"; empty leaves the schema's and the platform's defaults. */
  idDropout: string;
}

export const MODEL_TYPES: readonly ModelType[] = ['DIN', 'BASE'];
export const ACTIVATIONS: readonly Activation[] = ['DICE', 'PRELU', 'SIGMOID', 'RELU'];
export const NORMALIZATIONS: readonly AttentionNormalization[] = ['NONE', 'SOFTMAX'];
export const ATTENTION_INPUTS: readonly AttentionInput[] = ['OFFICIAL', 'PAPER'];
export const POOLINGS: readonly Pooling[] = ['SUM', 'MEAN'];
export const OPTIMIZERS: readonly OptimizerType[] = ['ADAM', 'ADAGRAD', 'SGD'];
export const REGULARIZATIONS: readonly RegularizationType[] = ['MBA', 'L2', 'NONE'];
export const DEVICES: readonly Device[] = ['AUTO', 'CPU', 'GPU'];
export const SELECTION_METRICS: readonly SelectionMetric[] = ['GAUC', 'AUC', 'LOGLOSS'];

export const DEFAULT_RUN_FORM: RunForm = {
  datasetName: '',
  datasetVersion: 'latest',
  model: '',
  type: 'DIN',
  embeddingDim: '18',
  attentionHiddenUnits: '80, 40',
  attentionActivation: 'DICE',
  attentionNormalization: 'NONE',
  attentionInput: 'OFFICIAL',
  pooling: 'SUM',
  interestCandidateProduct: true,
  mlpHiddenUnits: '200, 80',
  mlpActivation: 'DICE',
  epochs: '5',
  batchSize: '256',
  optimizer: 'ADAM',
  learningRate: '0.001',
  regularization: 'MBA',
  lambda: '0.01',
  decoupled: '',
  seed: '7',
  device: 'AUTO',
  clipNorm: '',
  earlyStoppingPatience: '',
  evaluationBatchSize: '',
  selectionMetric: '',
  idDropout: '',
};

export type RunFormErrors = Partial<Record<keyof RunForm, string>>;

export type RunFormResult = { request: RunRequest; errors?: undefined } | { request?: undefined; errors: RunFormErrors };

/** The limits the form checks before sending; the platform checks again and has the last word. */
const LIMITS = {
  embeddingDim: [1, 256],
  hiddenUnit: [1, 4096],
  layers: [1, 8],
  epochs: [1, 1000],
  batchSize: [1, 65536],
  patience: [0, 1000],
  clipNorm: [0, 1000],
} as const;

function integerIn(text: string, [min, max]: readonly [number, number], errors: RunFormErrors, field: keyof RunForm, label: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    errors[field] = `${label} must be a whole number from ${min} to ${max}.`;
  }
  return value;
}

/** An optional number: undefined when left empty (the platform's default applies). */
function optionalNumber(
  text: string,
  [min, max]: readonly [number, number],
  errors: RunFormErrors,
  field: keyof RunForm,
  label: string,
  whole: boolean,
): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text.trim());
  if (!Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value))) {
    errors[field] = `${label} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}, or empty for the default.`;
  }
  return value;
}

/** "80, 40" or "80 40" → [80, 40]. */
export function parseHiddenUnits(text: string): number[] | undefined {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  const units = parts.map(Number);
  const ok = units.length >= LIMITS.layers[0] && units.length <= LIMITS.layers[1] && units.every((u) => Number.isInteger(u) && u >= LIMITS.hiddenUnit[0] && u <= LIMITS.hiddenUnit[1]);
  return ok ? units : undefined;
}

function hiddenUnits(text: string, errors: RunFormErrors, field: keyof RunForm, label: string): number[] {
  const units = parseHiddenUnits(text);
  if (!units) {
    errors[field] = `${label}: 1 to ${LIMITS.layers[1]} layer sizes from 1 to ${LIMITS.hiddenUnit[1]}, separated by commas (e.g. 80, 40).`;
  }
  return units ?? [];
}

/**
 * "user_id=0.1, item_id=0.05" → {user_id: 0.1, item_id: 0.05}: per categorical feature, the probability that a training
 * id is replaced by the unknown index. Undefined when empty (the schema's and the platform's defaults apply); the
 * platform checks the names against the dataset's schema.
 */
export function parseIdDropout(text: string, errors: RunFormErrors): Record<string, number> | undefined {
  const entries = text.split(/[,\n]+/).map((e) => e.trim()).filter((e) => e !== '');
  if (entries.length === 0) return undefined;
  const probabilities: Record<string, number> = {};
  for (const entry of entries) {
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(entry);
    const p = match ? Number(match[2]) : NaN;
    if (!match || !(p >= 0 && p < 1)) {
      errors.idDropout = `"${entry}": write feature=p with p from 0 to below 1, e.g. user_id=0.1.`;
      return undefined;
    }
    probabilities[match[1]] = p;
  }
  return probabilities;
}

/** A version number, or undefined for "latest" (the run request then leaves the version out). */
function datasetVersion(text: string, errors: RunFormErrors): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'latest') return undefined;
  const n = Number(trimmed);
  if (!Number.isInteger(n) || n < 1) errors.datasetVersion = 'The dataset version is "latest" or a version number (1, 2, ...).';
  return n;
}

export function toRunRequest(form: RunForm): RunFormResult {
  const errors: RunFormErrors = {};
  if (form.datasetName.trim() === '') errors.datasetName = 'Choose the dataset to train on.';
  const modelProblem = modelNameProblem(form.model);
  if (modelProblem) errors.model = modelProblem;
  const version = datasetVersion(form.datasetVersion, errors);
  const embeddingDim = integerIn(form.embeddingDim, LIMITS.embeddingDim, errors, 'embeddingDim', 'Embedding size');
  const attentionUnits = form.type === 'DIN' ? hiddenUnits(form.attentionHiddenUnits, errors, 'attentionHiddenUnits', 'Attention layers') : [];
  const mlpUnits = hiddenUnits(form.mlpHiddenUnits, errors, 'mlpHiddenUnits', 'MLP layers');
  const epochs = integerIn(form.epochs, LIMITS.epochs, errors, 'epochs', 'Epochs');
  const batchSize = integerIn(form.batchSize, LIMITS.batchSize, errors, 'batchSize', 'Batch size');
  const learningRate = Number(form.learningRate.trim());
  if (form.learningRate.trim() === '' || !(learningRate > 0 && learningRate <= 10)) {
    errors.learningRate = 'The learning rate must be a number above 0 and at most 10 (e.g. 0.001).';
  }
  const lambda = form.regularization === 'NONE' ? 0 : Number(form.lambda.trim());
  if (form.regularization !== 'NONE' && (form.lambda.trim() === '' || !(lambda >= 0 && lambda <= 100))) {
    errors.lambda = 'λ must be a number from 0 to 100 (e.g. 0.01).';
  }
  const seed = Number(form.seed.trim());
  if (form.seed.trim() === '' || !Number.isSafeInteger(seed)) errors.seed = 'The seed must be a whole number.';
  const clipNorm = optionalNumber(form.clipNorm, LIMITS.clipNorm, errors, 'clipNorm', 'Gradient clipping', false);
  const patience = optionalNumber(form.earlyStoppingPatience, LIMITS.patience, errors, 'earlyStoppingPatience', 'Early-stopping patience', true);
  const evaluationBatchSize = optionalNumber(form.evaluationBatchSize, LIMITS.batchSize, errors, 'evaluationBatchSize', 'Evaluation batch size', true);
  const idDropout = parseIdDropout(form.idDropout, errors);
  if (Object.keys(errors).length > 0) return { errors };
  return {
    request: {
      dataset: version === undefined ? { name: form.datasetName.trim() } : { name: form.datasetName.trim(), version },
      model: form.model.trim(),
      architecture: {
        type: form.type,
        embeddingDim,
        ...(form.type === 'DIN'
          ? {
              attention: {
                hiddenUnits: attentionUnits,
                activation: form.attentionActivation,
                normalization: form.attentionNormalization,
                input: form.attentionInput,
              },
            }
          : { pooling: form.pooling }),
        mlp: { hiddenUnits: mlpUnits, activation: form.mlpActivation },
        interestCandidateProduct: form.type === 'DIN' && form.interestCandidateProduct,
      },
      training: {
        epochs,
        batchSize,
        optimizer: { type: form.optimizer, learningRate },
        regularization: {
          type: form.regularization,
          lambda,
          ...(form.regularization === 'MBA' && form.decoupled !== '' ? { decoupled: form.decoupled === 'true' } : {}),
        },
        seed,
        device: form.device,
        ...(clipNorm !== undefined ? { clipNorm } : {}),
        ...(patience !== undefined ? { earlyStoppingPatience: patience } : {}),
        ...(evaluationBatchSize !== undefined ? { evaluationBatchSize } : {}),
        ...(form.selectionMetric !== '' ? { selectionMetric: form.selectionMetric } : {}),
        ...(idDropout !== undefined ? { idDropout } : {}),
      },
    },
  };
}
