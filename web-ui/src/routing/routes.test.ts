import { describe, expect, it } from 'vitest';
import { href, parseRoute, section, type Route } from './routes';

describe('routes', () => {
  const routes: Route[] = [
    { page: 'overview' },
    { page: 'datasets' },
    { page: 'dataset', name: 'movielens-100k' },
    { page: 'datasetVersion', name: 'movielens-100k', version: '3' },
    { page: 'runs' },
    { page: 'launchRun', dataset: 'ml', version: 'latest' },
    { page: 'launchRun', dataset: undefined, version: undefined },
    { page: 'run', id: '0b9f6c7e-2a7e-4a45-9d1c-5b3d2f0a1e77' },
    { page: 'compareRuns', ids: ['0b9f6c7e', '1c2d3e4f'] },
    { page: 'sweeps' },
    { page: 'sweep', id: '5d2c' },
    { page: 'models' },
    { page: 'model', name: 'ctr', base: 2 },
    { page: 'model', name: 'ctr', base: undefined },
    { page: 'modelVersion', name: 'ctr', version: 4 },
    { page: 'compare', name: 'ctr', a: 1, b: 4 },
    { page: 'online', name: 'ctr' },
    { page: 'batchPredictions' },
    { page: 'batchPrediction', id: '0b6c3c1e-0000-0000-0000-000000000001' },
    { page: 'playground', model: 'ctr', version: 'production' },
    { page: 'playground', model: undefined, version: undefined },
    { page: 'audit', subject: 'token:0123456789ab', resourceType: 'model', resource: 'ctr', from: '2026-12-01T00:00:00.000Z', to: undefined },
    { page: 'audit' },
  ];

  it('reads back every address it writes', () => {
    for (const route of routes) expect(parseRoute(href(route)), href(route)).toEqual(route);
  });

  it('escapes names so that any character survives the trip', () => {
    const route: Route = { page: 'dataset', name: 'a/b c?d#e' };
    expect(href(route)).toBe('#/datasets/a%2Fb%20c%3Fd%23e');
    expect(parseRoute(href(route))).toEqual(route);
  });

  it('treats an empty or bare hash as the overview', () => {
    expect(parseRoute('')).toEqual({ page: 'overview' });
    expect(parseRoute('#')).toEqual({ page: 'overview' });
    expect(parseRoute('#/')).toEqual({ page: 'overview' });
  });

  it('answers notFound for unknown or malformed addresses', () => {
    expect(parseRoute('#/nowhere')).toEqual({ page: 'notFound', path: '/nowhere' });
    expect(parseRoute('#/models/ctr/versions/x')).toMatchObject({ page: 'notFound' });
    expect(parseRoute('#/datasets/%E0%A4%A')).toMatchObject({ page: 'notFound' });
  });

  it('ignores query values that are not positive numbers', () => {
    expect(parseRoute('#/models/ctr?base=abc')).toEqual({ page: 'model', name: 'ctr', base: undefined });
  });

  it('places each page in its menu section', () => {
    expect(section({ page: 'run', id: '1' })).toBe('training');
    expect(section({ page: 'compareRuns', ids: [] })).toBe('training');
    expect(section({ page: 'compare', name: 'x' })).toBe('models');
    expect(section({ page: 'online', name: 'x' })).toBe('models');
    expect(section({ page: 'audit' })).toBe('audit');
    expect(section({ page: 'notFound', path: '' })).toBeUndefined();
  });
});
