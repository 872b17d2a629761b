import { useCallback, useEffect, useRef, useState } from 'react';
import { problemOf, type Problem } from '../api/problem';

export type Resource<T> =
  | { state: 'loading' }
  | { state: 'error'; problem: Problem }
  | { state: 'ready'; data: T };

/**
 * Loads data for a page and loads again when `deps` change. `reload()` refreshes in place (the old data stays on
 * screen until the new arrives); new deps start from a loading state, so one dataset's numbers never show under
 * another's name. An answer that arrives after a newer load started, or after unmounting, is dropped.
 */
export function useResource<T>(load: () => Promise<T>, deps: unknown[]): [Resource<T>, () => void] {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const depsKey = JSON.stringify(deps);
  const loadedKey = useRef<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    if (loadedKey.current !== depsKey) setResource({ state: 'loading' });
    loadedKey.current = depsKey;
    load().then(
      (data) => current && setResource({ state: 'ready', data }),
      (error: unknown) => current && setResource({ state: 'error', problem: problemOf(error) }),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure on every render; `deps` say when it means something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [depsKey, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [resource, reload];
}
