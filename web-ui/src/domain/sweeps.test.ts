import { describe, expect, it } from 'vitest';
import type { SweepTrial } from '../api/types';
import { bestSoFar, earlyStopNote, fieldAgainstObjective, objectiveOverTrials, showValue } from './sweeps';

function trial(n: number, objective: number | null, rate: unknown): SweepTrial {
  return { trial: n, runId: `r${n}`, status: 'SUCCEEDED', parameters: { 'training.optimizer.learningRate': rate },
    objective, byEpoch: [], pruned: false };
}

const TRIALS = [trial(1, 0.6, 0.01), trial(2, null, 0.02), trial(3, 0.7, 0.001), trial(4, 0.65, 'x')];

describe('sweep charts', () => {
  it('places the trials that have an objective', () => {
    expect(objectiveOverTrials(TRIALS)).toEqual([{ x: 1, y: 0.6 }, { x: 3, y: 0.7 }, { x: 4, y: 0.65 }]);
    expect(fieldAgainstObjective(TRIALS, 'training.optimizer.learningRate')).toEqual([
      { x: 0.01, y: 0.6 },
      { x: 0.001, y: 0.7 },
    ]);
  });

  it('climbs the best objective so far in either direction', () => {
    expect(bestSoFar(TRIALS, true).map((p) => p.y)).toEqual([0.6, 0.7, 0.7]);
    expect(bestSoFar(TRIALS, false).map((p) => p.y)).toEqual([0.6, 0.6, 0.6]);
  });

  it('says what early stopping did to a trial', () => {
    const pruned = (status: SweepTrial['status']): SweepTrial => ({ ...trial(1, 0.6, 0.01), status, pruned: true });
    expect(earlyStopNote(trial(1, 0.6, 0.01))).toBeUndefined();
    expect(earlyStopNote(pruned('RUNNING'))).toBe('stopping early');
    expect(earlyStopNote(pruned('CANCELLED'))).toBe('stopped early');
    expect(earlyStopNote(pruned('SUCCEEDED'))).toBe('finished before its early stop');
    expect(earlyStopNote(pruned('FAILED'))).toBe('failed while asked to stop early');
  });

  it('shows values briefly', () => {
    expect(showValue(0.000123456)).toBe('0.0001235');
    expect(showValue(64)).toBe('64');
    expect(showValue([200, 80])).toBe('[200,80]');
  });
});
