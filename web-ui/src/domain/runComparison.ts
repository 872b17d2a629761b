// Two to five training runs side by side: their curves on one chart, and their parameters with the differences
// marked.
import { flattenParameters } from './metrics';

/** The fewest and the most runs a comparison shows: beyond five, overlaid curves stop being readable. */
export const MIN_COMPARED = 2;
export const MAX_COMPARED = 5;

export interface XY {
  x: number;
  y: number;
}

/** One chart row per x; column `run<i>` holds run i's value there (absent where that run has no point). */
export type OverlayRow = { x: number } & Record<string, number>;

/** The column of run `index` in overlay rows. */
export function runKey(index: number): string {
  return `run${index}`;
}

/** Merges several runs' series into rows by x, for one chart with a line per run. */
export function overlayRows(series: XY[][]): OverlayRow[] {
  const rows = new Map<number, OverlayRow>();
  series.forEach((points, index) => {
    for (const { x, y } of points) {
      const row = rows.get(x) ?? ({ x } as OverlayRow);
      row[runKey(index)] = y;
      rows.set(x, row);
    }
  });
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

export interface ParameterRow {
  key: string;
  values: unknown[];
  differs: boolean;
}

/** Every parameter of any of the runs' requests, by dotted key, with whether the runs disagree on it. */
export function parameterRows(requests: unknown[]): ParameterRow[] {
  const flat = requests.map((request) => flattenParameters(request ?? {}));
  const keys = [...new Set(flat.flatMap((params) => Object.keys(params)))].sort();
  return keys.map((key) => {
    const values = flat.map((params) => params[key]);
    const shown = new Set(values.map((v) => JSON.stringify(v)));
    return { key, values, differs: shown.size > 1 };
  });
}

/** The run ids of a comparison address (`ids=a,b,c`), in order, without repeats or blanks. */
export function comparedIds(text: string | null | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(',').map((id) => id.trim()).filter((id) => id !== ''))];
}
