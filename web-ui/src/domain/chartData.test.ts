import { describe, expect, it } from 'vitest';
import { coarsen, distinctCounts, historyLengthBars, historyLengthSummary, labelShares, missingValueRows, splitCounts } from './chartData';

const labels = (stats: Parameters<typeof historyLengthBars>[0]) => historyLengthBars(stats).map((b) => `${b.label}:${b.count}`);

describe('historyLengthBars', () => {
  it('reads a list of counts indexed by length', () => {
    expect(labels({ historyLength: [5, 3, 0, 2] })).toEqual(['0:5', '1:3', '2:0', '3:2']);
  });

  it('reads a map from length or range to count, in numeric order', () => {
    expect(labels({ historyLength: { '10': 1, '2': 4, '0-1': 7 } })).toEqual(['0–1:7', '2:4', '10:1']);
  });

  it('reads bucket objects nested under a summary', () => {
    const stats = {
      historyLength: {
        min: 0, max: 49, mean: 12.5,
        histogram: [
          { from: 10, to: 19, count: 20 },
          { from: 0, to: 9, count: 30 },
          { lower: 20, upper: 49, rows: 5 },
        ],
      },
    };
    expect(labels(stats)).toEqual(['0–9:30', '10–19:20', '20–49:5']);
    expect(historyLengthSummary(stats)).toEqual({ min: 0, max: 49, mean: 12.5, median: undefined });
  });

  it('reads {length, count} entries and a distribution per sequence feature', () => {
    const stats = { historyLengths: { hist_item_id: [{ length: 3, count: 9 }, { length: 1, count: 2 }] } };
    expect(labels(stats)).toEqual(['1:2', '3:9']);
  });

  it('gives no bars when the statistics have no distribution', () => {
    expect(historyLengthBars(undefined)).toEqual([]);
    expect(historyLengthBars({ rows: 10 })).toEqual([]);
    expect(historyLengthBars({ historyLength: 'n/a' })).toEqual([]);
  });

  it('merges a long distribution into equal-width bars that keep every row', () => {
    const counts = Array.from({ length: 100 }, () => 1);
    const bars = historyLengthBars({ historyLength: counts }, 10);
    expect(bars).toHaveLength(10);
    expect(bars[0]).toMatchObject({ label: '0–9', from: 0, to: 9, count: 10 });
    expect(bars[9]).toMatchObject({ label: '90–99', count: 10 });
    expect(bars.reduce((s, b) => s + b.count, 0)).toBe(100);
  });

  it('leaves a short distribution as it is', () => {
    const bars = [{ label: '1', from: 1, to: 1, count: 3 }];
    expect(coarsen(bars, 40)).toBe(bars);
  });
});

describe('labelShares', () => {
  it('splits the rows into clicks and non-clicks from the positive rate', () => {
    expect(labelShares({ positiveRate: 0.25 }, 1000)).toEqual([
      { name: 'Click (label 1)', rows: 250 },
      { name: 'No click (label 0)', rows: 750 },
    ]);
  });

  it('prefers an exact positive count and the statistics row count', () => {
    expect(labelShares({ rows: 10, positives: 3, positiveRate: 0.9 }, 99)[0].rows).toBe(3);
  });

  it('is empty without rows or rate', () => {
    expect(labelShares({ positiveRate: 0.3 }, undefined)).toEqual([]);
    expect(labelShares({}, 100)).toEqual([]);
    expect(labelShares({ positiveRate: 0.3 }, 0)).toEqual([]);
  });
});

describe('missingValueRows', () => {
  it('lists columns with missing values, most first', () => {
    expect(missingValueRows({ missingValues: { a: 0, b: 5, c: 9, d: 5 } })).toEqual([
      { column: 'c', missing: 9 },
      { column: 'b', missing: 5 },
      { column: 'd', missing: 5 },
    ]);
    expect(missingValueRows({})).toEqual([]);
  });
});

describe("din-core's DatasetStatistics", () => {
  const stats = {
    rows: 100, positives: 55, positiveRate: 0.55, distinctGroups: 9,
    distinctValues: { user_id: 9, item_id: 40, cate_id: 5 },
    historyLength: {
      min: 0, max: 30, mean: 11.5, p50: 10, p90: 25, p99: 30, maxLength: 20, rowsOverMax: 12,
      histogram: [{ from: 0, to: 9, rows: 45 }, { from: 10, to: 19, rows: 43 }, { from: 20, to: 30, rows: 12 }],
    },
    missingValues: { user_id: 0, hist_item_id: 4 },
    splitSizes: { test: 10, train: 80, valid: 10 },
  };

  it('gives bars, summary, counts and splits', () => {
    expect(labels(stats)).toEqual(['0–9:45', '10–19:43', '20–30:12']);
    expect(historyLengthSummary(stats)).toEqual({ min: 0, max: 30, mean: 11.5, median: 10, p90: 25, p99: 30, maxLength: 20, rowsOverMax: 12 });
    expect(distinctCounts(stats)).toEqual([
      { label: 'groups (GAUC)', value: 9 },
      { label: 'distinct user_id', value: 9 },
      { label: 'distinct item_id', value: 40 },
      { label: 'distinct cate_id', value: 5 },
    ]);
    expect(splitCounts(stats).map((c) => c.label)).toEqual(['train', 'valid', 'test']);
    expect(labelShares(stats, 100)[0].rows).toBe(55);
    expect(missingValueRows(stats)).toEqual([{ column: 'hist_item_id', missing: 4 }]);
  });
});
