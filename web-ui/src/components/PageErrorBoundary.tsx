import { Component, type ReactNode } from 'react';
import { problemOf, type Problem } from '../api/problem';
import { ProblemPanel } from './ProblemPanel';

/**
 * Catches what a page throws while it renders or loads its code (a page chunk that no longer exists after the
 * platform was upgraded, a bug), so that the header and the rest of the dashboard stay usable. App.tsx keys it by
 * the route: opening another page starts afresh.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { problem?: Problem }> {
  state: { problem?: Problem } = {};

  static getDerivedStateFromError(error: unknown): { problem: Problem } {
    const problem = problemOf(error);
    return { problem: { ...problem, title: 'This page could not be shown' } };
  }

  render() {
    if (!this.state.problem) return this.props.children;
    return <ProblemPanel problem={this.state.problem} onRetry={() => window.location.reload()} testId="page-problem" />;
  }
}
