import { describe, expect, it } from 'vitest';
import type { OnlineMetrics, OnlineWindowMetrics } from '../api/types';
import { comparableArms, defaultPair, onlineSeries, onlineTotals, servingLabel, windowLabel } from './onlineMetrics';

function window(version: number, arm: string | null, start: string, figures: Partial<OnlineWindowMetrics>): OnlineWindowMetrics {
  return {
    version, arm, start, impressions: 10, labelled: 8, clicks: 2, ctr: 0.2, meanPredictedCtr: 0.25, calibration: 1.25,
    auc: 0.7, gauc: 0.65, latencyMs: { p50: 1, p95: 2, p99: 3 }, ...figures,
  };
}

const metrics: OnlineMetrics = {
  model: 'ctr', window: 'HOUR', from: '2026-12-07T00:00:00Z', to: '2026-12-07T03:00:00Z',
  windows: [
    window(1, 'production', '2026-12-07T00:00:00Z', { auc: 0.71 }),
    window(2, 'production', '2026-12-07T00:00:00Z', { auc: null, impressions: 5, clicks: 0, ctr: 0 }),
    window(1, 'production', '2026-12-07T01:00:00Z', { auc: 0.69 }),
    window(2, null, '2026-12-07T02:00:00Z', { auc: 0.8 }),
  ],
};

describe('online metrics', () => {
  it('draws a line per version and arm, leaving a gap where a figure is undefined', () => {
    const { labels, series } = onlineSeries(metrics, 'auc');
    expect(labels).toEqual(['v1 · production', 'v2 · production', 'v2 · named version']);
    expect(series[0]).toEqual([
      { x: Date.parse('2026-12-07T00:00:00Z'), y: 0.71 },
      { x: Date.parse('2026-12-07T01:00:00Z'), y: 0.69 },
    ]);
    expect(series[1]).toEqual([]);
    expect(series[2]).toEqual([{ x: Date.parse('2026-12-07T02:00:00Z'), y: 0.8 }]);
  });

  it('sums each version and arm over the period, the CTR from the sums', () => {
    const totals = onlineTotals(metrics);
    expect(totals[0]).toEqual({ label: 'v1 · production', impressions: 20, labelled: 16, clicks: 4, ctr: 0.2 });
    expect(totals[1]).toEqual({ label: 'v2 · production', impressions: 5, labelled: 8, clicks: 0, ctr: 0 });
  });

  it('names the arm, or says the request named the version', () => {
    expect(servingLabel(3, 'canary')).toBe('v3 · canary');
    expect(servingLabel(3, null)).toBe('v3 · named version');
  });

  it('labels windows by hour or by day in UTC', () => {
    const t = Date.parse('2026-12-07T05:00:00Z');
    expect(windowLabel(t, 'HOUR')).toBe('12-07 05:00');
    expect(windowLabel(t, 'DAY')).toBe('2026-12-07');
  });

  it('names the arms the comparison takes, served ones first, shadows marked', () => {
    const split: OnlineMetrics = {
      ...metrics,
      windows: [
        window(5, 'production', '2026-12-07T00:00:00Z', { shadow: true }),
        window(3, 'production', '2026-12-07T00:00:00Z', {}),
        window(4, 'production', '2026-12-07T00:00:00Z', {}),
        window(3, 'production', '2026-12-07T01:00:00Z', {}),
        window(2, null, '2026-12-07T01:00:00Z', {}),
      ],
    };
    expect(comparableArms(split)).toEqual(['production@v3', 'production@v4', '2', 'production@v5:shadow']);
    expect(defaultPair(comparableArms(split))).toEqual(['production@v3', 'production@v4']);
    expect(defaultPair(['production@v3'])).toBeUndefined();
    expect(servingLabel(5, 'production', true)).toBe('v5 · production (shadow)');
  });

  it('keeps a shadow apart from the version it shadows in the totals', () => {
    const shadowed: OnlineMetrics = {
      ...metrics,
      windows: [window(2, 'production', '2026-12-07T00:00:00Z', {}),
        window(2, 'production', '2026-12-07T00:00:00Z', { shadow: true, impressions: 4 })],
    };
    expect(onlineTotals(shadowed).map((t) => [t.label, t.impressions])).toEqual([
      ['v2 · production', 10],
      ['v2 · production (shadow)', 4],
    ]);
  });
});
