import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  testId?: string;
}

/** What a page shows when there is nothing yet, with the next step to take. */
export function EmptyState({ title, children, testId = 'empty' }: EmptyStateProps) {
  return (
    <div className="empty" data-testid={testId}>
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}
