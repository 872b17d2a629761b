// Online evaluation of a model: the figures per version, arm and window that served impressions and the clicks
// reported on them give, as lines per version and arm.
import type { OnlineMetrics, OnlineWindowLength } from '../api/types';
import type { XY } from './runComparison';

export type OnlineFigure = 'ctr' | 'meanPredictedCtr' | 'calibration' | 'auc' | 'gauc';

/** The name of a line: the version and the arm that chose it; a shadow's scores are marked as such. */
export function servingLabel(version: number, arm: string | null, shadow = false): string {
  return `v${version} · ${arm ?? 'named version'}${shadow ? ' (shadow)' : ''}`;
}

/**
 * The arms the comparison can take, as its query names them: `production@v4` for an alias's arm, `4` for a version
 * named in requests, `production@v5:shadow` for a shadow; served arms first, in order of first appearance.
 */
export function comparableArms(metrics: OnlineMetrics): string[] {
  const served: string[] = [];
  const shadows: string[] = [];
  for (const window of metrics.windows) {
    const base = window.arm === null ? `${window.version}` : `${window.arm}@v${window.version}`;
    const list = window.shadow ? shadows : served;
    const arm = window.shadow ? `${base}:shadow` : base;
    if (!list.includes(arm)) list.push(arm);
  }
  return [...served, ...shadows];
}

/** The pair compared by default: the first two served arms, or nothing when there are fewer. */
export function defaultPair(arms: string[]): [string, string] | undefined {
  return arms.length >= 2 ? [arms[0], arms[1]] : undefined;
}

/**
 * One series per version and arm (in order of first appearance) of one figure, x the window's start in
 * milliseconds; windows where the figure is undefined (no AUC without both classes) leave a gap.
 */
export function onlineSeries(metrics: OnlineMetrics, figure: OnlineFigure): { labels: string[]; series: XY[][] } {
  const byLabel = new Map<string, XY[]>();
  for (const window of metrics.windows) {
    const label = servingLabel(window.version, window.arm, window.shadow);
    const points = byLabel.get(label) ?? [];
    byLabel.set(label, points);
    const y = window[figure];
    if (y !== null && Number.isFinite(y)) points.push({ x: Date.parse(window.start), y });
  }
  return { labels: [...byLabel.keys()], series: [...byLabel.values()] };
}

/** The totals of each version and arm over the whole period, for the summary table. */
export function onlineTotals(metrics: OnlineMetrics): Array<{ label: string; impressions: number; labelled: number; clicks: number; ctr: number }> {
  const totals = new Map<string, { label: string; impressions: number; labelled: number; clicks: number; ctr: number }>();
  for (const window of metrics.windows) {
    const label = servingLabel(window.version, window.arm, window.shadow);
    const total = totals.get(label) ?? { label, impressions: 0, labelled: 0, clicks: 0, ctr: 0 };
    total.impressions += window.impressions;
    total.labelled += window.labelled;
    total.clicks += window.clicks;
    total.ctr = total.impressions === 0 ? 0 : total.clicks / total.impressions;
    totals.set(label, total);
  }
  return [...totals.values()];
}

/** A window's start as the axis shows it: the hour for hourly windows, the day for daily ones (UTC). */
export function windowLabel(millis: number, window: OnlineWindowLength): string {
  const iso = new Date(millis).toISOString();
  return window === 'HOUR' ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}
