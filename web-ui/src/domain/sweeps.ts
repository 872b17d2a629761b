// A sweep's trials as the sweep page draws them: the objective over trials, each searched field against the
// objective, and how a value of a field is shown.
import type { Sweep, SweepTrial } from '../api/types';
import type { XY } from './runComparison';

/** The trials with an objective, as (trial number, objective) points. */
export function objectiveOverTrials(trials: SweepTrial[]): XY[] {
  return trials.filter(hasObjective).map((t) => ({ x: t.trial, y: t.objective! }));
}

/** The best objective so far after each trial, for the staircase a sweep climbs. */
export function bestSoFar(trials: SweepTrial[], maximised: boolean): XY[] {
  let best: number | undefined;
  return objectiveOverTrials(trials).map(({ x, y }) => {
    best = best === undefined || (maximised ? y > best : y < best) ? y : best;
    return { x, y: best };
  });
}

/** One searched field against the objective: numeric fields as numbers, others by their position in the choice. */
export function fieldAgainstObjective(trials: SweepTrial[], field: string): XY[] {
  return trials.filter(hasObjective).flatMap((t) => {
    const value = t.parameters[field];
    return typeof value === 'number' ? [{ x: value, y: t.objective! }] : [];
  });
}

/** The searched fields whose values are numbers, which a scatter plot can place. */
export function numericFields(sweep: Sweep): string[] {
  return Object.keys(sweep.definition.space).filter((field) =>
    sweep.trials.some((t) => typeof t.parameters[field] === 'number'),
  ).sort();
}

/** Whether the sweep's objective is better when higher (GAUC, AUC) or lower (log loss). */
export function maximised(sweep: Sweep): boolean {
  return sweep.definition.objective !== 'VALID_LOGLOSS';
}

/**
 * What early stopping did to a trial, beside its status: a pruned trial's run was asked to stop, and one whose last
 * epoch ended before its worker heard of it finished all the same.
 */
export function earlyStopNote(trial: SweepTrial): string | undefined {
  if (!trial.pruned) return undefined;
  switch (trial.status) {
    case 'CANCELLED':
      return 'stopped early';
    case 'SUCCEEDED':
      return 'finished before its early stop';
    case 'FAILED':
      return 'failed while asked to stop early';
    default:
      return 'stopping early';
  }
}

export function showValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  return value === undefined ? '–' : JSON.stringify(value);
}

function hasObjective(trial: SweepTrial): boolean {
  return typeof trial.objective === 'number';
}
