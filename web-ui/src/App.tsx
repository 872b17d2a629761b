import { useEffect } from 'react';
import type { TokenStore } from './api/token';
import { AppHeader } from './components/AppHeader';
import { EmptyState } from './components/EmptyState';
import { DatasetPage } from './pages/datasets/DatasetPage';
import { DatasetsPage } from './pages/datasets/DatasetsPage';
import { DatasetVersionPage } from './pages/datasets/DatasetVersionPage';
import { ComparePage } from './pages/models/ComparePage';
import { ModelPage } from './pages/models/ModelPage';
import { ModelsPage } from './pages/models/ModelsPage';
import { ModelVersionPage } from './pages/models/ModelVersionPage';
import { OverviewPage } from './pages/overview/OverviewPage';
import { PlaygroundPage } from './pages/playground/PlaygroundPage';
import { LaunchRunPage } from './pages/training/LaunchRunPage';
import { RunPage } from './pages/training/RunPage';
import { RunsPage } from './pages/training/RunsPage';
import { Link } from './routing/Link';
import { href, type Route } from './routing/routes';
import { useRoute } from './routing/useRoute';

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
    case 'models':
      return <ModelsPage />;
    case 'model':
      return <ModelPage name={route.name} base={route.base} />;
    case 'modelVersion':
      return <ModelVersionPage name={route.name} version={route.version} />;
    case 'compare':
      return <ComparePage name={route.name} a={route.a} b={route.b} />;
    case 'playground':
      return <PlaygroundPage model={route.model} version={route.version} />;
    case 'notFound':
      return (
        <EmptyState title={`There is no page at “${route.path}”.`} testId="not-found">
          <Link to={{ page: 'overview' }}>Go to the overview</Link>
        </EmptyState>
      );
  }
}

export function App({ tokens }: { tokens: TokenStore }) {
  const route = useRoute();
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
      <AppHeader route={route} tokens={tokens} />
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </>
  );
}
