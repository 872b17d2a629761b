import type { Instance } from '../../api/types';
import type { ItemFeatures } from '../../domain/itemTitles';

/** What the playground scores: one user context and its candidates. */
export interface PlaygroundQuery {
  context: Instance;
  candidates: Instance[];
  historyLabels: string[];
  /** Which features hold item ids, to show their titles; the names a build writes when absent. */
  itemFeatures?: ItemFeatures;
}
