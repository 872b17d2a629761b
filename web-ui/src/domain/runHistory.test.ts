import { describe, expect, it } from 'vitest';
import type { RunMetrics } from '../api/types';
import { INITIAL_RUN_STATE } from './runEvents';
import { applyRunHistory, lossPoints, validationPoints } from './runHistory';

const HISTORY: RunMetrics = {
  runId: 'r',
  metrics: [
    { name: 'train.loss', recorded: 2, points: [
      { step: 5, epoch: 1, value: 0.69, time: '2026-12-07T02:00:00Z' },
      { step: 10, epoch: 1, value: 0.61, time: '2026-12-07T02:00:01Z' },
    ] },
    { name: 'valid.auc', recorded: 1, points: [{ step: 10, epoch: 1, value: 0.7, time: '2026-12-07T02:00:02Z' }] },
    { name: 'valid.gauc', recorded: 1, points: [{ step: 10, epoch: 1, value: 0.66, time: '2026-12-07T02:00:02Z' }] },
  ],
};

describe('the stored history', () => {
  it('gives the loss curve by step and one validation point per evaluation', () => {
    expect(lossPoints(HISTORY)).toEqual([{ step: 5, epoch: 1, loss: 0.69 }, { step: 10, epoch: 1, loss: 0.61 }]);
    expect(validationPoints(HISTORY)).toEqual([{ step: 10, epoch: 1, auc: 0.7, gauc: 0.66 }]);
  });

  it('draws under the live curves, a live point of the same step winning', () => {
    const live = { ...INITIAL_RUN_STATE, loss: [{ step: 10, epoch: 1, loss: 0.5 }, { step: 15, epoch: 2, loss: 0.4 }] };

    const merged = applyRunHistory(live, HISTORY);

    expect(merged.loss).toEqual([
      { step: 5, epoch: 1, loss: 0.69 },
      { step: 10, epoch: 1, loss: 0.5 },
      { step: 15, epoch: 2, loss: 0.4 },
    ]);
    expect(merged.validation).toEqual([{ step: 10, epoch: 1, auc: 0.7, gauc: 0.66 }]);
  });
});
