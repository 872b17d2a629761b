// Reading catalog records whichever of their equivalent field names the API uses.
import type {
  DatasetStats,
  DatasetSummary,
  DatasetVersion,
  DatasetVersionRef,
  FeatureSchema,
  ModelVersion,
} from '../api/types';

export function datasetStats(version: DatasetVersion | undefined): DatasetStats | undefined {
  return version?.stats ?? version?.statistics;
}

export function versionCount(summary: DatasetSummary): number | undefined {
  if (typeof summary.versions === 'number') return summary.versions;
  if (Array.isArray(summary.versions)) return summary.versions.length;
  return summary.latestVersion;
}

export interface ModelLineage {
  runId?: string;
  dataset?: DatasetVersionRef;
}

export function lineageOf(version: ModelVersion): ModelLineage {
  return {
    runId: version.runId ?? version.lineage?.runId,
    dataset: version.dataset ?? version.lineage?.dataset,
  };
}

export function bundleHash(version: ModelVersion): string | undefined {
  return version.bundleSha256 ?? version.sha256;
}

/** The feature schema a model version was trained with, wherever the registry puts it. */
export function schemaOf(version: ModelVersion): FeatureSchema | undefined {
  const candidates = [version.schema, version.parameters?.schema, version.parameters?.featureSchema];
  return candidates.find(
    (s): s is FeatureSchema => typeof s === 'object' && s !== null && Array.isArray((s as FeatureSchema).features),
  );
}
