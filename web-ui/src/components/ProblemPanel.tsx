import { accessAdvice } from '../api/access';
import { api } from '../api/client';
import { describeInputError, type Problem } from '../api/problem';

interface ProblemPanelProps {
  problem: Problem;
  onRetry?: () => void;
  testId?: string;
}

/**
 * An error from the API, in its own words: the problem's title and detail, each row/column it names and, when the
 * platform refused access (401, 403), what to do about the API token.
 */
export function ProblemPanel({ problem, onRetry, testId = 'problem' }: ProblemPanelProps) {
  const advice = accessAdvice(problem.status, api.hasToken());
  return (
    <div className="problem" role="alert" data-testid={testId}>
      <p className="problem-title">
        {problem.title}
        {problem.status > 0 && <span className="problem-status"> ({problem.status})</span>}
      </p>
      <p className="problem-detail" data-testid={`${testId}-detail`}>{problem.detail}</p>
      {advice && (
        <p className="problem-advice" data-testid={`${testId}-access`}>
          {advice}
        </p>
      )}
      {problem.errors.length > 0 && (
        <ul className="problem-errors" data-testid={`${testId}-errors`}>
          {problem.errors.map((error, index) => (
            <li key={index}>{describeInputError(error)}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
