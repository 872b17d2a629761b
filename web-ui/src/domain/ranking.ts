// The answer of /rank, whichever list name the server uses, as candidates with their scores, best first.
import type { Instance } from '../api/types';

export interface RankedRow {
  /** Position of the candidate in the request. */
  index: number;
  score: number;
  candidate?: Instance;
  /** The candidate's item id, to show its title. */
  item?: string;
  /** The features whose id the model does not know (scored with the unknown row), when the server says. */
  unknownFeatures?: string[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function rankedRows(response: unknown, candidates: Instance[]): RankedRow[] {
  if (!isObject(response)) return [];
  const list = ['ranked', 'ranking', 'results', 'candidates', 'predictions']
    .map((key) => response[key])
    .find(Array.isArray) as unknown[] | undefined;
  if (!list) return [];
  const rows = list.flatMap((entry, position): RankedRow[] => {
    if (!isObject(entry) || typeof entry.score !== 'number') return [];
    const index = typeof entry.index === 'number' ? entry.index : position;
    const candidate = isObject(entry.candidate) ? (entry.candidate as Instance) : candidates[index];
    const unknown = unknownFeatures(entry.unknownFeatures);
    return [{ index, score: entry.score, candidate, ...(unknown ? { unknownFeatures: unknown } : {}) }];
  });
  return rows.sort((a, b) => b.score - a.score);
}

/** A server's list of unknown feature names, or undefined when it sent none (or something else). */
export function unknownFeatures(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((name) => typeof name === 'string') ? (value as string[]) : undefined;
}
