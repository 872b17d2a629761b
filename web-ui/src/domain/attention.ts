// The attention heat map of the playground: for every candidate, the weight DIN's local activation unit gave each
// history item. Bright cells are the past behaviours that made the candidate's score: the picture of the paper's
// Figure 4.

export interface HeatMapCell {
  /** The history item's position, oldest first. */
  position: number;
  weight: number;
  /** |weight| relative to the largest |weight| of the whole map, 0..1: one scale for every row. */
  intensity: number;
}

export interface HeatMapRow {
  label: string;
  /** The candidate's item id, to show its title. */
  item?: string;
  score: number;
  cells: HeatMapCell[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The attention weights of one prediction, oldest history item first. Accepts a plain array, an array of
 * {weight} objects, or one array per sequence feature (aligned, so they carry the same weights: the first is used).
 */
export function attentionWeights(prediction: unknown): number[] | undefined {
  if (!isObject(prediction)) return undefined;
  const raw = prediction.attention ?? prediction.attentionWeights ?? prediction.weights;
  const list = Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw).find(Array.isArray) : undefined;
  if (!list) return undefined;
  const weights = list.map((w) => finite(w) ?? (isObject(w) ? finite(w.weight) : undefined));
  return weights.every((w): w is number => w !== undefined) ? weights : undefined;
}

/** Rows for the heat map, highest score first, all on one intensity scale. */
export function heatMapRows(entries: Array<{ label: string; item?: string; score: number; weights: number[] }>): HeatMapRow[] {
  const largest = Math.max(0, ...entries.flatMap((e) => e.weights.map(Math.abs)));
  return [...entries]
    .sort((a, b) => b.score - a.score)
    .map((entry) => ({
      label: entry.label,
      ...(entry.item !== undefined ? { item: entry.item } : {}),
      score: entry.score,
      cells: entry.weights.map((weight, position) => ({
        position,
        weight,
        intensity: largest > 0 ? Math.abs(weight) / largest : 0,
      })),
    }));
}

/** The history item with the largest weight for a row: the one-line answer to "why this score?". */
export function strongestPosition(row: HeatMapRow): number | undefined {
  if (row.cells.length === 0) return undefined;
  return row.cells.reduce((best, cell) => (Math.abs(cell.weight) > Math.abs(best.weight) ? cell : best)).position;
}
