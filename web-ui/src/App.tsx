import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import type { TokenStore } from './api/token';
import { AppHeader } from './components/AppHeader';
import { EmptyState } from './components/EmptyState';
import { Loading } from './components/Loading';
import { PageErrorBoundary } from './components/PageErrorBoundary';
import { Link } from './routing/Link';
import { href, type Route } from './routing/routes';
import { useRoute } from './routing/useRoute';

/**
 * A page loaded on demand: each section is its own chunk, so the first page a person opens downloads only its own
 * code, and the charting library comes with the first page that draws a chart.
 */
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }));
}

const OverviewPage = lazyPage(() => import('./pages/overview/OverviewPage').then((m) => m.OverviewPage));
const DatasetsPage = lazyPage(() => import('./pages/datasets/DatasetsPage').then((m) => m.DatasetsPage));
const DatasetPage = lazyPage(() => import('./pages/datasets/DatasetPage').then((m) => m.DatasetPage));
const DatasetVersionPage = lazyPage(() =>
  import('./pages/datasets/DatasetVersionPage').then((m) => m.DatasetVersionPage),
);
const RunsPage = lazyPage(() => import('./pages/training/RunsPage').then((m) => m.RunsPage));
const LaunchRunPage = lazyPage(() => import('./pages/training/LaunchRunPage').then((m) => m.LaunchRunPage));
const RunPage = lazyPage(() => import('./pages/training/RunPage').then((m) => m.RunPage));
const SweepsPage = lazyPage(() => import('./pages/sweeps/SweepsPage').then((m) => m.SweepsPage));
const SweepPage = lazyPage(() => import('./pages/sweeps/SweepPage').then((m) => m.SweepPage));
const CompareRunsPage = lazyPage(() => import('./pages/training/CompareRunsPage').then((m) => m.CompareRunsPage));
const ModelsPage = lazyPage(() => import('./pages/models/ModelsPage').then((m) => m.ModelsPage));
const ModelPage = lazyPage(() => import('./pages/models/ModelPage').then((m) => m.ModelPage));
const ModelVersionPage = lazyPage(() => import('./pages/models/ModelVersionPage').then((m) => m.ModelVersionPage));
const ComparePage = lazyPage(() => import('./pages/models/ComparePage').then((m) => m.ComparePage));
const OnlinePage = lazyPage(() => import('./pages/models/OnlinePage').then((m) => m.OnlinePage));
const BatchPredictionsPage = lazyPage(() =>
  import('./pages/batch/BatchPredictionsPage').then((m) => m.BatchPredictionsPage),
);
const BatchPredictionPage = lazyPage(() =>
  import('./pages/batch/BatchPredictionPage').then((m) => m.BatchPredictionPage),
);
const PlaygroundPage = lazyPage(() => import('./pages/playground/PlaygroundPage').then((m) => m.PlaygroundPage));
const AuditLogPage = lazyPage(() => import('./pages/audit/AuditLogPage').then((m) => m.AuditLogPage));

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'datasets':
      return <DatasetsPage />;
    case 'dataset':
      return <DatasetPage name={route.name} />;
    case 'datasetVersion':
      return <DatasetVersionPage name={route.name} version={route.version} />;
    case 'runs':
      return <RunsPage />;
    case 'launchRun':
      return <LaunchRunPage dataset={route.dataset} version={route.version} />;
    case 'run':
      return <RunPage id={route.id} />;
    case 'compareRuns':
      return <CompareRunsPage ids={route.ids} />;
    case 'sweeps':
      return <SweepsPage />;
    case 'sweep':
      return <SweepPage id={route.id} />;
    case 'models':
      return <ModelsPage />;
    case 'model':
      return <ModelPage name={route.name} base={route.base} />;
    case 'modelVersion':
      return <ModelVersionPage name={route.name} version={route.version} />;
    case 'compare':
      return <ComparePage name={route.name} a={route.a} b={route.b} />;
    case 'online':
      return <OnlinePage name={route.name} />;
    case 'batchPredictions':
      return <BatchPredictionsPage />;
    case 'batchPrediction':
      return <BatchPredictionPage id={route.id} />;
    case 'playground':
      return <PlaygroundPage model={route.model} version={route.version} />;
    case 'audit':
      return <AuditLogPage filter={route} />;
    case 'notFound':
      return (
        <EmptyState title={`There is no page at “${route.path}”.`} testId="not-found">
          <Link to={{ page: 'overview' }}>Go to the overview</Link>
        </EmptyState>
      );
  }
}

export function App({ tokens, signInProblem }: { tokens: TokenStore; signInProblem?: string }) {
  const route = useRoute();
  // A new or forgotten API token loads the page again, so what it shows matches what the token may see.
  const [tokenChanges, setTokenChanges] = useState(0);
  // A new page starts at its top, and its address names it in the tab title.
  useEffect(() => {
    window.scrollTo?.(0, 0);
    document.title = `DIN Platform · ${href(route).slice(2).split('?')[0] || 'overview'}`;
  }, [route]);
  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        Skip to content
      </a>
      <AppHeader
        route={route}
        tokens={tokens}
        signInProblem={signInProblem}
        onTokenChange={() => setTokenChanges((n) => n + 1)}
      />
      <main id="main" tabIndex={-1}>
        <PageErrorBoundary key={`${href(route)} ${tokenChanges}`}>
          <Suspense fallback={<Loading what="Loading the page" />}>
            <Page route={route} />
          </Suspense>
        </PageErrorBoundary>
      </main>
    </>
  );
}
