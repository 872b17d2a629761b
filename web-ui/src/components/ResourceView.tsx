import type { ReactNode } from 'react';
import type { Resource } from '../hooks/useResource';
import { Loading } from './Loading';
import { ProblemPanel } from './ProblemPanel';

interface ResourceViewProps<T> {
  resource: Resource<T>;
  what?: string;
  onRetry?: () => void;
  children: (data: T) => ReactNode;
}

/** Loading, error or the data: the three states every page section goes through. */
export function ResourceView<T>({ resource, what, onRetry, children }: ResourceViewProps<T>) {
  switch (resource.state) {
    case 'loading':
      return <Loading what={what} />;
    case 'error':
      return <ProblemPanel problem={resource.problem} onRetry={onRetry} />;
    case 'ready':
      return <>{children(resource.data)}</>;
  }
}
