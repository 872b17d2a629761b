import { AttentionHeatMap } from '../../components/AttentionHeatMap';
import { EmptyState } from '../../components/EmptyState';
import { ProblemPanel } from '../../components/ProblemPanel';
import { itemLabel } from '../../domain/itemTitles';
import { candidateLabel } from '../../domain/playgroundInput';
import type { PlaygroundResult } from './scorePlayground';

export function PlaygroundResults({ result, historyLabels }: { result: PlaygroundResult; historyLabels: string[] }) {
  return (
    <div data-testid="playground-results">
      {result.servedBy && (
        <p className="muted" data-testid="playground-served-by">
          Served by {result.servedBy.model} v{result.servedBy.version}
        </p>
      )}
      <div className="panel">
        <h2>Ranked candidates</h2>
        {result.rankProblem && (
          <>
            <p className="muted">/rank failed{result.rankedBy === 'predict' ? '; the order below comes from /predict' : ''}:</p>
            <ProblemPanel problem={result.rankProblem} testId="rank-problem" />
          </>
        )}
        {result.ranked.length === 0 ? (
          !result.rankProblem && <EmptyState title="The platform returned no scores." />
        ) : (
          <table data-testid="ranked-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Candidate</th>
                <th scope="col">Score (pCTR)</th>
                <th scope="col" title="features whose id the model never saw in training: scored with the feature's unknown row">
                  Unknown to the model
                </th>
              </tr>
            </thead>
            <tbody>
              {result.ranked.map((row, position) => {
                const label = itemLabel(row.candidate ? candidateLabel(row.candidate) : `candidate ${row.index + 1}`, row.item, result.titles);
                return (
                <tr key={row.index} data-testid="ranked-row">
                  <td>{position + 1}</td>
                  <td title={label.hover} data-testid="ranked-candidate">
                    {label.text}
                  </td>
                  <td data-testid="ranked-score">{row.score.toFixed(4)}</td>
                  <td data-testid="ranked-unknown" className={row.unknownFeatures?.length ? 'warning' : 'muted'}>
                    {row.unknownFeatures === undefined ? '–' : row.unknownFeatures.length === 0 ? 'none' : row.unknownFeatures.join(', ')}
                  </td>
                </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      <div className="panel">
        <h2>Attention over the history</h2>
        {result.predictProblem ? (
          <ProblemPanel problem={result.predictProblem} testId="predict-problem" />
        ) : result.heatMap.length === 0 ? (
          <EmptyState title="No attention weights: the model is not a DIN, or the history is empty." testId="heatmap-empty" />
        ) : (
          <AttentionHeatMap rows={result.heatMap} historyLabels={historyLabels} historyItems={result.historyItems} titles={result.titles} />
        )}
      </div>
    </div>
  );
}
