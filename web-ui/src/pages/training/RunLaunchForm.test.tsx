// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunLaunchForm } from './RunLaunchForm';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
});

const datasets = [{ name: 'movielens-100k', latestVersion: 1 }, { name: 'amazon-books', latestVersion: 2 }];

describe('RunLaunchForm', () => {
  it('queues the run request of the defaults and opens the run page', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify({ id: 'run-1', status: 'QUEUED' }), { status: 202 }));
    vi.stubGlobal('fetch', fetch);
    render(<RunLaunchForm datasets={datasets} initialVersion="1" />);
    expect((screen.getByTestId('run-model') as HTMLInputElement).value).toBe('movielens-100k-din');
    fireEvent.click(screen.getByTestId('launch-submit'));
    await waitFor(() => expect(window.location.hash).toBe('#/runs/run-1'));
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/v1/training-runs');
    const sent = JSON.parse(init.body as string);
    expect(sent.dataset).toEqual({ name: 'movielens-100k', version: 1 });
    expect(sent.architecture.attention.hiddenUnits).toEqual([80, 40]);
    expect(sent.training).toMatchObject({ epochs: 5, batchSize: 256, device: 'AUTO' });
  });

  it('shows the base model options and marks an invalid field without sending', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    render(<RunLaunchForm datasets={datasets} />);
    fireEvent.change(screen.getByTestId('run-type'), { target: { value: 'BASE' } });
    expect(screen.queryByTestId('run-attentionHiddenUnits')).toBeNull();
    expect(screen.getByTestId('run-pooling')).toBeTruthy();
    fireEvent.change(screen.getByTestId('run-epochs'), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('launch-submit'));
    expect(fetch).not.toHaveBeenCalled();
    expect(screen.getByTestId('run-epochs').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Epochs must be a whole number from 1 to 1000.')).toBeTruthy();
  });

  it('sends the user to the datasets page when there is nothing to train on', () => {
    render(<RunLaunchForm datasets={[]} />);
    expect(screen.getByTestId('empty').textContent).toContain('no dataset to train on');
  });
});
