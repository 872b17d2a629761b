import type { RunStatus } from '../api/types';

/** A run's status as a coloured label; the colour is a hint, the word says it. */
export function StatusBadge({ status, testId = 'run-status' }: { status: RunStatus | string | undefined; testId?: string }) {
  const text = status ?? 'UNKNOWN';
  return (
    <span className={`badge badge-${text.toLowerCase()}`} data-testid={testId} data-status={text}>
      {text}
    </span>
  );
}
