// The playground's typed input turned into prediction instances: raw feature values as they appear in the dataset
// (docs/architecture.md, 'The REST API'), never internal indices.
import type { FeatureSchema, FeatureSpec, Instance } from '../api/types';

/** The schema's features, grouped the way the playground asks for them. */
export interface PlaygroundFields {
  /** Profile and context features: typed once, shared by every candidate (user_id, gender, ...). */
  context: FeatureSpec[];
  /** The behaviour sequences, aligned: hist_item_id, hist_cate_id. */
  history: FeatureSpec[];
  /** The candidate's own features, the targets of the sequences: item_id, cate_id. */
  candidate: FeatureSpec[];
}

export function playgroundFields(schema: FeatureSchema): PlaygroundFields {
  const history = schema.features.filter((f) => f.kind === 'SEQUENCE');
  const targets = new Set(history.map((f) => f.target));
  return {
    context: schema.features.filter((f) => f.kind !== 'SEQUENCE' && !targets.has(f.name)),
    history,
    candidate: schema.features.filter((f) => targets.has(f.name)),
  };
}

/** A list typed by a person: "12 7 33", "12, 7, 33" or "12|7|33" (the dataset's own sequence format). */
export function parseList(text: string): string[] {
  return text.split(/[\s,|^]+/).filter((v) => v !== '');
}

export class PlaygroundInputError extends Error {}

function value(feature: FeatureSpec, raw: string, where: string): string | number {
  if (feature.kind !== 'NUMERIC') return raw;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) {
    throw new PlaygroundInputError(`${where}: ${feature.name} is NUMERIC, "${raw}" is not a number.`);
  }
  return n;
}

/** The user side: context values and the aligned history, checked for equal lengths. */
export function contextInstance(
  fields: PlaygroundFields,
  contextValues: Record<string, string>,
  historyText: Record<string, string>,
): Instance {
  const instance: Instance = {};
  for (const feature of fields.context) {
    const raw = (contextValues[feature.name] ?? '').trim();
    if (raw === '') throw new PlaygroundInputError(`Enter a value for ${feature.name}.`);
    instance[feature.name] = value(feature, raw, 'Context');
  }
  const histories = fields.history.map((f) => [f.name, parseList(historyText[f.name] ?? '')] as const);
  const lengths = new Set(histories.map(([, items]) => items.length));
  if (lengths.size > 1) {
    const described = histories.map(([name, items]) => `${name} has ${items.length}`).join(', ');
    throw new PlaygroundInputError(`The history sequences describe the same past events and need equal lengths: ${described}.`);
  }
  for (const [name, items] of histories) instance[name] = [...items];
  return instance;
}

/** Candidates, one per line, values in the order of `fields.candidate` ("item_id, cate_id"). */
export function parseCandidates(fields: PlaygroundFields, text: string): Instance[] {
  const lines = text.split('\n').map((line, index) => ({ line: line.trim(), number: index + 1 })).filter((l) => l.line !== '');
  if (lines.length === 0) throw new PlaygroundInputError('Enter at least one candidate, one per line.');
  return lines.map(({ line, number }) => {
    const values = line.split(/\s*[,;\t]\s*|\s+/).filter((v) => v !== '');
    if (values.length !== fields.candidate.length) {
      const expected = fields.candidate.map((f) => f.name).join(', ');
      throw new PlaygroundInputError(`Candidate line ${number}: expected ${fields.candidate.length} value(s) (${expected}), got ${values.length}.`);
    }
    return Object.fromEntries(fields.candidate.map((f, i) => [f.name, value(f, values[i], `Candidate line ${number}`)]));
  });
}

/** A short label for a candidate: its values joined, "item 50 · cate 4". */
export function candidateLabel(candidate: Instance): string {
  return Object.values(candidate).map(String).join(' · ');
}

/** Parses free JSON (the playground without a schema): an object for the context, an array for candidates. */
export function parseJsonInput<T>(text: string, what: string, shape: 'object' | 'array'): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PlaygroundInputError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
  const ok = shape === 'array' ? Array.isArray(parsed) : typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  if (!ok) throw new PlaygroundInputError(`${what} must be a JSON ${shape}.`);
  return parsed as T;
}

/**
 * A label per history position from the aligned sequences of the context ("50 · 4" for item 50 of category 4).
 * Without a schema, every array-valued feature of the context counts as a sequence.
 */
export function historyLabels(context: Instance, sequenceNames?: string[]): string[] {
  const names = sequenceNames ?? Object.keys(context).filter((k) => Array.isArray(context[k]));
  const sequences = names.map((n) => context[n]).filter(Array.isArray) as Array<Array<string | number>>;
  const length = Math.max(0, ...sequences.map((s) => s.length));
  return Array.from({ length }, (_, i) => sequences.map((s) => String(s[i] ?? '')).join(' · '));
}

/** The instances /predict scores: the user context with each candidate's own features. */
export function predictInstances(context: Instance, candidates: Instance[]): Instance[] {
  return candidates.map((candidate) => ({ ...context, ...candidate }));
}
