import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_FORM, parseHiddenUnits, parseIdDropout, toRunRequest, type RunForm, type RunFormErrors } from './runRequest';

const form = (overrides: Partial<RunForm> = {}): RunForm => ({
  ...DEFAULT_RUN_FORM,
  datasetName: 'movielens-100k',
  datasetVersion: '1',
  model: 'movielens-din',
  ...overrides,
});

describe('toRunRequest', () => {
  it('turns the defaults into the run request of the design', () => {
    expect(toRunRequest(form()).request).toEqual({
      dataset: { name: 'movielens-100k', version: 1 },
      model: 'movielens-din',
      architecture: {
        type: 'DIN',
        embeddingDim: 18,
        attention: { hiddenUnits: [80, 40], activation: 'DICE', normalization: 'NONE', input: 'OFFICIAL' },
        mlp: { hiddenUnits: [200, 80], activation: 'DICE' },
        interestCandidateProduct: true,
      },
      training: {
        epochs: 5,
        batchSize: 256,
        optimizer: { type: 'ADAM', learningRate: 0.001 },
        regularization: { type: 'MBA', lambda: 0.01 },
        seed: 7,
        device: 'AUTO',
      },
    });
  });

  it('sends pooling and no attention for the base model', () => {
    const request = toRunRequest(form({ type: 'BASE', pooling: 'MEAN', attentionHiddenUnits: 'garbage' })).request!;
    expect(request.architecture.attention).toBeUndefined();
    expect(request.architecture.pooling).toBe('MEAN');
    expect(request.architecture.interestCandidateProduct).toBe(false);
  });

  it('leaves the dataset version out for "latest", so the platform takes the newest', () => {
    expect(toRunRequest(form({ datasetVersion: 'latest' })).request!.dataset).toEqual({ name: 'movielens-100k' });
    expect(toRunRequest(form({ datasetVersion: ' ' })).request!.dataset).toEqual({ name: 'movielens-100k' });
  });

  it('sends the optional training settings only when given', () => {
    expect(toRunRequest(form()).request!.training).not.toHaveProperty('clipNorm');
    const training = toRunRequest(form({ clipNorm: '5', earlyStoppingPatience: '2', evaluationBatchSize: '4096' })).request!.training;
    expect(training).toMatchObject({ clipNorm: 5, earlyStoppingPatience: 2, evaluationBatchSize: 4096 });
    const errors = toRunRequest(form({ clipNorm: '-1', earlyStoppingPatience: '1.5' })).errors!;
    expect(Object.keys(errors).sort()).toEqual(['clipNorm', 'earlyStoppingPatience']);
  });

  it('sends the selection metric only when one is chosen', () => {
    expect(toRunRequest(form()).request!.training).not.toHaveProperty('selectionMetric');
    expect(toRunRequest(form({ selectionMetric: 'LOGLOSS' })).request!.training.selectionMetric).toBe('LOGLOSS');
  });

  it('names every field that is out of range', () => {
    const result = toRunRequest(
      form({
        datasetName: '',
        datasetVersion: '0',
        model: 'bad name',
        embeddingDim: '257',
        attentionHiddenUnits: '80, -1',
        mlpHiddenUnits: '',
        epochs: '2.5',
        batchSize: '100000',
        learningRate: '0',
        lambda: '-1',
        seed: 'x',
      }),
    );
    expect(Object.keys(result.errors ?? {}).sort()).toEqual(
      ['attentionHiddenUnits', 'batchSize', 'datasetName', 'datasetVersion', 'embeddingDim', 'epochs', 'lambda', 'learningRate', 'mlpHiddenUnits', 'model', 'seed'],
    );
    expect(result.errors?.batchSize).toBe('Batch size must be a whole number from 1 to 65536.');
  });

  it('ignores λ when regularization is off', () => {
    expect(toRunRequest(form({ regularization: 'NONE', lambda: 'x' })).request!.training.regularization).toEqual({ type: 'NONE', lambda: 0 });
  });
});

describe('parseHiddenUnits', () => {
  it('reads sizes separated by commas or spaces', () => {
    expect(parseHiddenUnits('80, 40')).toEqual([80, 40]);
    expect(parseHiddenUnits(' 200 80 ')).toEqual([200, 80]);
    expect(parseHiddenUnits('80,,40')).toEqual([80, 40]);
  });

  it('rejects empty, fractional, zero and huge sizes', () => {
    for (const text of ['', '80, 0', '1.5', '5000', 'a', '1 2 3 4 5 6 7 8 9']) expect(parseHiddenUnits(text), text).toBeUndefined();
  });
});

describe('MBA decoupling and id dropout', () => {
  it('leaves both to the platform unless chosen', () => {
    const training = toRunRequest(form()).request!.training;
    expect(training.regularization).toEqual({ type: 'MBA', lambda: 0.01 });
    expect(training).not.toHaveProperty('idDropout');
  });

  it('sends decoupled only with MBA', () => {
    expect(toRunRequest(form({ decoupled: 'false' })).request!.training.regularization.decoupled).toBe(false);
    expect(toRunRequest(form({ decoupled: 'true' })).request!.training.regularization.decoupled).toBe(true);
    expect(toRunRequest(form({ decoupled: 'false', regularization: 'L2' })).request!.training.regularization).not.toHaveProperty('decoupled');
  });

  it('reads feature=p pairs and refuses anything else', () => {
    expect(toRunRequest(form({ idDropout: 'user_id=0.1, item_id = 0.05' })).request!.training.idDropout).toEqual({ user_id: 0.1, item_id: 0.05 });
    const errors: RunFormErrors = {};
    expect(parseIdDropout('user_id=1', errors)).toBeUndefined();
    expect(errors.idDropout).toContain('user_id=1');
    expect(toRunRequest(form({ idDropout: 'user_id' })).errors?.idDropout).toContain('feature=p');
  });
});
