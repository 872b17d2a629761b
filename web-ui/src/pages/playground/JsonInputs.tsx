import { useEffect, useState, type FormEvent } from 'react';
import type { Instance } from '../../api/types';
import { Field } from '../../components/Field';
import { itemFeatures } from '../../domain/itemTitles';
import { pickedUser } from '../../domain/pickedUser';
import { historyLabels, parseJsonInput, playgroundFields, PlaygroundInputError } from '../../domain/playgroundInput';
import type { PlaygroundQuery } from './playgroundQuery';
import type { UserPick } from './UserPicker';

const EXAMPLE_CONTEXT = '{\n  "user_id": "1",\n  "hist_item_id": ["50", "172", "133"],\n  "hist_cate_id": ["4", "1", "8"]\n}';
const EXAMPLE_CANDIDATES = '[\n  {"item_id": "181", "cate_id": "1"},\n  {"item_id": "7", "cate_id": "4"}\n]';

/** Raw JSON input, for a model version whose schema the registry does not return. */
export function JsonInputs({ busy, onSubmit, pick }: { busy: boolean; onSubmit: (query: PlaygroundQuery) => void; pick?: UserPick }) {
  const [context, setContext] = useState(EXAMPLE_CONTEXT);
  const [candidates, setCandidates] = useState(EXAMPLE_CANDIDATES);
  const [error, setError] = useState<string | undefined>();

  // Without the model's schema, the picked dataset's own schema says which features are the user side.
  useEffect(() => {
    if (!pick?.datasetSchema) return;
    const picked = pickedUser(playgroundFields(pick.datasetSchema), pick.user);
    setContext(JSON.stringify(picked.context, null, 2));
    if (picked.candidate) setCandidates((typed) => (typed === EXAMPLE_CANDIDATES ? JSON.stringify([picked.candidate], null, 2) : typed));
    setError(undefined);
  }, [pick]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      const user = parseJsonInput<Instance>(context, 'The context', 'object');
      const list = parseJsonInput<Instance[]>(candidates, 'The candidates', 'array');
      setError(undefined);
      onSubmit({ context: user, candidates: list, historyLabels: historyLabels(user), itemFeatures: itemFeatures(pick?.datasetSchema) });
    } catch (e) {
      if (!(e instanceof PlaygroundInputError)) throw e;
      setError(e.message);
    }
  };
  return (
    <form onSubmit={submit} noValidate data-testid="playground-form">
      <p className="muted">The registry gave no feature schema for this version: enter raw feature values as JSON.</p>
      <Field label="User context (JSON object; sequences as arrays, oldest first)">
        <textarea rows={6} className="code" value={context} onChange={(e) => setContext(e.target.value)} data-testid="playground-context-json" />
      </Field>
      <Field label="Candidates (JSON array of objects)">
        <textarea rows={6} className="code" value={candidates} onChange={(e) => setCandidates(e.target.value)} data-testid="playground-candidates-json" />
      </Field>
      {error && (
        <p className="field-error" role="alert" data-testid="playground-input-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="playground-score">
          {busy ? 'Scoring…' : 'Score candidates'}
        </button>
      </div>
    </form>
  );
}
