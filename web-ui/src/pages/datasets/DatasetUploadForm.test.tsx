// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXAMPLE_SCHEMA } from '../../domain/schemaValidation';
import { DatasetUploadForm } from './DatasetUploadForm';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
});

function fill(schema: string) {
  fireEvent.change(screen.getByTestId('upload-name'), { target: { value: 'clicks' } });
  const file = new File(['label,user_id\n2,7\n'], 'clicks.csv', { type: 'text/csv' });
  fireEvent.change(screen.getByTestId('upload-file'), { target: { files: [file] } });
  fireEvent.change(screen.getByTestId('schema-input'), { target: { value: schema } });
}

describe('DatasetUploadForm', () => {
  it('sends nothing while the form is incomplete, and says what is missing', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    render(<DatasetUploadForm />);
    fireEvent.click(screen.getByTestId('upload-submit'));
    expect(fetch).not.toHaveBeenCalled();
    expect(screen.getByText(/Enter a dataset name/)).toBeTruthy();
    expect(screen.getByText('Choose the samples file to upload.')).toBeTruthy();
    expect(screen.getByText('Fix the schema before uploading.')).toBeTruthy();
  });

  it("shows the platform's bad-row report with row and column", async () => {
    const problem = {
      title: 'Bad dataset',
      status: 400,
      detail: 'Row 2 is bad; nothing was registered.',
      errors: [{ row: 2, column: 'label', reason: 'must be 0 or 1, got 2' }],
    };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(problem), { status: 400, headers: { 'Content-Type': 'application/problem+json' } })));
    render(<DatasetUploadForm />);
    fill(JSON.stringify(EXAMPLE_SCHEMA));
    fireEvent.click(screen.getByTestId('upload-submit'));
    await waitFor(() => expect(screen.getByTestId('upload-problem')).toBeTruthy());
    expect(screen.getByTestId('upload-problem-detail').textContent).toBe('Row 2 is bad; nothing was registered.');
    expect(screen.getByTestId('upload-problem-errors').textContent).toBe('row 2, column label: must be 0 or 1, got 2');
  });

  it('opens the new version after a successful upload', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ name: 'clicks', version: 4 }), { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    render(<DatasetUploadForm />);
    fill(JSON.stringify(EXAMPLE_SCHEMA));
    fireEvent.click(screen.getByTestId('upload-submit'));
    await waitFor(() => expect(window.location.hash).toBe('#/datasets/clicks/versions/4'));
    expect(fetch).toHaveBeenCalledWith('/api/v1/datasets', expect.objectContaining({ method: 'POST' }));
    const sent = (fetch.mock.calls[0] as unknown[])[1] as RequestInit;
    expect((sent.body as FormData).has('items')).toBe(false);
  });

  it('sends the items file with the samples when one is chosen', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ name: 'clicks', version: 1 }), { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    render(<DatasetUploadForm />);
    fill(JSON.stringify(EXAMPLE_SCHEMA));
    const items = new File(['id,title\ni1,Toy Story\n'], 'items.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByTestId('upload-items'), { target: { files: [items] } });
    fireEvent.click(screen.getByTestId('upload-submit'));
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    const body = ((fetch.mock.calls[0] as unknown[])[1] as RequestInit).body as FormData;
    expect((body.get('items') as File).name).toBe('items.csv');
    expect((body.get('file') as File).name).toBe('clicks.csv');
  });
});
