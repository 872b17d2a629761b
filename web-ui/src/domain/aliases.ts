// A model's aliases (e.g. production → 3), whichever of the two natural JSON shapes the registry answers.
import type { AliasTraffic, Model } from '../api/types';

export function aliasMap(model: Pick<Model, 'aliases'>): Record<string, number> {
  const { aliases } = model;
  if (!aliases) return {};
  if (Array.isArray(aliases)) {
    return Object.fromEntries(
      aliases
        .map((a) => [a.alias ?? a.name, a.version] as const)
        .filter((entry): entry is readonly [string, number] => typeof entry[0] === 'string'),
    );
  }
  return { ...aliases };
}

/** The aliases that point at one version, sorted: ["production", "staging"]. */
export function aliasesOf(model: Pick<Model, 'aliases'>, version: number): string[] {
  return Object.entries(aliasMap(model))
    .filter(([, v]) => v === version)
    .map(([alias]) => alias)
    .sort();
}

/** Alias names are path segments of the API: letters, digits, dot, dash and underscore. */
export function aliasNameProblem(alias: string): string | undefined {
  if (alias.trim() === '') return 'Enter an alias name, e.g. production.';
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(alias)) {
    return 'An alias starts with a letter or digit and holds only letters, digits, ".", "-" and "_" (at most 63).';
  }
  return undefined;
}

/** An alias's traffic in words: "v3 90 % · v4 10 % · shadow v5" (shares of the total weight, rounded). */
export function trafficText(traffic: AliasTraffic): string {
  const total = traffic.arms.reduce((sum, arm) => sum + arm.weight, 0);
  const arms = traffic.arms.map((arm) => `v${arm.version} ${Math.round((100 * arm.weight) / total)} %`);
  return [...arms, ...(traffic.shadow === undefined ? [] : [`shadow v${traffic.shadow}`])].join(' · ');
}
