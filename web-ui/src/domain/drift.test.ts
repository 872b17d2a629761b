import { describe, expect, it } from 'vitest';
import type { Drift, DriftWindow } from '../api/types';
import { driftRows, driftVerdict, latestPerVersion } from './drift';

function window(version: number, start: string, figures: Partial<DriftWindow>): DriftWindow {
  return {
    version, start, impressions: 50, historyLengthPsi: 0.01, scorePsi: null,
    unknownRates: { user_id: 0, item_id: 0.1 }, unknownRatePsi: {}, moved: [], ...figures,
  };
}

const drift: Drift = {
  model: 'ctr', window: 'HOUR', threshold: 0.25,
  windows: [
    window(1, '2026-12-07T00:00:00Z', {}),
    window(2, '2026-12-07T00:00:00Z', {}),
    window(1, '2026-12-07T01:00:00Z', {
      historyLengthPsi: 0.6, scorePsi: 0.31, unknownRates: { user_id: 1, item_id: 0.1 },
      unknownRatePsi: { user_id: 4.2, item_id: 0 }, moved: ['historyLength', 'score', 'user_id'],
    }),
  ],
};

describe('drift', () => {
  it('shows each version at its latest window, newest version first', () => {
    const latest = latestPerVersion(drift);
    expect(latest.map((w) => [w.version, w.start])).toEqual([
      [2, '2026-12-07T00:00:00Z'], [1, '2026-12-07T01:00:00Z'],
    ]);
  });

  it('lists every distribution with its index, the unknown rate of id features, and whether it moved', () => {
    const rows = driftRows(latestPerVersion(drift)[1]);
    expect(rows.map((r) => [r.key, r.psi, r.moved])).toEqual([
      ['historyLength', 0.6, true], ['score', 0.31, true], ['user_id', 4.2, true], ['item_id', 0, false],
    ]);
    expect(rows[2].unknownRate).toBe(1);
    expect(driftRows(latestPerVersion(drift)[0])[1].psi).toBeNull();
  });

  it('says which feature moved and by how much, or that nothing did', () => {
    const [newest, older] = latestPerVersion(drift);
    expect(driftVerdict(newest, 0.25)).toBe('Nothing moved past the threshold (PSI 0.25).');
    expect(driftVerdict(older, 0.25)).toBe('Moved past the threshold (PSI 0.25): history length (PSI 0.60), '
      + "score (PSI 0.31), user_id's unknown ids (PSI 4.20).");
  });
});
