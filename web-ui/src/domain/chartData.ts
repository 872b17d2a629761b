// Shapes dataset statistics into the series the charts draw.
import type { DatasetStats } from '../api/types';

export interface HistogramBar {
  /** "12" for a single length, "10–19" for a range. */
  label: string;
  from: number;
  to: number;
  count: number;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** "5" → [5, 5]; "10-19", "10–19" or "10..19" → [10, 19]; "50+" → [50, 50]. */
function rangeOfKey(key: string): [number, number] | undefined {
  const match = /^\s*(\d+)\s*(?:(?:-|–|\.\.)\s*(\d+))?\s*\+?\s*$/.exec(key);
  if (!match) return undefined;
  const from = Number(match[1]);
  return [from, match[2] !== undefined ? Number(match[2]) : from];
}

function barFromEntry(entry: unknown, index: number): HistogramBar | undefined {
  if (typeof entry === 'number') return bar(index, index, entry);
  if (!isObject(entry)) return undefined;
  const count = finite(entry.count ?? entry.rows ?? entry.value ?? entry.frequency);
  if (count === undefined) return undefined;
  const single = finite(entry.length ?? entry.historyLength);
  const from = single ?? finite(entry.from ?? entry.min ?? entry.lower ?? entry.start);
  const to = single ?? finite(entry.to ?? entry.max ?? entry.upper ?? entry.end) ?? from;
  if (from !== undefined && to !== undefined) return bar(from, to, count);
  const range = typeof entry.bucket === 'string' ? rangeOfKey(entry.bucket) : undefined;
  return range ? bar(range[0], range[1], count) : undefined;
}

function bar(from: number, to: number, count: number): HistogramBar {
  return { label: from === to ? String(from) : `${from}–${to}`, from, to, count };
}

function barsFromMap(map: Json): HistogramBar[] {
  return Object.entries(map).flatMap(([key, value]) => {
    const range = rangeOfKey(key);
    const count = finite(value);
    return range && count !== undefined ? [bar(range[0], range[1], count)] : [];
  });
}

const NESTED_KEYS = ['histogram', 'buckets', 'bins', 'distribution', 'counts', 'lengths'];

/** Finds the bars inside one of the shapes a distribution is naturally written in. */
function barsFrom(value: unknown, depth = 0): HistogramBar[] {
  if (Array.isArray(value)) {
    return value.map(barFromEntry).filter((b): b is HistogramBar => b !== undefined);
  }
  if (!isObject(value) || depth > 2) return [];
  for (const key of NESTED_KEYS) {
    if (value[key] !== undefined) {
      const nested = barsFrom(value[key], depth + 1);
      if (nested.length > 0) return nested;
    }
  }
  const direct = barsFromMap(value);
  if (direct.length > 0) return direct;
  // A distribution per sequence feature ({"hist_item_id": {...}}): the sequences are aligned, so any one will do.
  for (const inner of Object.values(value)) {
    const nested = barsFrom(inner, depth + 1);
    if (nested.length > 0) return nested;
  }
  return [];
}

/**
 * Merges neighbouring lengths into at most `maxBars` bars of equal width, so that a history of up to 500 items
 * still reads as a distribution instead of a comb.
 */
export function coarsen(bars: HistogramBar[], maxBars: number): HistogramBar[] {
  if (bars.length <= maxBars) return bars;
  const min = Math.min(...bars.map((b) => b.from));
  const max = Math.max(...bars.map((b) => b.to));
  const width = Math.ceil((max - min + 1) / maxBars);
  const merged = new Map<number, HistogramBar>();
  for (const b of bars) {
    const start = min + Math.floor((b.from - min) / width) * width;
    const existing = merged.get(start) ?? bar(start, Math.min(start + width - 1, max), 0);
    merged.set(start, { ...existing, count: existing.count + b.count });
  }
  return [...merged.values()].sort((a, b) => a.from - b.from);
}

/** The history length distribution of a dataset version as ordered bars; empty when the statistics lack it. */
export function historyLengthBars(stats: DatasetStats | undefined, maxBars = 40): HistogramBar[] {
  if (!stats) return [];
  const source = stats.historyLength ?? stats.historyLengths ?? stats.historyLengthDistribution;
  const bars = barsFrom(source).sort((a, b) => a.from - b.from);
  return coarsen(bars, maxBars);
}

export interface HistorySummary {
  min?: number;
  max?: number;
  mean?: number;
  median?: number;
  p90?: number;
  p99?: number;
  /** The schema's maxLength and how many rows had a longer history (cut to their newest items). */
  maxLength?: number;
  rowsOverMax?: number;
}

/** Summary numbers of the history length, when the statistics give them next to the distribution. */
export function historyLengthSummary(stats: DatasetStats | undefined): HistorySummary {
  const source = stats?.historyLength ?? stats?.historyLengths ?? stats?.historyLengthDistribution;
  if (!isObject(source)) return {};
  return {
    min: finite(source.min),
    max: finite(source.max),
    mean: finite(source.mean ?? source.average),
    median: finite(source.median ?? source.p50),
    p90: finite(source.p90),
    p99: finite(source.p99),
    maxLength: finite(source.maxLength),
    rowsOverMax: finite(source.rowsOverMax),
  };
}

export interface CountEntry {
  label: string;
  value: number;
}

/**
 * The distinct-value counts worth a card: the groups (users, for GAUC) and each categorical column's distinct
 * values, or the fixed users/items/categories fields where the statistics name them so.
 */
export function distinctCounts(stats: DatasetStats | undefined): CountEntry[] {
  if (!stats) return [];
  const entries: CountEntry[] = [];
  const groups = finite(stats.distinctGroups);
  if (groups !== undefined) entries.push({ label: 'groups (GAUC)', value: groups });
  const perColumn = stats.distinctValues;
  if (isObject(perColumn)) {
    for (const [column, count] of Object.entries(perColumn)) {
      const value = finite(count);
      if (value !== undefined) entries.push({ label: `distinct ${column}`, value });
    }
  }
  const named: Array<[string, unknown]> = [
    ['users', stats.distinctUsers],
    ['items', stats.distinctItems],
    ['categories', stats.distinctCategories],
  ];
  for (const [label, count] of named) {
    const value = finite(count);
    if (value !== undefined) entries.push({ label, value });
  }
  return entries;
}

/** Rows per split (train, valid, test), in that order when present. */
export function splitCounts(stats: DatasetStats | undefined): CountEntry[] {
  const sizes = stats?.splitSizes;
  if (!isObject(sizes)) return [];
  const order = ['train', 'valid', 'validation', 'test'];
  return Object.entries(sizes)
    .flatMap(([label, count]) => (finite(count) !== undefined ? [{ label, value: finite(count)! }] : []))
    .sort((a, b) => (order.indexOf(a.label) + 99) % 99 - (order.indexOf(b.label) + 99) % 99);
}

export interface LabelShare {
  name: string;
  rows: number;
}

/** Clicks and non-clicks, for the positive-rate chart; empty when rows or the rate are unknown. */
export function labelShares(stats: DatasetStats | undefined, rows: number | undefined): LabelShare[] {
  const total = finite(stats?.rows) ?? rows;
  const positives = finite(stats?.positives) ?? (
    finite(stats?.positiveRate) !== undefined && total !== undefined
      ? Math.round((stats!.positiveRate as number) * total)
      : undefined
  );
  if (total === undefined || positives === undefined || total <= 0) return [];
  return [
    { name: 'Click (label 1)', rows: positives },
    { name: 'No click (label 0)', rows: total - positives },
  ];
}

export interface MissingValueRow {
  column: string;
  missing: number;
}

/** Columns with missing values, most first; columns with none are left out. */
export function missingValueRows(stats: DatasetStats | undefined): MissingValueRow[] {
  const missing = stats?.missingValues;
  if (!isObject(missing)) return [];
  return Object.entries(missing)
    .map(([column, count]) => ({ column, missing: finite(count) ?? 0 }))
    .filter((row) => row.missing > 0)
    .sort((a, b) => b.missing - a.missing || a.column.localeCompare(b.column));
}
