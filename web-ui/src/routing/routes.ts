// The dashboard's addresses. Routes live in the URL's fragment (#/models/ctr), so a reload or a shared link opens
// the same page and the server only ever has to serve index.html at /.
import type { AuditFilter } from '../domain/audit';
import { comparedIds } from '../domain/runComparison';

export type Route =
  | { page: 'overview' }
  | { page: 'datasets' }
  | { page: 'dataset'; name: string }
  | { page: 'datasetVersion'; name: string; version: string }
  | { page: 'runs' }
  | { page: 'launchRun'; dataset?: string; version?: string }
  | { page: 'run'; id: string }
  | { page: 'compareRuns'; ids: string[] }
  | { page: 'sweeps' }
  | { page: 'sweep'; id: string }
  | { page: 'models' }
  | { page: 'model'; name: string; base?: number }
  | { page: 'modelVersion'; name: string; version: number }
  | { page: 'compare'; name: string; a?: number; b?: number }
  | { page: 'online'; name: string }
  | { page: 'batchPredictions' }
  | { page: 'batchPrediction'; id: string }
  | { page: 'playground'; model?: string; version?: string }
  | ({ page: 'audit' } & AuditFilter)
  | { page: 'notFound'; path: string };

function positiveInt(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

function optional(text: string | null): string | undefined {
  return text === null || text === '' ? undefined : text;
}

/** Reads a location hash ("#/runs/42", "#/playground?model=ctr") into a route. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart, queryPart = ''] = raw.split('?', 2);
  const query = new URLSearchParams(queryPart);
  let parts: string[];
  try {
    parts = pathPart.split('/').filter((p) => p !== '').map(decodeURIComponent);
  } catch {
    return { page: 'notFound', path: raw };
  }
  const [first, second, third, fourth] = parts;
  switch (parts.length === 0 ? '' : first) {
    case '':
      return { page: 'overview' };
    case 'datasets':
      if (parts.length === 1) return { page: 'datasets' };
      if (parts.length === 2) return { page: 'dataset', name: second };
      if (parts.length === 4 && third === 'versions') return { page: 'datasetVersion', name: second, version: fourth };
      break;
    case 'runs':
      if (parts.length === 1) return { page: 'runs' };
      if (parts.length === 2 && second === 'new') {
        return { page: 'launchRun', dataset: optional(query.get('dataset')), version: optional(query.get('version')) };
      }
      if (parts.length === 2 && second === 'compare') return { page: 'compareRuns', ids: comparedIds(query.get('ids')) };
      if (parts.length === 2) return { page: 'run', id: second };
      break;
    case 'models':
      if (parts.length === 1) return { page: 'models' };
      if (parts.length === 2) return { page: 'model', name: second, base: positiveInt(query.get('base')) };
      if (parts.length === 3 && third === 'online') return { page: 'online', name: second };
      if (parts.length === 3 && third === 'compare') {
        return { page: 'compare', name: second, a: positiveInt(query.get('a')), b: positiveInt(query.get('b')) };
      }
      if (parts.length === 4 && third === 'versions' && positiveInt(fourth) !== undefined) {
        return { page: 'modelVersion', name: second, version: positiveInt(fourth)! };
      }
      break;
    case 'sweeps':
      if (parts.length === 1) return { page: 'sweeps' };
      if (parts.length === 2) return { page: 'sweep', id: second };
      break;
    case 'batch-predictions':
      if (parts.length === 1) return { page: 'batchPredictions' };
      if (parts.length === 2) return { page: 'batchPrediction', id: second };
      break;
    case 'playground':
      if (parts.length === 1) {
        return { page: 'playground', model: optional(query.get('model')), version: optional(query.get('version')) };
      }
      break;
    case 'audit':
      if (parts.length === 1) {
        return {
          page: 'audit',
          subject: optional(query.get('subject')),
          resourceType: optional(query.get('resourceType')),
          resource: optional(query.get('resource')),
          from: optional(query.get('from')),
          to: optional(query.get('to')),
        };
      }
      break;
  }
  return { page: 'notFound', path: raw };
}

function path(...segments: Array<string | number>): string {
  return `#/${segments.map((s) => encodeURIComponent(String(s))).join('/')}`;
}

function withQuery(base: string, params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '');
  return entries.length === 0 ? base : `${base}?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}`;
}

/** The hash of a route: the inverse of parseRoute. */
export function href(route: Route): string {
  switch (route.page) {
    case 'overview':
      return '#/';
    case 'datasets':
      return path('datasets');
    case 'dataset':
      return path('datasets', route.name);
    case 'datasetVersion':
      return path('datasets', route.name, 'versions', route.version);
    case 'runs':
      return path('runs');
    case 'launchRun':
      return withQuery(path('runs', 'new'), { dataset: route.dataset, version: route.version });
    case 'run':
      return path('runs', route.id);
    case 'compareRuns':
      return withQuery(path('runs', 'compare'), { ids: route.ids.join(',') });
    case 'sweeps':
      return path('sweeps');
    case 'sweep':
      return path('sweeps', route.id);
    case 'models':
      return path('models');
    case 'model':
      return withQuery(path('models', route.name), { base: route.base });
    case 'modelVersion':
      return path('models', route.name, 'versions', route.version);
    case 'compare':
      return withQuery(path('models', route.name, 'compare'), { a: route.a, b: route.b });
    case 'online':
      return path('models', route.name, 'online');
    case 'batchPredictions':
      return path('batch-predictions');
    case 'batchPrediction':
      return path('batch-predictions', route.id);
    case 'playground':
      return withQuery(path('playground'), { model: route.model, version: route.version });
    case 'audit':
      return withQuery(path('audit'), {
        subject: route.subject,
        resourceType: route.resourceType,
        resource: route.resource,
        from: route.from,
        to: route.to,
      });
    case 'notFound':
      return `#/${route.path}`;
  }
}

/** The navigation section a route belongs to, for highlighting the menu. */
export function section(
  route: Route,
): 'overview' | 'datasets' | 'training' | 'models' | 'playground' | 'audit' | undefined {
  switch (route.page) {
    case 'overview':
      return 'overview';
    case 'datasets':
    case 'dataset':
    case 'datasetVersion':
      return 'datasets';
    case 'runs':
    case 'launchRun':
    case 'run':
    case 'compareRuns':
    case 'sweeps':
    case 'sweep':
      return 'training';
    case 'models':
    case 'model':
    case 'modelVersion':
    case 'compare':
    case 'online':
    case 'batchPredictions':
    case 'batchPrediction':
      return 'models';
    case 'playground':
      return 'playground';
    case 'audit':
      return 'audit';
    default:
      return undefined;
  }
}
