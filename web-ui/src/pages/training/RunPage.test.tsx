// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunPage } from './RunPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const running = { id: 'r1', status: 'RUNNING', model: 'ml-din', dataset: { name: 'ml', version: 1 }, device: 'cpu()', worker: 'w1', progress: { epoch: 1, epochs: 2 } };
const succeeded = {
  ...running,
  status: 'SUCCEEDED',
  metrics: { auc: 0.7412, gauc: 0.7123, logloss: 0.5501 },
  modelVersion: { name: 'ml-din', version: 3 },
};

function eventStream(text: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });

const NO_HISTORY = { runId: 'r1', metrics: [] };

/** The platform's answers, with the run's metric history (none unless given) at its own address. */
function platform(answer: (url: string, init?: RequestInit) => Response | Promise<Response>, history: unknown = NO_HISTORY) {
  return vi.fn(async (url: string, init?: RequestInit) => (url.includes('/metrics?') ? json(history) : answer(url, init)));
}

describe('RunPage', () => {
  it('draws the live events, then shows the final metrics and version once the run has ended', async () => {
    let reads = 0;
    vi.stubGlobal('fetch', platform((url: string) => {
      if (url.endsWith('/events')) {
        const points = [1, 2, 3].map((s) => `event: progress\ndata: {"stage":"train","epoch":1,"epochs":2,"step":${s},"batch":${s},"batchesPerEpoch":3,"loss":${1 - s / 10}}\n\n`);
        const validation = 'event: metric\ndata: {"split":"valid","epoch":1,"step":3,"validation":{"auc":0.7}}\n\n';
        const trained = 'event: stage\ndata: {"stage":"trained","status":"COMPLETED","epochs":2,"steps":6,"bestEpoch":1,"selectionMetric":"GAUC","selectedBy":"GAUC"}\n\n';
        return eventStream(points.join('') + validation + trained);
      }
      reads += 1;
      return json(reads === 1 ? running : succeeded);
    }));
    render(<RunPage id="r1" />);
    await waitFor(() => expect(screen.getByTestId('run-status').textContent).toBe('SUCCEEDED'), { timeout: 5000 });
    expect(screen.getByTestId('loss-chart').textContent).toContain('Training loss (3 points)');
    expect(screen.getByTestId('validation-chart')).toBeTruthy();
    expect(screen.getByTestId('run-auc').textContent).toBe('0.7412');
    expect(screen.getByTestId('run-model-version').textContent).toBe('ml-din v3');
    expect(screen.getByTestId('run-device').textContent).toBe('cpu()');
    expect(screen.getByTestId('run-best-epoch').textContent).toBe('1, by validation GAUC');
    expect(screen.queryByTestId('run-cancel')).toBeNull();
  });

  it('polls the run record where the platform has no event stream', async () => {
    let reads = 0;
    vi.stubGlobal('fetch', platform((url: string) => {
      if (url.endsWith('/events')) return json({ title: 'Not Found', status: 404, detail: 'No static resource' }, 404);
      reads += 1;
      return json(reads < 3 ? running : succeeded);
    }));
    render(<RunPage id="r1" />);
    await waitFor(() => expect(screen.getByTestId('run-follow-mode').textContent).toContain('polling'));
    await waitFor(() => expect(screen.getByTestId('run-status').textContent).toBe('SUCCEEDED'), { timeout: 8000 });
    expect(screen.getByTestId('run-follow-mode').textContent).toBe('finished');
  });

  it('shows why a run failed', async () => {
    vi.stubGlobal('fetch', platform(() => json({ ...running, status: 'FAILED', error: 'dataset file corrupted: SHA-256 mismatch' })));
    render(<RunPage id="r1" />);
    await waitFor(() => expect(screen.getByTestId('run-error').textContent).toContain('SHA-256 mismatch'));
  });

  it('cancels after a confirmation, and shows the problem when the platform refuses', async () => {
    const fetch = platform((url: string, init?: RequestInit) => {
      if (url.endsWith('/cancel')) return json({ title: 'Conflict', status: 409, detail: 'run r1 has already finished with status SUCCEEDED' }, 409);
      if (url.endsWith('/events')) return new Promise<Response>(() => {});
      return json(init?.method === 'POST' ? {} : running);
    });
    vi.stubGlobal('fetch', fetch);
    render(<RunPage id="r1" />);
    fireEvent.click(await screen.findByTestId('run-cancel'));
    expect(screen.getByTestId('confirm-dialog')).toBeTruthy();
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() => expect(screen.getByTestId('cancel-problem-detail').textContent).toContain('already finished'));
    expect(fetch).toHaveBeenCalledWith('/api/v1/training-runs/r1/cancel', expect.objectContaining({ method: 'POST' }));
  });

  it('draws the curves of a finished run from its stored history, with no event stream to follow', async () => {
    const history = {
      runId: 'r1',
      metrics: [
        { name: 'train.loss', recorded: 4, points: [5, 10, 15, 20].map((step) => ({ step, epoch: step <= 10 ? 1 : 2, value: 1 / step, time: '2026-12-07T02:00:00Z' })) },
        { name: 'valid.gauc', recorded: 2, points: [10, 20].map((step) => ({ step, epoch: step / 10, value: 0.6 + step / 100, time: '2026-12-07T02:00:00Z' })) },
      ],
    };
    const fetch = platform(() => json(succeeded), history);
    vi.stubGlobal('fetch', fetch);
    render(<RunPage id="r1" />);
    await waitFor(() => expect(screen.getByTestId('loss-chart').textContent).toContain('Training loss (4 points)'));
    expect(screen.getByTestId('validation-chart')).toBeTruthy();
    expect(fetch).toHaveBeenCalledWith(expect.stringContaining('/api/v1/training-runs/r1/metrics?maxPoints='), expect.anything());
    expect(fetch).not.toHaveBeenCalledWith(expect.stringContaining('/events'), expect.anything());
  });
});
