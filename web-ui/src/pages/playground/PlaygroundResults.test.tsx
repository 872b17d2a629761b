// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlaygroundResults } from './PlaygroundResults';
import { scorePlayground } from './scorePlayground';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const query = {
  context: { user_id: '196', hist_item_id: ['242', '302', '377'], hist_cate_id: ['3', '7', '3'] },
  candidates: [{ item_id: '51', cate_id: '3' }, { item_id: '346', cate_id: '7' }],
  historyLabels: ['242 · 3', '302 · 7', '377 · 3'],
};

/** The platform's two serving endpoints as they answer: /rank with the order, /predict with attention. */
function serving(rankStatus = 200) {
  return vi.fn(async (url: string, init: RequestInit) => {
    if (url.includes('/items')) {
      // the items of the dataset the serving version was trained on: two of the query's items have a title
      return new Response(JSON.stringify({ name: 'ml-data', version: 1, total: 1682, items: [
        { id: '346', title: 'Jackie Brown (1997)', category: '7' }, { id: '242', title: 'Kolya (1996)', category: '3' }] }));
    }
    const body = JSON.parse(init.body as string);
    if (url.includes('/rank')) {
      if (rankStatus !== 200) return new Response(JSON.stringify({ title: 'Not Found', status: 404, detail: 'No rank endpoint' }), { status: 404 });
      expect(body).toEqual({ context: query.context, candidates: query.candidates, topK: 2 });
      return new Response(JSON.stringify({ model: 'ml', version: 2, ranked: [{ index: 1, score: 0.81, unknownFeatures: ['item_id'] }, { index: 0, score: 0.42, unknownFeatures: [] }] }));
    }
    expect(body.explain).toBe(true);
    expect(body.instances[1]).toEqual({ ...query.context, ...query.candidates[1] });
    return new Response(JSON.stringify({
      model: 'ml', version: 2,
      predictions: [
        { score: 0.42, attention: [0.9, 0.05, 0.7], unknownFeatures: [] },
        { score: 0.81, attention: [0.1, 1.2, 0.2], unknownFeatures: ['item_id', 'hist_item_id'] },
      ],
    }));
  });
}

describe('the playground results', () => {
  it('ranks with /rank and explains each score with the attention from /predict', async () => {
    const fetch = serving();
    vi.stubGlobal('fetch', fetch);
    const result = await scorePlayground('ml', { alias: 'production' }, query);
    expect(fetch.mock.calls.map((c) => c[0])).toEqual([
      '/api/v1/models/ml/rank?alias=production',
      '/api/v1/models/ml/predict?alias=production',
      '/api/v1/models/ml/versions/2/items?ids=51,346,242,302,377',
    ]);
    render(<PlaygroundResults result={result} historyLabels={query.historyLabels} />);
    expect(screen.getByTestId('playground-served-by').textContent).toBe('Served by ml v2');
    expect(screen.getAllByTestId('ranked-row').map((r) => r.textContent)).toEqual(['1Jackie Brown (1997)0.8100item_id', '251 · 30.4200none']);
    expect(screen.getAllByTestId('ranked-candidate').map((c) => c.getAttribute('title'))).toEqual(['346 · 7', '51 · 3']);
    const rows = screen.getAllByTestId('heatmap-row');
    expect(rows[0].querySelector('th')?.textContent).toBe('Jackie Brown (1997)');
    expect(rows[0].querySelector('th')?.getAttribute('title')).toBe('346 · 7: score 0.8100');
    const columns = screen.getAllByTestId('heatmap-item');
    expect(columns.map((c) => c.textContent)).toEqual(['Kolya (1996)', '302 · 7', '377 · 3']);
    expect(columns[0].getAttribute('title')).toBe('Kolya (1996) (242 · 3)');
    expect(columns[1].getAttribute('title')).toBe('302 · 7');
    expect(rows[0].querySelector('td')?.getAttribute('title')).toBe('Kolya (1996) (242 · 3): 0.1000');
    expect(rows[0].querySelector('.heatmap-strongest')?.getAttribute('data-weight')).toBe('1.2');
    expect(rows[1].querySelector('.heatmap-strongest')?.getAttribute('data-weight')).toBe('0.9');
  });

  it('shows the ids where the model version knows no items', async () => {
    const fetch = vi.fn(async (url: string, init: RequestInit) =>
      url.includes('/items')
        ? new Response(JSON.stringify({ title: 'Not Found', status: 404, detail: 'names no dataset version' }), { status: 404 })
        : serving()(url, init));
    vi.stubGlobal('fetch', fetch);
    const result = await scorePlayground('ml', undefined, query);
    render(<PlaygroundResults result={result} historyLabels={query.historyLabels} />);
    expect(screen.getAllByTestId('ranked-candidate').map((c) => c.textContent)).toEqual(['346 · 7', '51 · 3']);
    expect(screen.getAllByTestId('heatmap-item').map((c) => c.textContent)).toEqual(query.historyLabels);
  });

  it('falls back to the /predict order when /rank fails, and says so', async () => {
    vi.stubGlobal('fetch', serving(404));
    const result = await scorePlayground('ml', undefined, query);
    expect(result.rankedBy).toBe('predict');
    render(<PlaygroundResults result={result} historyLabels={query.historyLabels} />);
    expect(screen.getByTestId('rank-problem-detail').textContent).toBe('No rank endpoint');
    expect(screen.getAllByTestId('ranked-score').map((c) => c.textContent)).toEqual(['0.8100', '0.4200']);
    expect(screen.getAllByTestId('ranked-unknown').map((c) => c.textContent)).toEqual(['item_id, hist_item_id', 'none']);
  });
});
