import type { Instance } from '../../api/types';

/** What the playground scores: one user context and its candidates. */
export interface PlaygroundQuery {
  context: Instance;
  candidates: Instance[];
  historyLabels: string[];
}
