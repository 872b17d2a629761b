import { describe, expect, it } from 'vitest';
import { baselineOf, better, compareVersions, differingKeys, flattenParameters, relaImpr } from './metrics';

describe('relaImpr', () => {
  it('measures the improvement from the random guesser', () => {
    expect(relaImpr(0.72, 0.7)).toBeCloseTo(10, 10);
    expect(relaImpr(0.7, 0.7)).toBe(0);
    expect(relaImpr(0.65, 0.7)).toBeCloseTo(-25, 10);
  });

  it('counts a step from 0.7263 to 0.7337 as +3.27 %, not +1.02 %', () => {
    expect(relaImpr(0.7337, 0.7263)).toBeCloseTo(3.27, 2);
  });

  it('is undefined without both AUCs or against a base no better than random', () => {
    expect(relaImpr(undefined, 0.7)).toBeUndefined();
    expect(relaImpr(0.7, undefined)).toBeUndefined();
    expect(relaImpr(0.7, 0.5)).toBeUndefined();
    expect(relaImpr(0.7, 0.4)).toBeUndefined();
    expect(relaImpr(Number.NaN, 0.7)).toBeUndefined();
  });
});

describe('compareVersions', () => {
  const versions = [
    { version: 1, metrics: { auc: 0.7, gauc: 0.6, logloss: 0.5 } },
    { version: 3, metrics: { auc: 0.75, gauc: 0.65, logloss: 0.45 } },
    { version: 2, metrics: { auc: 0.72 } },
  ];

  it('lists versions newest first with RelaImpr against the base', () => {
    const rows = compareVersions(versions, 1);
    expect(rows.map((r) => r.version)).toEqual([3, 2, 1]);
    expect(rows[0].relaImprAuc).toBeCloseTo(25, 10);
    expect(rows[0].relaImprGauc).toBeCloseTo(50, 10);
    expect(rows[1].relaImprAuc).toBeCloseTo(10, 10);
    expect(rows[1].relaImprGauc).toBeUndefined();
    expect(rows[2]).toMatchObject({ isBase: true, relaImprAuc: undefined });
  });

  it('gives no RelaImpr without a base', () => {
    expect(compareVersions(versions, undefined).every((r) => r.relaImprAuc === undefined)).toBe(true);
  });
});

describe('better', () => {
  it('prefers higher AUC and lower log loss', () => {
    expect(better('auc', 0.71, 0.7)).toBe('a');
    expect(better('gauc', 0.6, 0.7)).toBe('b');
    expect(better('logloss', 0.4, 0.5)).toBe('a');
    expect(better('auc', 0.7, 0.7)).toBe('tie');
    expect(better('auc', undefined, 0.7)).toBeUndefined();
  });
});

describe('parameters', () => {
  it('flattens nested parameters and finds the ones that differ', () => {
    const a = flattenParameters({ training: { epochs: 5, optimizer: { type: 'ADAM' } }, architecture: { mlp: [200, 80] } });
    const b = flattenParameters({ training: { epochs: 3, optimizer: { type: 'ADAM' } }, seed: 7 });
    expect(a).toEqual({ 'training.epochs': 5, 'training.optimizer.type': 'ADAM', 'architecture.mlp': [200, 80] });
    expect(differingKeys(a, b)).toEqual(['architecture.mlp', 'seed', 'training.epochs']);
  });
});

describe('baselineOf', () => {
  it('takes the platform’s figures and verdict', () => {
    const verdict = baselineOf({ auc: 0.7, gauc: 0.66, baseline: { auc: 0.72, gauc: 0.64, relaImprGauc: 14.3, relaImprAuc: -9.1, beaten: true } });
    expect(verdict).toEqual({ auc: 0.72, gauc: 0.64, relaImprGauc: 14.3, relaImprAuc: -9.1, beaten: true });
  });

  it('judges on GAUC, else AUC, when the platform gave no verdict, and computes RelaImpr over the baseline', () => {
    expect(baselineOf({ auc: 0.7, gauc: 0.6, baseline: { auc: 0.65, gauc: 0.62 } })).toMatchObject({ beaten: false });
    expect(baselineOf({ auc: 0.7, baseline: { auc: 0.65, gauc: null } })?.beaten).toBe(true);
    expect(baselineOf({ auc: 0.7, gauc: 0.65, baseline: { auc: 0.6, gauc: 0.6 } })?.relaImprGauc).toBeCloseTo(50, 10);
  });

  it('is undefined for metrics without a baseline', () => {
    expect(baselineOf({ auc: 0.7 })).toBeUndefined();
    expect(baselineOf(undefined)).toBeUndefined();
  });
});
