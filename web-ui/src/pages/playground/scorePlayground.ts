import { api } from '../../api/client';
import { problemOf, type Problem } from '../../api/problem';
import type { PredictResponse, VersionSelector } from '../../api/types';
import { attentionWeights, heatMapRows, type HeatMapRow } from '../../domain/attention';
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
}

/**
 * Scores the query twice, as a client of the platform would: /rank for the ordering (the user side computed
 * once) and /predict with explain for the attention weights behind each score.
 */
export async function scorePlayground(model: string, selector: VersionSelector | undefined, query: PlaygroundQuery): Promise<PlaygroundResult> {
  const [rank, predict] = await Promise.allSettled([
    api.rank(model, selector, { context: query.context, candidates: query.candidates, topK: query.candidates.length }),
    api.predict(model, selector, { instances: predictInstances(query.context, query.candidates), explain: true }),
  ]);
  const predicted: PredictResponse | undefined = predict.status === 'fulfilled' ? predict.value : undefined;
  const fromRank = rank.status === 'fulfilled' ? rankedRows(rank.value, query.candidates) : [];
  const fromPredict: RankedRow[] = (predicted?.predictions ?? [])
    .map((p, index) => ({ index, score: p.score, candidate: query.candidates[index], unknownFeatures: p.unknownFeatures }))
    .sort((a, b) => b.score - a.score);
  const explained = (predicted?.predictions ?? []).flatMap((p, index) => {
    const weights = attentionWeights(p);
    return weights ? [{ label: candidateLabel(query.candidates[index] ?? {}), score: p.score, weights }] : [];
  });
  const served = rank.status === 'fulfilled' ? rank.value : predicted;
  return {
    ranked: fromRank.length > 0 ? fromRank : fromPredict,
    rankedBy: fromRank.length > 0 ? 'rank' : fromPredict.length > 0 ? 'predict' : 'none',
    rankProblem: rank.status === 'rejected' ? problemOf(rank.reason) : undefined,
    predictProblem: predict.status === 'rejected' ? problemOf(predict.reason) : undefined,
    servedBy: served ? { model: served.model, version: served.version } : undefined,
    heatMap: heatMapRows(explained),
  };
}
