import { describe, expect, it } from 'vitest';
import { comparedIds, overlayRows, parameterRows, runKey } from './runComparison';

describe('overlayRows', () => {
  it('puts each run in its own column, one row per x, in x order', () => {
    const rows = overlayRows([
      [{ x: 2, y: 0.5 }, { x: 1, y: 0.7 }],
      [{ x: 1, y: 0.6 }, { x: 3, y: 0.4 }],
    ]);
    expect(rows).toEqual([
      { x: 1, [runKey(0)]: 0.7, [runKey(1)]: 0.6 },
      { x: 2, [runKey(0)]: 0.5 },
      { x: 3, [runKey(1)]: 0.4 },
    ]);
  });
});

describe('parameterRows', () => {
  it('marks the parameters on which the runs disagree, nested ones by dotted key', () => {
    const rows = parameterRows([
      { training: { epochs: 3, optimizer: { learningRate: 0.005 } }, model: 'm' },
      { training: { epochs: 3, optimizer: { learningRate: 0.001 } }, model: 'm' },
      { training: { epochs: 3 }, model: 'm' },
    ]);
    expect(rows).toEqual([
      { key: 'model', values: ['m', 'm', 'm'], differs: false },
      { key: 'training.epochs', values: [3, 3, 3], differs: false },
      { key: 'training.optimizer.learningRate', values: [0.005, 0.001, undefined], differs: true },
    ]);
  });

  it('compares arrays by value', () => {
    const rows = parameterRows([{ mlp: [200, 80] }, { mlp: [200, 80] }]);
    expect(rows).toEqual([{ key: 'mlp', values: [[200, 80], [200, 80]], differs: false }]);
  });
});

describe('comparedIds', () => {
  it('reads the ids of the address in order, once each', () => {
    expect(comparedIds('a, b,,a,c')).toEqual(['a', 'b', 'c']);
    expect(comparedIds(null)).toEqual([]);
  });
});
