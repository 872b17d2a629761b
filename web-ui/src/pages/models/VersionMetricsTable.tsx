import type { Model, ModelVersion } from '../../api/types';
import { aliasesOf } from '../../domain/aliases';
import { lineageOf } from '../../domain/catalog';
import { formatMetric, formatSignedPercent } from '../../domain/format';
import { compareVersions } from '../../domain/metrics';
import { Link } from '../../routing/Link';

interface VersionMetricsTableProps {
  model: Model;
  versions: ModelVersion[];
  baseVersion?: number;
}

/**
 * Every version's test metrics side by side, with RelaImpr against the chosen base (on GAUC, the paper's, and on AUC
 * beside it) and its lineage.
 */
export function VersionMetricsTable({ model, versions, baseVersion }: VersionMetricsTableProps) {
  const rows = compareVersions(versions, baseVersion);
  const byNumber = new Map(versions.map((v) => [v.version, v]));
  return (
    <div className="table-scroll">
      <table data-testid="version-table">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">AUC</th>
            <th scope="col">GAUC</th>
            <th scope="col">Log loss</th>
            <th scope="col" title="the DIN paper's RelaImpr, on per-user AUC">RelaImpr (GAUC)</th>
            <th scope="col" title="the same ratio on global AUC">RelaImpr (AUC)</th>
            <th scope="col" title="each candidate scored by how often its item occurs in the training split, on the same test rows">
              Popularity baseline (GAUC)
            </th>
            <th scope="col">Aliases</th>
            <th scope="col">Lineage</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const lineage = lineageOf(byNumber.get(row.version)!);
            return (
              <tr key={row.version} className={row.isBase ? 'row-base' : undefined} data-testid="version-row" data-version={row.version}>
                <td>
                  <Link to={{ page: 'modelVersion', name: model.name, version: row.version }}>v{row.version}</Link>
                  {row.isBase && <span className="chip">base</span>}
                </td>
                <td data-testid="version-auc">{formatMetric(row.auc)}</td>
                <td>{formatMetric(row.gauc)}</td>
                <td>{formatMetric(row.logloss)}</td>
                <td data-testid="version-relaimpr-gauc">{row.isBase ? 'base' : formatSignedPercent(row.relaImprGauc)}</td>
                <td data-testid="version-relaimpr-auc">{row.isBase ? 'base' : formatSignedPercent(row.relaImprAuc)}</td>
                <td data-testid="version-baseline">
                  {formatMetric(row.baseline?.gauc)}
                  {row.baseline && !row.baseline.beaten && (
                    <span className="chip warning" title="the model ranks no better than a popularity count" data-testid="version-baseline-warning">
                      not beaten
                    </span>
                  )}
                </td>
                <td>
                  {aliasesOf(model, row.version).map((alias) => (
                    <span key={alias} className="chip" data-testid="version-alias">
                      {alias}
                    </span>
                  ))}
                </td>
                <td className="lineage">
                  {lineage.runId && (
                    <Link to={{ page: 'run', id: lineage.runId }}>
                      run <code>{lineage.runId.slice(0, 8)}</code>
                    </Link>
                  )}
                  {lineage.dataset && (
                    <>
                      {' '}
                      <Link to={{ page: 'datasetVersion', name: lineage.dataset.name, version: String(lineage.dataset.version) }}>
                        {lineage.dataset.name} v{lineage.dataset.version}
                      </Link>
                    </>
                  )}
                  {!lineage.runId && !lineage.dataset && '–'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
