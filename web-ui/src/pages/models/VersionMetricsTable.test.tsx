// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { VersionMetricsTable } from './VersionMetricsTable';

afterEach(cleanup);

const model = { name: 'ml-din', latestVersion: 2, aliases: {} };
// The README's MovieLens 100K test figures: base AUC 0.7110, GAUC 0.7058; DIN AUC 0.7220, GAUC 0.7229.
const versions = [
  { version: 1, metrics: { auc: 0.711, gauc: 0.7058 } },
  { version: 2, metrics: { auc: 0.722, gauc: 0.7229 } },
];

describe('VersionMetricsTable', () => {
  it('shows RelaImpr on GAUC, the paper’s, with the AUC form beside it, each labelled', () => {
    render(<VersionMetricsTable model={model} versions={versions} baseVersion={1} />);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.indexOf('RelaImpr (GAUC)')).toBe(headers.indexOf('RelaImpr (AUC)') - 1);
    // (0.2229 / 0.2058 − 1) · 100 = 8.31 %; (0.2220 / 0.2110 − 1) · 100 = 5.21 %
    expect(screen.getAllByTestId('version-relaimpr-gauc').map((c) => c.textContent)).toEqual(['+8.31 %', 'base']);
    expect(screen.getAllByTestId('version-relaimpr-auc').map((c) => c.textContent)).toEqual(['+5.21 %', 'base']);
  });

  it('shows the popularity baseline beside each version and flags a version that does not beat it', () => {
    const withBaseline = [
      { version: 1, metrics: { auc: 0.6, gauc: 0.58, baseline: { auc: 0.63, gauc: 0.61, beaten: false } } },
      { version: 2, metrics: { auc: 0.722, gauc: 0.7229, baseline: { auc: 0.63, gauc: 0.61, beaten: true } } },
      { version: 3, metrics: { auc: 0.7, gauc: 0.69 } },
    ];
    render(<VersionMetricsTable model={model} versions={withBaseline} baseVersion={undefined} />);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toContain('Popularity baseline (GAUC)');
    expect(screen.getAllByTestId('version-baseline').map((c) => c.textContent)).toEqual(['–', '0.6100', '0.6100not beaten']);
    expect(screen.getAllByTestId('version-baseline-warning')).toHaveLength(1);
  });
});
