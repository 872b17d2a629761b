// The typed client of the platform's REST API (docs/architecture.md, 'The REST API'). Every page goes through it:
// it adds the API token, turns failures into ApiError with the server's problem details, and reads server-sent
// events.
import { ApiError, networkProblem, parseProblem } from './problem';
import { SseParser, type ServerSentEvent } from './sse';
import { authorizationHeaders, sessionTokenStore, type TokenStore } from './token';
import { auditQuery, type AuditFilter } from '../domain/audit';
import type {
  AuditPage,
  AccessList,
  BuildProtocol,
  OnlineComparison,
  OnlineMetrics,
  OnlineWindowLength,
  Drift,
  DatasetSummary,
  DatasetUser,
  BatchPrediction,
  DatasetItems,
  DatasetUsers,
  DatasetVersion,
  Health,
  Model,
  ModelVersion,
  PredictRequest,
  RawLogFormat,
  PredictResponse,
  RankRequest,
  RankResponse,
  Grant,
  RunMetrics,
  RunRequest,
  Sweep,
  TrainingRun,
  VersionSelector,
} from './types';

export { ApiError };

/** The form of POST /api/v1/datasets/builds: raw interaction logs and item attributes turned into samples. */
export interface BuildRequest {
  name: string;
  protocol: BuildProtocol;
  format: RawLogFormat;
  interactions: File;
  items: File;
  /** Optional settings (ratingThreshold, maxLength, seed, validFraction, testFraction); absent: defaults. */
  options?: Record<string, number | undefined>;
}

