// Item titles: the playground, the heat map and rank results name items by their title from the items table of the
// dataset version a model was trained on, and keep the id (with its category) on hover.
import type { DatasetItem, FeatureSchema, Instance } from '../api/types';

/** Titles by item id; an id without a title is absent. */
export type ItemTitles = ReadonlyMap<string, string>;

export const NO_TITLES: ItemTitles = new Map();

/** The features that hold item ids: the candidate's own and the history's. */
export interface ItemFeatures {
  candidate: string;
  history?: string;
}

/**
 * The item is the target of the first behaviour sequence (`hist_item_id` → `item_id`), as for the popularity
 * baseline; without a schema, the names every build writes.
 */
export function itemFeatures(schema?: FeatureSchema): ItemFeatures {
  const sequence = schema?.features.find((f) => f.kind === 'SEQUENCE' && f.target);
  return sequence?.target ? { candidate: sequence.target, history: sequence.name } : { candidate: 'item_id', history: 'hist_item_id' };
}

/** The candidate's item id, when it has one. */
export function candidateItem(candidate: Instance | undefined, features: ItemFeatures): string | undefined {
  const value = candidate?.[features.candidate];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The item id at each history position, oldest first. */
export function historyItems(context: Instance, features: ItemFeatures): string[] {
  const history = features.history ? context[features.history] : undefined;
  return Array.isArray(history) ? history.map(String) : [];
}

/** Every item id of a query, each once: what to look titles up for. */
export function itemIdsOf(context: Instance, candidates: Instance[], features: ItemFeatures): string[] {
  const ids = [...candidates.map((c) => candidateItem(c, features)), ...historyItems(context, features)];
  return [...new Set(ids.filter((id): id is string => id !== undefined && id !== ''))];
}

export function titlesFrom(items: DatasetItem[]): ItemTitles {
  return new Map(items.flatMap((item) => (item.title ? [[item.id, item.title] as const] : [])));
}

/** What a person reads for an item (its title when known) and what hovering shows (the raw label: id · category). */
export interface ItemLabel {
  text: string;
  hover: string;
}

export function itemLabel(raw: string, id: string | undefined, titles: ItemTitles): ItemLabel {
  const title = id === undefined ? undefined : titles.get(id);
  return { text: title ?? raw, hover: raw };
}
