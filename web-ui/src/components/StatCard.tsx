import type { ReactNode } from 'react';

interface StatCardProps {
  label: string;
  value: ReactNode;
  testId?: string;
}

export function StatCard({ label, value, testId }: StatCardProps) {
  return (
    <div className="stat" data-testid={testId}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}
