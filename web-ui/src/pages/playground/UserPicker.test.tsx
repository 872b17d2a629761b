// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeatureSchema } from '../../api/types';
import { SchemaInputs } from './SchemaInputs';
import { UserPicker, type UserPick } from './UserPicker';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const schema: FeatureSchema = {
  label: 'label',
  features: [
    { name: 'user_id', kind: 'CATEGORICAL' },
    { name: 'item_id', kind: 'CATEGORICAL' },
    { name: 'hist_item_id', kind: 'SEQUENCE', target: 'item_id', maxLength: 5 },
  ],
};

const u2 = { name: 'ml', version: 1, groupColumn: 'user_id', userId: 'u2', rows: 3, row: 9, label: 1, historyLength: 2, features: { user_id: 'u2', item_id: 'i7', hist_item_id: ['i1', 'i4'] } };

/** The platform's dataset endpoints as they answer: two datasets, the second with two versions. */
function platform() {
  const answers: Record<string, unknown> = {
    '/api/v1/datasets': [{ name: 'books', latestVersion: 1 }, { name: 'ml', latestVersion: 2 }],
    '/api/v1/datasets/ml/versions': [{ name: 'ml', version: 1, rows: 30, schema }, { name: 'ml', version: 2, rows: 40, schema }],
    '/api/v1/datasets/ml/versions/1/users?limit=50': { name: 'ml', version: 1, groupColumn: 'user_id', users: [{ userId: 'u1', rows: 2 }, { userId: 'u2', rows: 3 }], truncated: true },
    '/api/v1/datasets/ml/versions/1/users/u2': u2,
  };
  return vi.fn(async (url: string) =>
    url in answers
      ? new Response(JSON.stringify(answers[url]))
      : new Response(JSON.stringify({ title: 'Not found', status: 404, detail: `no ${url}` }), { status: 404 }),
  );
}

describe('the playground’s user picker', () => {
  it('offers the dataset version the model was trained on, and hands over the chosen user’s latest row', async () => {
    vi.stubGlobal('fetch', platform());
    const onPick = vi.fn();
    render(<UserPicker trainedOn={{ name: 'ml', version: 1 }} onPick={onPick} />);
    const user = (await screen.findByTestId('pick-user')) as HTMLSelectElement;
    expect((screen.getByTestId('pick-dataset') as HTMLSelectElement).value).toBe('ml');
    expect((screen.getByTestId('pick-version') as HTMLSelectElement).value).toBe('1');
    expect([...user.options].map((o) => o.textContent)).toEqual(['u1 (2 rows)', 'u2 (3 rows)']);
    expect(screen.getByText('The first 2 users of the file')).toBeTruthy();
    fireEvent.change(user, { target: { value: 'u2' } });
    fireEvent.click(screen.getByTestId('pick-use'));
    await waitFor(() => expect(onPick).toHaveBeenCalledWith({ user: u2, datasetSchema: schema }));
  });

  it('shows the problem, with a retry, when the users of a version cannot be read', async () => {
    vi.stubGlobal('fetch', platform());
    render(<UserPicker trainedOn={{ name: 'ml', version: 2 }} onPick={() => {}} />);
    expect((await screen.findByTestId('problem-detail')).textContent).toBe('no /api/v1/datasets/ml/versions/2/users?limit=50');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('fills the schema form with the picked user, and the candidates only while they are empty', async () => {
    const { rerender } = render(<SchemaInputs schema={schema} busy={false} onSubmit={() => {}} />);
    rerender(<SchemaInputs schema={schema} busy={false} onSubmit={() => {}} pick={{ user: u2 } satisfies UserPick} />);
    expect((screen.getByTestId('playground-context-user_id') as HTMLInputElement).value).toBe('u2');
    expect((screen.getByTestId('playground-history-hist_item_id') as HTMLTextAreaElement).value).toBe('i1 i4');
    expect((screen.getByTestId('playground-candidates') as HTMLTextAreaElement).value).toBe('i7');
    expect(screen.getByTestId('playground-filled-from').textContent).toContain('user_id u2 of ml v1');
    fireEvent.change(screen.getByTestId('playground-candidates'), { target: { value: 'i9\ni10' } });
    rerender(<SchemaInputs schema={schema} busy={false} onSubmit={() => {}} pick={{ user: { ...u2, userId: 'u3', features: { user_id: 'u3', item_id: 'i8', hist_item_id: ['i2'] } } }} />);
    expect((screen.getByTestId('playground-context-user_id') as HTMLInputElement).value).toBe('u3');
    expect((screen.getByTestId('playground-candidates') as HTMLTextAreaElement).value).toBe('i9\ni10');
  });
});
