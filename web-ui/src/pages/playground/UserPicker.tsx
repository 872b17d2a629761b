import { useState } from 'react';
import { api } from '../../api/client';
import { problemOf, type Problem } from '../../api/problem';
import type { DatasetUser, DatasetVersion, DatasetVersionRef, FeatureSchema } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { ProblemPanel } from '../../components/ProblemPanel';
import { ResourceView } from '../../components/ResourceView';
import { formatCount } from '../../domain/format';
import { useResource } from '../../hooks/useResource';

/** How many users the picker offers: the first ones of the file, which is plenty to try a model. */
const LISTED_USERS = 50;

/** A user picked from a dataset version, with the dataset's schema to read the user's features with. */
export interface UserPick {
  user: DatasetUser;
  datasetSchema?: FeatureSchema;
}

interface UserPickerProps {
  /** The dataset version the model was trained on, offered first. */
  trainedOn?: DatasetVersionRef;
  onPick: (pick: UserPick) => void;
}

/** Picks a dataset, one of its versions and one of its users; the user's latest row fills the playground. */
export function UserPicker({ trainedOn, onPick }: UserPickerProps) {
  const [resource, reload] = useResource(() => api.listDatasets(), []);
  const [chosen, setChosen] = useState<string | undefined>();
  return (
    <fieldset data-testid="user-picker">
      <legend>UserPick a user from a dataset</legend>
      <ResourceView resource={resource} what="Loading datasets" onRetry={reload}>
        {(datasets) => {
          if (datasets.length === 0) return <EmptyState title="No dataset to pick a user from." testId="user-picker-empty" />;
          const names = datasets.map((d) => d.name);
          const name = chosen ?? (trainedOn && names.includes(trainedOn.name) ? trainedOn.name : names[0]);
          return (
            <div className="grid">
              <Field label="Dataset">
                <select value={name} onChange={(e) => setChosen(e.target.value)} data-testid="pick-dataset">
                  {names.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </Field>
              <VersionChooser key={name} name={name} preferred={trainedOn?.name === name ? trainedOn.version : undefined} onPick={onPick} />
            </div>
          );
        }}
      </ResourceView>
    </fieldset>
  );
}

function VersionChooser({ name, preferred, onPick }: { name: string; preferred?: number; onPick: (pick: UserPick) => void }) {
  const [resource, reload] = useResource(() => api.listDatasetVersions(name), [name]);
  const [chosen, setChosen] = useState<number | undefined>();
  return (
    <ResourceView resource={resource} what="Loading versions" onRetry={reload}>
      {(versions) => {
        const numbers = versions.map((v) => v.version);
        const number = chosen ?? (preferred !== undefined && numbers.includes(preferred) ? preferred : numbers[0]);
        const version = versions.find((v) => v.version === number);
        return (
          <>
            <Field label="Version">
              <select value={number} onChange={(e) => setChosen(Number(e.target.value))} data-testid="pick-version">
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version}
                    {v.rows !== undefined ? ` (${formatCount(v.rows)} rows)` : ''}
                  </option>
                ))}
              </select>
            </Field>
            {version && <UserChooser key={version.version} version={version} onPick={onPick} />}
          </>
        );
      }}
    </ResourceView>
  );
}

function UserChooser({ version, onPick }: { version: DatasetVersion; onPick: (pick: UserPick) => void }) {
  const [resource, reload] = useResource(
    () => api.listDatasetUsers(version.name, version.version, LISTED_USERS),
    [version.name, version.version],
  );
  const [chosen, setChosen] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();

  const use = async (userId: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      onPick({ user: await api.getDatasetUser(version.name, version.version, userId), datasetSchema: version.schema });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ResourceView resource={resource} what="Loading users" onRetry={reload}>
      {({ users, truncated, groupColumn }) => {
        if (users.length === 0) return <EmptyState title="This version has no users." />;
        const userId = chosen ?? users[0].userId;
        return (
          <>
            <Field label={`User (${groupColumn})`} hint={truncated ? `The first ${users.length} users of the file` : undefined}>
              <select value={userId} onChange={(e) => setChosen(e.target.value)} data-testid="pick-user">
                {users.map((u) => (
                  <option key={u.userId} value={u.userId}>
                    {u.userId} ({formatCount(u.rows)} {u.rows === 1 ? 'row' : 'rows'})
                  </option>
                ))}
              </select>
            </Field>
            <div className="field field-action">
              <button type="button" className="button-secondary" disabled={busy} onClick={() => void use(userId)} data-testid="pick-use">
                {busy ? 'Reading…' : 'Use this user'}
              </button>
            </div>
            {problem && <ProblemPanel problem={problem} testId="pick-problem" />}
          </>
        );
      }}
    </ResourceView>
  );
}
