import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, listFrom } from './client';
import type { TokenStore } from './token';
import { authorizationHeaders, sessionTokenStore } from './token';

interface Call {
  url: string;
  init: RequestInit;
}

/** A platform stand-in at the HTTP boundary: answers each request from a table and records what was sent. */
function platform(answers: Record<string, () => Response>) {
  const calls: Call[] = [];
  const fetchFn = async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const key = `${init?.method ?? 'GET'} ${String(url)}`;
    const answer = answers[key];
    if (!answer) return new Response(JSON.stringify({ title: 'Not Found', status: 404, detail: `No route ${key}` }), { status: 404 });
    return answer();
  };
  return { calls, fetchFn: fetchFn as typeof fetch };
}

const json = (body: unknown, status = 200) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const noToken: TokenStore = { get: () => undefined, set: () => {} };
const withToken: TokenStore = { get: () => 's3cret', set: () => {} };

describe('ApiClient', () => {
  it('sends the bearer token when one is set, and none otherwise', async () => {
    const p = platform({ 'GET /api/v1/models': json([]) });
    await new ApiClient(withToken, '', p.fetchFn).listModels();
    await new ApiClient(noToken, '', p.fetchFn).listModels();
    expect((p.calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer s3cret');
    expect((p.calls[1].init.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('turns an error answer into ApiError with the problem details', async () => {
    const p = platform({
      'POST /api/v1/training-runs': json({ title: 'Bad Request', status: 400, detail: 'epochs must be at most 1000', errors: [{ field: 'training.epochs', message: 'too large' }] }, 400),
    });
    const client = new ApiClient(noToken, '', p.fetchFn);
    const error = await client.launchRun({} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).problem.errors).toEqual([{ field: 'training.epochs', message: 'too large', row: undefined, column: undefined }]);
    expect(JSON.parse(p.calls[0].init.body as string)).toEqual({});
    expect((p.calls[0].init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('reports an unreachable platform as a network problem', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const error = await new ApiClient(noToken, '', failing).listDatasets().catch((e: unknown) => e);
    expect((error as ApiError).problem).toMatchObject({ status: 0, title: 'Network error' });
  });

  it('encodes names and version selectors into the path and query', async () => {
    const p = platform({
      'POST /api/v1/models/my%20model/predict?alias=production': json({ model: 'my model', version: 2, predictions: [{ score: 0.5 }] }),
      'POST /api/v1/models/my%20model/rank?version=3': json({ model: 'my model', version: 3, ranked: [] }),
    });
    const client = new ApiClient(noToken, '', p.fetchFn);
    await client.predict('my model', { alias: 'production' }, { instances: [{ user_id: '1' }], explain: true });
    await client.rank('my model', { version: 3 }, { context: {}, candidates: [], topK: 5 });
    expect(p.calls.map((c) => c.url)).toEqual(['/api/v1/models/my%20model/predict?alias=production', '/api/v1/models/my%20model/rank?version=3']);
  });

  it('uploads a dataset as multipart form data with name, schema and file', async () => {
    const p = platform({ 'POST /api/v1/datasets': json({ name: 'd', version: 1 }, 201) });
    const file = new File(['label,user_id\n1,7\n'], 'samples.csv', { type: 'text/csv' });
    const created = await new ApiClient(noToken, '', p.fetchFn).uploadDataset('d', file, '{"label":"label"}');
    const form = p.calls[0].init.body as FormData;
    expect(created).toEqual({ name: 'd', version: 1 });
    expect(form.get('name')).toBe('d');
    expect(form.get('schema')).toBe('{"label":"label"}');
    expect((form.get('file') as File).name).toBe('samples.csv');
    expect((p.calls[0].init.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });

  it('reads health even when the platform answers 503 for a component that is down', async () => {
    const p = platform({ 'GET /actuator/health': json({ status: 'DOWN', components: { db: { status: 'DOWN' } } }, 503) });
    expect(await new ApiClient(noToken, '', p.fetchFn).health()).toMatchObject({ status: 'DOWN' });
  });

  it('lists dataset versions one by one when the platform has no list endpoint', async () => {
    const version = (v: number) => json({ name: 'd', version: v, rows: v * 10 });
    const p = platform({
      'GET /api/v1/datasets/d/versions/latest': version(3),
      'GET /api/v1/datasets/d/versions/2': version(2),
      'GET /api/v1/datasets/d/versions/1': version(1),
    });
    const versions = await new ApiClient(noToken, '', p.fetchFn).listDatasetVersions('d');
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it('uses the versions a model record carries, newest first', async () => {
    const client = new ApiClient(noToken, '', platform({}).fetchFn);
    const versions = await client.listModelVersions({ name: 'm', versions: [{ version: 1 }, { version: 2 }] });
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('follows server-sent events until the stream ends', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const encoder = new TextEncoder();
        controller.enqueue(encoder.encode('event: progress\ndata: {"step": 1}\n\nevent: pro'));
        controller.enqueue(encoder.encode('gress\ndata: {"step": 2}\n\n'));
        controller.close();
      },
    });
    const p = platform({ 'GET /api/v1/training-runs/r1/events': () => new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } }) });
    const seen: string[] = [];
    await new ApiClient(noToken, '', p.fetchFn).followRunEvents('r1', (e) => seen.push(e.data), new AbortController().signal);
    expect(seen).toEqual(['{"step": 1}', '{"step": 2}']);
  });

  it('sends the bearer token on the event stream too, with the last event id to resume from', async () => {
    const p = platform({ 'GET /api/v1/training-runs/r1/events': () => new Response('', { headers: { 'Content-Type': 'text/event-stream' } }) });
    await new ApiClient(withToken, '', p.fetchFn).followRunEvents('r1', () => {}, new AbortController().signal, '41');
    const headers = p.calls[0].init.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer s3cret');
    expect(headers['Last-Event-ID']).toBe('41');
    expect(headers.Accept).toBe('text/event-stream');
  });

  it('rejects a refused token with the 401 the platform answered', async () => {
    const p = platform({ 'GET /api/v1/models': json({ title: 'Unauthorized', status: 401, detail: 'The token is not valid.' }, 401) });
    const error = await new ApiClient(withToken, '', p.fetchFn).listModels().catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).problem.detail).toBe('The token is not valid.');
  });

  it('reads the users of a dataset version and one user, with names and ids encoded', async () => {
    const users = { name: 'ml 1', version: 2, groupColumn: 'user_id', users: [{ userId: 'u/1', rows: 3 }], truncated: false };
    const user = { name: 'ml 1', version: 2, userId: 'u/1', features: { user_id: 'u/1' } };
    const p = platform({
      'GET /api/v1/datasets/ml%201/versions/2/users?limit=25': json(users),
      'GET /api/v1/datasets/ml%201/versions/latest/users/u%2F1': json(user),
    });
    const client = new ApiClient(noToken, '', p.fetchFn);
    expect(await client.listDatasetUsers('ml 1', 2, 25)).toEqual(users);
    expect(await client.getDatasetUser('ml 1', 'latest', 'u/1')).toEqual(user);
  });

  it('rejects with 404 where the platform has no event stream, so the page can poll instead', async () => {
    const error = await new ApiClient(noToken, '', platform({}).fetchFn)
      .followRunEvents('r1', () => {}, new AbortController().signal)
      .catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(404);
  });
});

describe('listFrom', () => {
  it('accepts a bare array or a page object', () => {
    expect(listFrom([1, 2])).toEqual([1, 2]);
    expect(listFrom({ models: [1] }, 'models')).toEqual([1]);
    expect(listFrom({ content: [3] })).toEqual([3]);
    expect(listFrom({ total: 0 })).toEqual([]);
  });
});

describe('tokens', () => {
  it('keeps the token in the given session storage, trimmed, and forgets it on blank', () => {
    const memory = new Map<string, string>();
    const storage = {
      getItem: (k: string) => memory.get(k) ?? null,
      setItem: (k: string, v: string) => void memory.set(k, v),
      removeItem: (k: string) => void memory.delete(k),
    } as Storage;
    const store = sessionTokenStore(storage);
    expect(store.get()).toBeUndefined();
    store.set('  abc ');
    expect(store.get()).toBe('abc');
    store.set('   ');
    expect(store.get()).toBeUndefined();
    expect(memory.size).toBe(0);
    expect(authorizationHeaders('abc')).toEqual({ Authorization: 'Bearer abc' });
    expect(authorizationHeaders(undefined)).toEqual({});
  });
});
