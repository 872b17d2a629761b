import { api } from '../../api/client';
import { problemOf, type Problem } from '../../api/problem';
import type { PredictResponse, VersionSelector } from '../../api/types';
import { attentionWeights, heatMapRows, type HeatMapRow } from '../../domain/attention';
import { candidateItem, historyItems, itemFeatures, itemIdsOf, NO_TITLES, titlesFrom, type ItemTitles } from '../../domain/itemTitles';
import { candidateLabel, predictInstances } from '../../domain/playgroundInput';
import { rankedRows, type RankedRow } from '../../domain/ranking';
import type { PlaygroundQuery } from './playgroundQuery';

export interface PlaygroundResult {
  /** The candidates best first: from /rank, or from /predict's scores when /rank failed. */
  ranked: RankedRow[];
  rankedBy: 'rank' | 'predict' | 'none';
  rankProblem?: Problem;
  predictProblem?: Problem;
  /** The version that answered, as the server reports it. */
  servedBy?: { model: string; version: number };
  heatMap: HeatMapRow[];
  /** The item id at each history position, oldest first (the heat map's columns). */
  historyItems: string[];
  /** Titles of the query's items, from the items of the dataset the serving version was trained on. */
  titles: ItemTitles;
}

/** The titles a model version knows for these ids; none when it knows no items (titles only help, never fail). */
async function titlesOf(model: string, version: number | undefined, ids: string[]): Promise<ItemTitles> {
  if (version === undefined || ids.length === 0) return NO_TITLES;
  return api.getModelItems(model, version, ids).then((found) => titlesFrom(found.items), () => NO_TITLES);
}

/**
 * Scores the query twice, as a client of the platform would: /rank for the ordering (the user side computed
 * once) and /predict with explain for the attention weights behind each score; then looks up the titles of its
 * items from the version that answered.
 */
export async function scorePlayground(model: string, selector: VersionSelector | undefined, query: PlaygroundQuery): Promise<PlaygroundResult> {
  const [rank, predict] = await Promise.allSettled([
    api.rank(model, selector, { context: query.context, candidates: query.candidates, topK: query.candidates.length }),
    api.predict(model, selector, { instances: predictInstances(query.context, query.candidates), explain: true }),
  ]);
  const features = query.itemFeatures ?? itemFeatures();
  const predicted: PredictResponse | undefined = predict.status === 'fulfilled' ? predict.value : undefined;
  const fromRank = rank.status === 'fulfilled' ? rankedRows(rank.value, query.candidates) : [];
  const fromPredict: RankedRow[] = (predicted?.predictions ?? [])
    .map((p, index) => ({ index, score: p.score, candidate: query.candidates[index], unknownFeatures: p.unknownFeatures }))
    .sort((a, b) => b.score - a.score);
  const explained = (predicted?.predictions ?? []).flatMap((p, index) => {
    const weights = attentionWeights(p);
    const candidate = query.candidates[index] ?? {};
    return weights ? [{ label: candidateLabel(candidate), item: candidateItem(candidate, features), score: p.score, weights }] : [];
  });
  const served = rank.status === 'fulfilled' ? rank.value : predicted;
  const ranked = fromRank.length > 0 ? fromRank : fromPredict;
  return {
    ranked: ranked.map((row) => ({ ...row, item: candidateItem(row.candidate, features) })),
    rankedBy: fromRank.length > 0 ? 'rank' : fromPredict.length > 0 ? 'predict' : 'none',
    rankProblem: rank.status === 'rejected' ? problemOf(rank.reason) : undefined,
    predictProblem: predict.status === 'rejected' ? problemOf(predict.reason) : undefined,
    servedBy: served ? { model: served.model, version: served.version } : undefined,
    heatMap: heatMapRows(explained),
    historyItems: historyItems(query.context, features),
    titles: await titlesOf(model, served?.version, itemIdsOf(query.context, query.candidates, features)),
  };
}
