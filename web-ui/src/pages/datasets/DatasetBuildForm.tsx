import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { problemOf, type Problem } from '../../api/problem';
import type { BuildProtocol } from '../../api/types';
import { Field } from '../../components/Field';
import { ProblemPanel } from '../../components/ProblemPanel';
import { navigate } from '../../routing/useRoute';
import { datasetNameProblem } from '../../domain/names';

const PROTOCOLS: Array<{ value: BuildProtocol; label: string }> = [
  { value: 'RATING_THRESHOLD', label: 'RATING_THRESHOLD: rating ≥ 4 is a click, split by user (MovieLens)' },
  { value: 'NEXT_ITEM', label: 'NEXT_ITEM: next item positive + sampled negative, last item to test (Amazon)' },
];

/** Turns raw interaction logs and item attributes into a samples dataset with point-in-time histories. */
export function DatasetBuildForm() {
  const [name, setName] = useState('');
  const [protocol, setProtocol] = useState<BuildProtocol>('RATING_THRESHOLD');
  const [interactions, setInteractions] = useState<File | undefined>();
  const [items, setItems] = useState<File | undefined>();
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const nameError = datasetNameProblem(name);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (nameError || !interactions || !items) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const created = await api.buildDataset({ name: name.trim(), protocol, interactions, items });
      navigate({ page: 'datasetVersion', name: created.name, version: String(created.version) });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate data-testid="build-form">
      <Field label="Dataset name" error={submitted ? nameError : undefined}>
        <input value={name} onChange={(e) => setName(e.target.value)} data-testid="build-name" />
      </Field>
      <Field label="Protocol">
        <select value={protocol} onChange={(e) => setProtocol(e.target.value as BuildProtocol)} data-testid="build-protocol">
          {PROTOCOLS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Interactions (user, item, timestamp, optional rating)"
        hint="e.g. MovieLens u.data"
        error={submitted && !interactions ? 'Choose the interactions file.' : undefined}
      >
        <input type="file" onChange={(e) => setInteractions(e.target.files?.[0])} data-testid="build-interactions" />
      </Field>
      <Field label="Items (item → category and other attributes)" hint="e.g. MovieLens u.item" error={submitted && !items ? 'Choose the items file.' : undefined}>
        <input type="file" onChange={(e) => setItems(e.target.files?.[0])} data-testid="build-items" />
      </Field>
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="build-submit">
          {busy ? 'Building…' : 'Build dataset'}
        </button>
      </div>
      {problem && <ProblemPanel problem={problem} testId="build-problem" />}
    </form>
  );
}
