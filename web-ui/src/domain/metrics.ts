// Comparing model versions the way the DIN paper does: AUC, GAUC, log loss, and RelaImpr against a base version.
import type { Metrics, ModelVersion } from '../api/types';

/**
 * RelaImpr = ((AUC − 0.5) / (AUC_base − 0.5) − 1) · 100 %: the improvement over a base model measured from a random
 * guesser's 0.5, so that going from 0.70 to 0.72 counts as 10 %, not 2.9 %. The DIN paper applies it to GAUC; pass
 * two GAUCs for that, two AUCs for the global-AUC form. Undefined when either value is missing or the base is no
 * better than random (the ratio would be meaningless).
 */
export function relaImpr(auc: number | undefined, baseAuc: number | undefined): number | undefined {
  if (!isMetric(auc) || !isMetric(baseAuc) || baseAuc <= 0.5) return undefined;
  return ((auc - 0.5) / (baseAuc - 0.5) - 1) * 100;
}

function isMetric(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The popularity baseline beside a model's figures, and whether the model beats it. */
export interface BaselineVerdict {
  auc?: number;
  gauc?: number;
  /** RelaImpr of the model over the baseline on GAUC (the paper's form), in percent. */
  relaImprGauc?: number;
  relaImprAuc?: number;
  /** False when the model ranks no better than a popularity count: the dashboard warns. */
  beaten: boolean;
}

/**
 * The baseline figures the platform reports with every evaluation (`metrics.baseline`); undefined when there are
 * none (a model without a history, or metrics stored before the baseline existed). Without the platform's verdict
 * the model beats the baseline when its GAUC is higher, else its AUC.
 */
export function baselineOf(metrics: Metrics | undefined): BaselineVerdict | undefined {
  const b = metrics?.baseline;
  if (!b || typeof b !== 'object') return undefined;
  const auc = isMetric(b.auc) ? b.auc : undefined;
  const gauc = isMetric(b.gauc) ? b.gauc : undefined;
  const beaten =
    typeof b.beaten === 'boolean'
      ? b.beaten
      : gauc !== undefined && isMetric(metrics?.gauc)
        ? metrics!.gauc! > gauc
        : auc !== undefined && isMetric(metrics?.auc) && metrics!.auc! > auc;
  return {
    auc,
    gauc,
    relaImprGauc: isMetric(b.relaImprGauc) ? b.relaImprGauc : relaImpr(metrics?.gauc, gauc),
    relaImprAuc: isMetric(b.relaImprAuc) ? b.relaImprAuc : relaImpr(metrics?.auc, auc),
    beaten,
  };
}

export interface VersionComparisonRow {
  version: number;
  auc?: number;
  gauc?: number;
  logloss?: number;
  /** RelaImpr on GAUC against the chosen base, the paper's definition; undefined for the base itself or without GAUCs. */
  relaImprGauc?: number;
  /** The same ratio on global AUC, shown beside it. */
  relaImprAuc?: number;
  /** The popularity baseline on the same test rows, when the platform reported it. */
  baseline?: BaselineVerdict;
  isBase: boolean;
}

/** One row per version, newest first, with RelaImpr against `baseVersion` when given. */
export function compareVersions(versions: ModelVersion[], baseVersion: number | undefined): VersionComparisonRow[] {
  const base = versions.find((v) => v.version === baseVersion)?.metrics;
  return [...versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => {
      const m: Metrics = v.metrics ?? {};
      const isBase = v.version === baseVersion;
      return {
        version: v.version,
        auc: m.auc,
        gauc: m.gauc,
        logloss: m.logloss,
        relaImprGauc: isBase || !base ? undefined : relaImpr(m.gauc, base.gauc),
        relaImprAuc: isBase || !base ? undefined : relaImpr(m.auc, base.auc),
        baseline: baselineOf(m),
        isBase,
      };
    });
}

export type MetricName = 'auc' | 'gauc' | 'logloss';

/** Which of two values is better: higher AUC/GAUC, lower log loss. */
export function better(metric: MetricName, a: number | undefined, b: number | undefined): 'a' | 'b' | 'tie' | undefined {
  if (!isMetric(a) || !isMetric(b)) return undefined;
  if (a === b) return 'tie';
  const aWins = metric === 'logloss' ? a < b : a > b;
  return aWins ? 'a' : 'b';
}

/** The keys on which two parameter maps differ, for the side-by-side comparison of two versions. */
export function differingKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

/** Nested parameters ({"training": {"optimizer": {"type": "ADAM"}}}) as dotted keys, for a flat comparison. */
export function flattenParameters(value: unknown, prefix = ''): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return prefix === '' ? {} : { [prefix]: value };
  }
  return Object.entries(value as Record<string, unknown>).reduce<Record<string, unknown>>(
    (flat, [key, inner]) => ({ ...flat, ...flattenParameters(inner, prefix === '' ? key : `${prefix}.${key}`) }),
    {},
  );
}