/** A list endpoint may answer a bare array or a page object; both become an array. */
export function listFrom<T>(body: unknown, ...keys: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  if (typeof body === 'object' && body !== null) {
    for (const key of [...keys, 'items', 'content', 'data']) {
      const value = (body as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value as T[];
    }
  }
  return [];
}

function selectorQuery(selector: VersionSelector | undefined): string {
  if (!selector) return '';
  return 'version' in selector
    ? `?version=${encodeURIComponent(selector.version)}`
    : `?alias=${encodeURIComponent(selector.alias)}`;
}

const seg = encodeURIComponent;

/** `?ids=a,b`, each id percent-encoded (the platform splits the list at its commas). */
function idsQuery(ids: string[]): string {
  return ids.length === 0 ? '' : `?ids=${ids.map(seg).join(',')}`;
}

/** How many versions a page reads one by one when the platform has no list of them. */
const MAX_VERSIONS = 20;

function olderNumbers(latest: number): number[] {
  const count = Math.min(latest - 1, MAX_VERSIONS - 1);
  return Array.from({ length: Math.max(count, 0) }, (_, i) => latest - 1 - i);
}

function newestFirst<T extends { version: number }>(versions: T[]): T[] {
  return [...versions].sort((a, b) => b.version - a.version);
}

export class ApiClient {
  constructor(
    private readonly tokens: TokenStore = sessionTokenStore(),
    private readonly baseUrl = '',
    private readonly fetchFn: typeof fetch = (...args) => globalThis.fetch(...args),
  ) {}

  /** Whether requests carry an API token (the one entered in the header, for this tab). */
  hasToken(): boolean {
    return this.tokens.get() !== undefined;
  }

  // --- datasets ---
  async listDatasets(): Promise<DatasetSummary[]> {
    return listFrom<DatasetSummary>(await this.get('/api/v1/datasets'), 'datasets');
  }

  /** The versions of a dataset, newest first. */
  async listDatasetVersions(name: string): Promise<DatasetVersion[]> {
    const listed = await this.optionalList<DatasetVersion>(`/api/v1/datasets/${seg(name)}/versions`, 'versions');
    if (listed) return newestFirst(listed);
    // Without a list endpoint, versions are read one by one: the newest MAX_VERSIONS of them.
    const latest = await this.getDatasetVersion(name, 'latest');
    const older = await Promise.all(olderNumbers(latest.version).map((v) => this.getDatasetVersion(name, v)));
    return [latest, ...older];
  }

  getDatasetVersion(name: string, version: number | 'latest'): Promise<DatasetVersion> {
    return this.get(`/api/v1/datasets/${seg(name)}/versions/${seg(String(version))}`);
  }

  /** The first `limit` users of a dataset version, with their row counts. */
  listDatasetUsers(name: string, version: number | 'latest', limit = 50): Promise<DatasetUsers> {
    return this.get(`/api/v1/datasets/${seg(name)}/versions/${seg(String(version))}/users?limit=${limit}`);
  }

  /** A user's most recent row in a dataset version: the values to score candidates against. */
  getDatasetUser(name: string, version: number | 'latest', userId: string): Promise<DatasetUser> {
    return this.get(`/api/v1/datasets/${seg(name)}/versions/${seg(String(version))}/users/${seg(userId)}`);
  }

  /** Uploads a samples file, with an optional items table (CSV: id,title,category,...). */
  uploadDataset(name: string, file: File, schemaJson: string, items?: File): Promise<DatasetVersion> {
    const form = new FormData();
    form.append('name', name);
    form.append('schema', schemaJson);
    form.append('file', file);
    if (items) form.append('items', items);
    return this.send('POST', '/api/v1/datasets', form);
  }

  /** The items with these ids in a dataset version's items table. */
  getDatasetItems(name: string, version: number | 'latest', ids: string[]): Promise<DatasetItems> {
    return this.get(`/api/v1/datasets/${seg(name)}/versions/${seg(String(version))}/items${idsQuery(ids)}`);
  }

  buildDataset(request: BuildRequest): Promise<DatasetVersion> {
    const form = new FormData();
    form.append('name', request.name);
    form.append('protocol', request.protocol);
    form.append('format', request.format);
    for (const [key, value] of Object.entries(request.options ?? {})) {
      if (value !== undefined) form.append(key, String(value));
    }
    form.append('interactions', request.interactions);
    form.append('items', request.items);
    return this.send('POST', '/api/v1/datasets/builds', form);
  }

  // --- training runs ---
  async listRuns(): Promise<TrainingRun[]> {
    return listFrom<TrainingRun>(await this.get('/api/v1/training-runs'), 'runs', 'trainingRuns');
  }

  getRun(id: string): Promise<TrainingRun> {
    return this.get(`/api/v1/training-runs/${seg(id)}`);
  }

  /** The run's stored metric history; each series thinned to at most `maxPoints` (first, last, extremes kept). */
  getRunMetrics(id: string, maxPoints = 1000, names: string[] = []): Promise<RunMetrics> {
    const query = new URLSearchParams({ maxPoints: String(maxPoints) });
    if (names.length > 0) query.set('names', names.join(','));
    return this.get(`/api/v1/training-runs/${seg(id)}/metrics?${query}`);
  }

  listSweeps(): Promise<Sweep[]> {
    return this.get('/api/v1/sweeps');
  }

  getSweep(id: string): Promise<Sweep> {
    return this.get(`/api/v1/sweeps/${seg(id)}`);
  }

  cancelSweep(id: string): Promise<Sweep> {
    return this.send('POST', `/api/v1/sweeps/${seg(id)}/cancel`);
  }

  launchRun(request: RunRequest): Promise<TrainingRun> {
    return this.send('POST', '/api/v1/training-runs', request);
  }

  cancelRun(id: string): Promise<TrainingRun | undefined> {
    return this.send('POST', `/api/v1/training-runs/${seg(id)}/cancel`);
  }

  /**
   * Follows a run's server-sent events until the stream ends or `signal` aborts. Rejects with ApiError when the
   * endpoint answers an error (404 where the platform has no event stream), so the caller can fall back to polling.
   */
  async followRunEvents(
    id: string,
    onEvent: (event: ServerSentEvent) => void,
    signal: AbortSignal,
    lastEventId?: string,
  ): Promise<void> {
    // Last-Event-ID lets a reconnecting reader continue after the last point it saw.
    const headers: Record<string, string> = { Accept: 'text/event-stream', ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) };
    const response = await this.request('GET', `/api/v1/training-runs/${seg(id)}/events`, undefined, headers, signal);
    if (!response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        parser.push(value).forEach(onEvent);
      }
    } finally {
      reader.releaseLock();
    }
  }

  // --- model registry ---
  async listModels(): Promise<Model[]> {
    return listFrom<Model>(await this.get('/api/v1/models'), 'models');
  }

  getModel(name: string): Promise<Model> {
    return this.get(`/api/v1/models/${seg(name)}`);
  }

  /** Online evaluation of the model: per version, arm and window, impressions, clicks, CTR, AUC, latency. */
  getOnlineMetrics(name: string, window: OnlineWindowLength): Promise<OnlineMetrics> {
    return this.get(`/api/v1/models/${seg(name)}/online-metrics?window=${window}`);
  }

  /** Drift of the served inputs and scores: per version and window, PSIs and what moved past the threshold. */
  getDrift(name: string, window: OnlineWindowLength): Promise<Drift> {
    return this.get(`/api/v1/models/${seg(name)}/drift?window=${window}`);
  }

  /** Two arms side by side over the last 24 hours: CTR test, AUC and GAUC intervals, a verdict. */
  getOnlineComparison(name: string, a: string, b: string): Promise<OnlineComparison> {
    return this.get(`/api/v1/models/${seg(name)}/online-comparison?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);
  }

  /** The versions of a model, newest first, with metrics, parameters and lineage. */
  async listModelVersions(model: Model): Promise<ModelVersion[]> {
    if (Array.isArray(model.versions)) return newestFirst(model.versions);
    const listed = await this.optionalList<ModelVersion>(`/api/v1/models/${seg(model.name)}/versions`, 'versions');
    if (listed) return newestFirst(listed);
    if (!model.latestVersion) return [];
    const numbers = [model.latestVersion, ...olderNumbers(model.latestVersion)];
    return Promise.all(numbers.map((v) => this.getModelVersion(model.name, v)));
  }

  getModelVersion(name: string, version: number): Promise<ModelVersion> {
    return this.get(`/api/v1/models/${seg(name)}/versions/${seg(String(version))}`);
  }

  /** The items with these ids that a model version knows: those of the dataset version it was trained on. */
  getModelItems(name: string, version: number, ids: string[]): Promise<DatasetItems> {
    return this.get(`/api/v1/models/${seg(name)}/versions/${seg(String(version))}/items${idsQuery(ids)}`);
  }

  moveAlias(name: string, alias: string, version: number): Promise<unknown> {
    return this.send('PUT', `/api/v1/models/${seg(name)}/aliases/${seg(alias)}`, { version });
  }

  // --- permissions ---
  /** The owner and grants of a dataset or a model. */
  getGrants(kind: 'datasets' | 'models', name: string): Promise<AccessList> {
    return this.get(`/api/v1/${kind}/${seg(name)}/grants`);
  }

  /** Replaces every grant of a dataset or a model (its owner or an admin). */
  replaceGrants(kind: 'datasets' | 'models', name: string, grants: Grant[]): Promise<AccessList> {
    return this.send('PUT', `/api/v1/${kind}/${seg(name)}/grants`, { grants });
  }

  /** Splits an alias over weighted versions, optionally with a shadow version (replacing what it had). */
  splitAlias(name: string, alias: string, arms: Array<{ version: number; weight: number }>, shadow?: number): Promise<unknown> {
    return this.send('PUT', `/api/v1/models/${seg(name)}/aliases/${seg(alias)}`, { versions: arms, shadow });
  }

  // --- batch predictions ---
  // --- audit log (admin) ---
  /** A page of the audit log, newest first, from the entry before `before` (the previous page's nextBefore). */
  listAudit(filter: AuditFilter, limit = 50, before?: number): Promise<AuditPage> {
    return this.get(`/api/v1/audit?${auditQuery(filter, limit, before)}`);
  }

  listBatchPredictions(limit = 50): Promise<BatchPrediction[]> {
    return this.get(`/api/v1/batch-predictions?limit=${limit}`);
  }

  getBatchPrediction(id: string): Promise<BatchPrediction> {
    return this.get(`/api/v1/batch-predictions/${seg(id)}`);
  }

  /** The first `maxLines` lines of a finished prediction's CSV of scores, read as a stream and then let go. */
  async batchResultHead(id: string, maxLines: number): Promise<string[]> {
    const response = await this.request('GET', `/api/v1/batch-predictions/${seg(id)}/result`, undefined, { Accept: 'text/csv, application/problem+json' });
    if (!response.body) return [];
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    try {
      while (text.split('\n').length <= maxLines) {
        const { done, value } = await reader.read();
        if (done) break;
        text += value;
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return text.split('\n').slice(0, maxLines).filter((line) => line !== '');
  }

  // --- serving ---
  predict(name: string, selector: VersionSelector | undefined, body: PredictRequest): Promise<PredictResponse> {
    return this.send('POST', `/api/v1/models/${seg(name)}/predict${selectorQuery(selector)}`, body);
  }

  rank(name: string, selector: VersionSelector | undefined, body: RankRequest): Promise<RankResponse> {
    return this.send('POST', `/api/v1/models/${seg(name)}/rank${selectorQuery(selector)}`, body);
  }

  // --- operations ---
  /** Spring Boot's health answers 503 with the same body when something is down: that is data, not an error. */
  async health(): Promise<Health> {
    const response = await this.fetchOrProblem('GET', '/actuator/health', undefined, { Accept: 'application/json' });
    const body = await response.text();
    try {
      return JSON.parse(body) as Health;
    } catch {
      throw new ApiError(parseProblem(response.status, body));
    }
  }

  // --- plumbing ---
  /** A list endpoint that this platform may not offer: undefined when it answers 404 or 405. */
  private async optionalList<T>(path: string, key: string): Promise<T[] | undefined> {
    try {
      return listFrom<T>(await this.get(path), key);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return undefined;
      throw error;
    }
  }

  private async get<T>(path: string): Promise<T> {
    return this.send('GET', path);
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.request(method, path, body, { Accept: 'application/json, application/problem+json' });
    const text = await response.text();
    return (text.trim() === '' ? undefined : JSON.parse(text)) as T;
  }

  private async request(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<Response> {
    const response = await this.fetchOrProblem(method, path, body, headers, signal);
    if (!response.ok) throw new ApiError(parseProblem(response.status, await response.text()));
    return response;
  }

  private async fetchOrProblem(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<Response> {
    const isForm = body instanceof FormData;
    const init: RequestInit = {
      method,
      signal,
      headers: {
        ...headers,
        ...(body !== undefined && !isForm ? { 'Content-Type': 'application/json' } : {}),
        ...authorizationHeaders(this.tokens.get()),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    };
    try {
      return await this.fetchFn(this.baseUrl + path, init);
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new ApiError(networkProblem(cause));
    }
  }
}

/** The client the pages share. */
export const api = new ApiClient();
