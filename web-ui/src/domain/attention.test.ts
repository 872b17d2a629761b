import { describe, expect, it } from 'vitest';
import { attentionWeights, heatMapRows, strongestPosition } from './attention';

describe('attentionWeights', () => {
  it('reads a plain array, {weight} objects, or the first of one array per sequence', () => {
    expect(attentionWeights({ score: 0.5, attention: [0.1, 0.9] })).toEqual([0.1, 0.9]);
    expect(attentionWeights({ attention: [{ item: '5', weight: 0.2 }, { weight: 0.3 }] })).toEqual([0.2, 0.3]);
    expect(attentionWeights({ attention: { hist_item_id: [0.4, 0.6], hist_cate_id: [0.4, 0.6] } })).toEqual([0.4, 0.6]);
    expect(attentionWeights({ attentionWeights: [] })).toEqual([]);
  });

  it('gives nothing for a prediction without weights or with non-numbers', () => {
    expect(attentionWeights({ score: 0.5 })).toBeUndefined();
    expect(attentionWeights({ attention: [0.1, 'x'] })).toBeUndefined();
    expect(attentionWeights(null)).toBeUndefined();
  });
});

describe('heatMapRows', () => {
  it('orders candidates by score and puts every cell on one scale', () => {
    const rows = heatMapRows([
      { label: 'low', score: 0.2, weights: [0.5, 1] },
      { label: 'high', score: 0.8, weights: [2, -4] },
    ]);
    expect(rows.map((r) => r.label)).toEqual(['high', 'low']);
    expect(rows[0].cells.map((c) => c.intensity)).toEqual([0.5, 1]);
    expect(rows[1].cells.map((c) => c.intensity)).toEqual([0.125, 0.25]);
    expect(strongestPosition(rows[0])).toBe(1);
    expect(strongestPosition(rows[1])).toBe(1);
  });

  it('draws an all-zero map (an empty interest) without dividing by zero', () => {
    const [row] = heatMapRows([{ label: 'c', score: 0.1, weights: [0, 0] }]);
    expect(row.cells.map((c) => c.intensity)).toEqual([0, 0]);
    expect(strongestPosition({ ...row, cells: [] })).toBeUndefined();
  });
});
