import { api } from '../../api/client';
import type { DatasetSummary } from '../../api/types';
import { ResourceView } from '../../components/ResourceView';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';
import { RunLaunchForm } from './RunLaunchForm';

/** The launch form, with the registered datasets to choose from. */
export function LaunchRunPage({ dataset, version }: { dataset?: string; version?: string }) {
  const [datasets, reload] = useResource<DatasetSummary[]>(() => api.listDatasets(), []);
  return (
    <section>
      <p className="breadcrumb">
        <Link to={{ page: 'runs' }}>Training</Link> / new run
      </p>
      <h1>Launch a training run</h1>
      <ResourceView resource={datasets} what="Loading datasets" onRetry={reload}>
        {(list) => <RunLaunchForm datasets={list} initialDataset={dataset} initialVersion={version} />}
      </ResourceView>
    </section>
  );
}
