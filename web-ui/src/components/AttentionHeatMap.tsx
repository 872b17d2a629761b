import { strongestPosition, type HeatMapRow } from '../domain/attention';
import { itemLabel, NO_TITLES, type ItemLabel, type ItemTitles } from '../domain/itemTitles';

interface AttentionHeatMapProps {
  rows: HeatMapRow[];
  /** The history items' labels, oldest first ("item 50 · cate 4"). */
  historyLabels: string[];
  /** The history's item ids, oldest first, to show their titles. */
  historyItems?: string[];
  titles?: ItemTitles;
}

/** A cell's tooltip: the title and, in brackets, the id it stands for. */
function described(label: ItemLabel): string {
  return label.text === label.hover ? label.text : `${label.text} (${label.hover})`;
}

/**
 * One row per candidate, one column per history item: the darker the cell, the more that past behaviour counted
 * for the candidate's score. Items show their titles when known, with the id on hover. Every cell also carries its
 * weight as text for screen readers and tooltips.
 */
export function AttentionHeatMap({ rows, historyLabels, historyItems = [], titles = NO_TITLES }: AttentionHeatMapProps) {
  const history = historyLabels.map((label, position) => itemLabel(label, historyItems[position], titles));
  return (
    // A long history scrolls inside this box; as a focusable region it scrolls with the keyboard too.
    <div className="heatmap-scroll" data-testid="attention-heatmap" tabIndex={0} role="region" aria-label="Attention heat map">
      <table className="heatmap">
        <caption>Attention weight of each history item (oldest left) for each candidate</caption>
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            {history.map((label, index) => (
              // a narrow column cuts a long title: the tooltip holds it whole, with the id
              <th scope="col" key={index} className="heatmap-item" title={described(label)} data-testid="heatmap-item">
                <span>{label.text}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const strongest = strongestPosition(row);
            const candidate = itemLabel(row.label, row.item, titles);
            return (
              <tr key={row.label} data-testid="heatmap-row">
                <th scope="row" title={`${candidate.hover}: score ${row.score.toFixed(4)}`}>
                  {candidate.text}
                </th>
                {row.cells.map((cell) => (
                  <td
                    key={cell.position}
                    className={`heatmap-cell${cell.position === strongest ? ' heatmap-strongest' : ''}`}
                    style={{ background: `rgba(37, 99, 235, ${(0.08 + 0.92 * cell.intensity).toFixed(3)})`, color: cell.intensity > 0.55 ? '#fff' : undefined }}
                    title={`${history[cell.position] ? described(history[cell.position]) : `item ${cell.position + 1}`}: ${cell.weight.toFixed(4)}`}
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
