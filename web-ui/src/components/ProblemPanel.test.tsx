// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseProblem } from '../api/problem';
import { ProblemPanel } from './ProblemPanel';

afterEach(cleanup);

describe('ProblemPanel', () => {
  it("shows the API's detail and each row and column it names", () => {
    const problem = parseProblem(
      400,
      JSON.stringify({ title: 'Bad dataset', detail: '1 bad row; nothing was registered.', errors: [{ row: 42, column: 'label', reason: 'must be 0 or 1' }] }),
    );
    render(<ProblemPanel problem={problem} />);
    expect(screen.getByRole('alert').textContent).toContain('Bad dataset (400)');
    expect(screen.getByTestId('problem-detail').textContent).toBe('1 bad row; nothing was registered.');
    expect(screen.getByTestId('problem-errors').textContent).toBe('row 42, column label: must be 0 or 1');
  });

  it('offers a retry when the page can load again', () => {
    const retry = vi.fn();
    render(<ProblemPanel problem={parseProblem(503, '')} onRetry={retry} />);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledOnce();
  });

  it('tells how to get access when the platform answers 401 or 403', () => {
    sessionStorage.clear();
    render(<ProblemPanel problem={parseProblem(401, JSON.stringify({ title: 'Unauthorized', status: 401, detail: 'A valid API token is required.' }))} />);
    expect(screen.getByTestId('problem-access').textContent).toMatch(/needs an API token/);
    cleanup();
    sessionStorage.setItem('din.apiToken', 'read-only');
    render(<ProblemPanel problem={parseProblem(403, '')} />);
    expect(screen.getByTestId('problem-access').textContent).toMatch(/token of this tab does not allow this/);
    sessionStorage.clear();
  });

  it('gives no token advice for other problems', () => {
    render(<ProblemPanel problem={parseProblem(404, '')} />);
    expect(screen.queryByTestId('problem-access')).toBeNull();
  });
});
