// A user picked from a dataset version (GET /datasets/{name}/versions/{v}/users/{id}) turned into the playground's
// input: the model's context and history features from the user's latest row, and that row's own candidate.
import type { DatasetUser, FeatureValue, Instance } from '../api/types';
import type { PlaygroundFields } from './playgroundInput';

export interface PickedUser {
  /** The user side of a prediction instance: context features and the history sequences the model reads. */
  context: Instance;
  /** The candidate the user was shown in that row, when the row has every candidate feature. */
  candidate?: Instance;
  /** Features the model reads that the row leaves empty or that the dataset does not have. */
  missing: string[];
}

/** The text the playground's form fields hold for a picked user. */
export interface PickedText {
  context: Record<string, string>;
  history: Record<string, string>;
  /** The row's candidate as one line of the candidates field ("i131, c1"). */
  candidateLine?: string;
}

function present(value: FeatureValue | null | undefined): value is FeatureValue {
  return value !== undefined && value !== null;
}

/** Reads the model's features (`fields`) from the user's row. */
export function pickedUser(fields: PlaygroundFields, user: DatasetUser): PickedUser {
  const context: Instance = {};
  const missing: string[] = [];
  for (const feature of [...fields.context, ...fields.history]) {
    const value = user.features[feature.name];
    if (present(value)) context[feature.name] = value;
    else missing.push(feature.name);
  }
  const values = fields.candidate.map((f) => [f.name, user.features[f.name]] as const);
  const complete = values.length > 0 && values.every(([, v]) => present(v) && !Array.isArray(v));
  missing.push(...values.filter(([, v]) => !present(v)).map(([name]) => name));
  return { context, candidate: complete ? Object.fromEntries(values) as Instance : undefined, missing };
}

/** The picked user as the schema form's text: values as typed, sequences space-separated. */
export function pickedText(fields: PlaygroundFields, picked: PickedUser): PickedText {
  const text = (value: FeatureValue | undefined) =>
    value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  return {
    context: Object.fromEntries(fields.context.map((f) => [f.name, text(picked.context[f.name])])),
    history: Object.fromEntries(fields.history.map((f) => [f.name, text(picked.context[f.name])])),
    candidateLine: picked.candidate && fields.candidate.map((f) => text(picked.candidate![f.name])).join(', '),
  };
}

/** One line that says where the input came from: "user u3 of movielens v1, row 34: newest 5 of 12 items". */
export function pickedSummary(user: DatasetUser, fields: PlaygroundFields): string {
  const shown = fields.history.length > 0 ? Math.max(0, ...fields.history.map((f) => {
    const value = user.features[f.name];
    return Array.isArray(value) ? value.length : 0;
  })) : 0;
  const history = user.historyLength > shown ? `the newest ${shown} of ${user.historyLength} history items` : `${shown} history item${shown === 1 ? '' : 's'}`;
  return `Filled from ${user.groupColumn} ${user.userId} of ${user.name} v${user.version}: row ${user.row} (the latest of ${user.rows}), ${history}.`;
}
