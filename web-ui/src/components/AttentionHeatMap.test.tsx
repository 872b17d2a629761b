// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { heatMapRows } from '../domain/attention';
import { AttentionHeatMap } from './AttentionHeatMap';

afterEach(cleanup);

describe('AttentionHeatMap', () => {
  it('draws one row per candidate, best first, with a cell per history item and the strongest marked', () => {
    const rows = heatMapRows([
      { label: '7 · 4', score: 0.2, weights: [0.1, 0.3, 0.05] },
      { label: '181 · 1', score: 0.9, weights: [0.8, 0.1, 0.2] },
    ]);
    render(<AttentionHeatMap rows={rows} historyLabels={['50 · 4', '172 · 1', '133 · 8']} />);
    const drawn = screen.getAllByTestId('heatmap-row');
    expect(drawn.map((r) => r.querySelector('th')?.textContent)).toEqual(['181 · 1', '7 · 4']);
    const cells = screen.getAllByTestId('heatmap-cell');
    expect(cells).toHaveLength(6);
    expect(cells.map((c) => c.getAttribute('data-weight'))).toEqual(['0.8', '0.1', '0.2', '0.1', '0.3', '0.05']);
    expect(cells[0].className).toContain('heatmap-strongest');
    expect(cells[4].className).toContain('heatmap-strongest');
    expect(cells[0].getAttribute('title')).toBe('50 · 4: 0.8000');
  });
});
