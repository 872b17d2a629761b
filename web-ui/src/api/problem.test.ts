import { describe, expect, it } from 'vitest';
import { ApiError, describeInputError, networkProblem, parseProblem, problemOf } from './problem';

describe('parseProblem', () => {
  it('reads RFC 9457 problem details with row and column errors', () => {
    const body = JSON.stringify({
      type: 'https://din-platform.io/problems/bad-csv',
      title: 'Bad dataset',
      status: 400,
      detail: 'The CSV has 2 bad rows; nothing was registered.',
      instance: '/api/v1/datasets',
      errors: [
        { row: 17, column: 'label', reason: 'must be 0 or 1, got 2' },
        { row: '18', column: 'hist_item_id', message: 'more than maxLength values' },
      ],
    });
    expect(parseProblem(400, body)).toEqual({
      status: 400,
      title: 'Bad dataset',
      detail: 'The CSV has 2 bad rows; nothing was registered.',
      type: 'https://din-platform.io/problems/bad-csv',
      instance: '/api/v1/datasets',
      errors: [
        { row: 17, column: 'label', field: undefined, message: 'must be 0 or 1, got 2' },
        { row: 18, column: 'hist_item_id', field: undefined, message: 'more than maxLength values' },
      ],
    });
  });

  it('reads a single spot given as top-level members', () => {
    const problem = parseProblem(400, JSON.stringify({ title: 'Bad Request', detail: 'Not a number', row: 3, column: 'rating' }));
    expect(problem.errors).toEqual([{ row: 3, column: 'rating', field: undefined, message: 'Not a number' }]);
    expect(describeInputError(problem.errors[0])).toBe('row 3, column rating: Not a number');
  });

  it("reads Spring's default error body and field errors", () => {
    const body = JSON.stringify({ status: 409, error: 'Conflict', message: 'Alias exists', path: '/api/v1/x', fieldErrors: [{ field: 'version', defaultMessage: 'must be positive' }] });
    const problem = parseProblem(409, body);
    expect(problem).toMatchObject({ status: 409, title: 'Conflict', detail: 'Alias exists', instance: '/api/v1/x' });
    expect(describeInputError(problem.errors[0])).toBe('field version: must be positive');
  });

  it('makes a readable problem out of plain text, HTML or nothing', () => {
    expect(parseProblem(502, 'upstream timed out')).toMatchObject({ status: 502, title: 'Bad Gateway', detail: 'upstream timed out' });
    expect(parseProblem(500, '<html><body>oops</body></html>').detail).toBe('The server answered 500 Internal Server Error.');
    expect(parseProblem(413, '')).toMatchObject({ title: 'Content Too Large', detail: 'The server answered 413 Content Too Large.' });
    expect(parseProblem(418, '').title).toBe('HTTP 418');
  });

  it('explains an unreachable platform and a local error', () => {
    expect(networkProblem(new TypeError('Failed to fetch')).detail).toBe('The platform could not be reached (Failed to fetch). Is it running?');
    expect(problemOf(new ApiError(parseProblem(404, '{"detail": "No dataset x"}'))).detail).toBe('No dataset x');
    expect(problemOf(new Error('boom'))).toMatchObject({ status: 0, detail: 'boom' });
  });
});
