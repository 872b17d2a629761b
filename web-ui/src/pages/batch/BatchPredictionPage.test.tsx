// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchPredictionPage } from './BatchPredictionPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const PREDICTION = {
  id: '0b6c3c1e-0000-0000-0000-000000000001', status: 'SUCCEEDED',
  model: { name: 'ml', version: 3 }, dataset: { name: 'movielens', version: 1 },
  result: { href: '/api/v1/batch-predictions/0b6c3c1e-0000-0000-0000-000000000001/result', sha256: 'ab', sizeBytes: 60 },
};

describe('the batch-result viewer', () => {
  it('shows the first scores with each item by its title and the id on hover', async () => {
    const fetch = vi.fn(async (url: string) => {
      if (url.endsWith('/result')) return new Response('row,group,item,score,label,unknownFeatures\n1,196,242,0.73,1,\n2,196,9999,0.12,0,item_id\n');
      if (url.includes('/items')) return new Response(JSON.stringify({ name: 'movielens', version: 1, total: 1682, items: [{ id: '242', title: 'Kolya (1996)' }] }));
      return new Response(JSON.stringify(PREDICTION));
    });
    vi.stubGlobal('fetch', fetch);

    render(<BatchPredictionPage id={PREDICTION.id} />);

    const items = await screen.findAllByTestId('batch-result-item');
    expect(items.map((i) => i.textContent)).toEqual(['Kolya (1996)', '9999']);
    expect(items.map((i) => i.getAttribute('title'))).toEqual(['242', '9999']);
    expect(fetch.mock.calls.map((c) => c[0])).toContain('/api/v1/models/ml/versions/3/items?ids=242,9999');
  });
});
