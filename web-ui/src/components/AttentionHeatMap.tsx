import { strongestPosition, type HeatMapRow } from '../domain/attention';

interface AttentionHeatMapProps {
  rows: HeatMapRow[];
  /** The history items' labels, oldest first ("item 50 · cate 4"). */
  historyLabels: string[];
}

/**
 * One row per candidate, one column per history item: the darker the cell, the more that past behaviour counted
 * for the candidate's score. Every cell also carries its weight as text for screen readers and tooltips.
 */
export function AttentionHeatMap({ rows, historyLabels }: AttentionHeatMapProps) {
  return (
    // A long history scrolls inside this box; as a focusable region it scrolls with the keyboard too.
    <div className="heatmap-scroll" data-testid="attention-heatmap" tabIndex={0} role="region" aria-label="Attention heat map">
      <table className="heatmap">
        <caption>Attention weight of each history item (oldest left) for each candidate</caption>
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            {historyLabels.map((label, index) => (
              <th scope="col" key={index} className="heatmap-item" title={label}>
                <span>{label}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const strongest = strongestPosition(row);
            return (
              <tr key={row.label} data-testid="heatmap-row">
                <th scope="row" title={`score ${row.score.toFixed(4)}`}>
                  {row.label}
                </th>
                {row.cells.map((cell) => (
                  <td
                    key={cell.position}
                    className={`heatmap-cell${cell.position === strongest ? ' heatmap-strongest' : ''}`}
                    style={{ background: `rgba(37, 99, 235, ${(0.08 + 0.92 * cell.intensity).toFixed(3)})`, color: cell.intensity > 0.55 ? '#fff' : undefined }}
                    title={`${historyLabels[cell.position] ?? `item ${cell.position + 1}`}: ${cell.weight.toFixed(4)}`}
                    data-testid="heatmap-cell"
                    data-weight={cell.weight}
                  >
                    {cell.weight.toFixed(2)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
