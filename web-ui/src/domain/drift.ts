// Drift of a served model: per version and window, how far the served inputs and scores moved from the training
// data and from the version's first window, as population stability indices (PSI), and what moved past the
// platform's threshold.
import type { Drift, DriftWindow } from '../api/types';

/** One distribution of a window: its PSI (null where there is nothing to compare with) and whether it moved. */
export interface DriftRow {
  /** What the drift endpoint names it in `moved`: `historyLength`, `score`, or an id feature. */
  key: string;
  what: string;
  psi: number | null;
  /** The feature's share of unknown ids in the window, for id features. */
  unknownRate?: number;
  moved: boolean;
}

/** Each version's latest window, newest version first: what the panel shows. */
export function latestPerVersion(drift: Drift): DriftWindow[] {
  const latest = new Map<number, DriftWindow>();
  for (const window of drift.windows) {
    const known = latest.get(window.version);
    if (!known || Date.parse(window.start) > Date.parse(known.start)) latest.set(window.version, window);
  }
  return [...latest.values()].sort((a, b) => b.version - a.version);
}

/** The window's distributions: history length, score, then each id feature's unknown rate. */
export function driftRows(window: DriftWindow): DriftRow[] {
  const moved = new Set(window.moved);
  const rows: DriftRow[] = [
    { key: 'historyLength', what: 'history length (against the training data)', psi: window.historyLengthPsi,
      moved: moved.has('historyLength') },
    { key: 'score', what: 'score (against the first window)', psi: window.scorePsi, moved: moved.has('score') },
  ];
  for (const [feature, rate] of Object.entries(window.unknownRates)) {
    rows.push({ key: feature, what: `${feature}: unknown ids (against the first window)`,
      psi: window.unknownRatePsi[feature] ?? null, unknownRate: rate, moved: moved.has(feature) });
  }
  return rows;
}

/** One sentence for the window: what moved past the threshold, by how much, or that nothing did. */
export function driftVerdict(window: DriftWindow, threshold: number): string {
  const moved = driftRows(window).filter((row) => row.moved);
  if (moved.length === 0) return `Nothing moved past the threshold (PSI ${threshold}).`;
  const names = moved.map((row) => `${row.key === 'historyLength' ? 'history length' : row.key === 'score'
    ? 'score' : `${row.key}'s unknown ids`} (PSI ${row.psi?.toFixed(2)})`);
  return `Moved past the threshold (PSI ${threshold}): ${names.join(', ')}.`;
}
