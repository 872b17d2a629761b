import { describe, expect, it } from 'vitest';
import { rankedRows } from './ranking';

const candidates = [{ item_id: 'a' }, { item_id: 'b' }, { item_id: 'c' }];

describe('rankedRows', () => {
  it('orders by score and maps indices back to the candidates sent', () => {
    const rows = rankedRows({ model: 'm', version: 1, ranked: [{ index: 2, score: 0.3 }, { index: 0, score: 0.9 }] }, candidates);
    expect(rows).toEqual([
      { index: 0, score: 0.9, candidate: { item_id: 'a' } },
      { index: 2, score: 0.3, candidate: { item_id: 'c' } },
    ]);
  });

  it('accepts other list names and entries without an index', () => {
    const rows = rankedRows({ results: [{ score: 0.1 }, { score: 0.5, candidate: { item_id: 'x' } }] }, candidates);
    expect(rows).toEqual([
      { index: 1, score: 0.5, candidate: { item_id: 'x' } },
      { index: 0, score: 0.1, candidate: { item_id: 'a' } },
    ]);
  });

  it('keeps the unknown features the server names per candidate', () => {
    const rows = rankedRows({ ranked: [{ index: 1, score: 0.4, unknownFeatures: ['user_id', 'item_id'] }, { index: 0, score: 0.2, unknownFeatures: [] }] }, candidates);
    expect(rows.map((r) => r.unknownFeatures)).toEqual([['user_id', 'item_id'], []]);
    expect(rankedRows({ ranked: [{ index: 0, score: 0.2, unknownFeatures: 'user_id' }] }, candidates)[0]).not.toHaveProperty('unknownFeatures');
  });

  it('is empty for an answer without a list of scores', () => {
    expect(rankedRows({ model: 'm' }, candidates)).toEqual([]);
    expect(rankedRows('nope', candidates)).toEqual([]);
  });
});
