import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { problemOf, type Problem } from '../../api/problem';
import type { BuildProtocol, RawLogFormat } from '../../api/types';
import { Field } from '../../components/Field';
import { ProblemPanel } from '../../components/ProblemPanel';
import { buildOptions, type BuildOptionsForm } from '../../domain/buildOptions';
import { datasetNameProblem } from '../../domain/names';
import { navigate } from '../../routing/useRoute';

const PROTOCOLS: Array<{ value: BuildProtocol; label: string }> = [
  { value: 'RATING_THRESHOLD', label: 'RATING_THRESHOLD: a high rating is a click, split by user (MovieLens)' },
  { value: 'NEXT_ITEM', label: 'NEXT_ITEM: next item positive + sampled negative, last item to test (Amazon)' },
];

const FORMATS: Array<{ value: RawLogFormat; label: string }> = [
  { value: 'MOVIELENS', label: 'MovieLens files (u.data tab-separated, u.item |-separated)' },
  { value: 'CSV', label: 'CSV with a header' },
];

const EMPTY_OPTIONS: BuildOptionsForm = { ratingThreshold: '', maxLength: '', seed: '', validFraction: '', testFraction: '' };

/** Turns raw interaction logs and item attributes into a samples dataset with point-in-time histories. */
export function DatasetBuildForm() {
  const [name, setName] = useState('');
  const [protocol, setProtocol] = useState<BuildProtocol>('RATING_THRESHOLD');
  const [format, setFormat] = useState<RawLogFormat>('MOVIELENS');
  const [options, setOptions] = useState<BuildOptionsForm>(EMPTY_OPTIONS);
  const [interactions, setInteractions] = useState<File | undefined>();
  const [items, setItems] = useState<File | undefined>();
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const nameError = datasetNameProblem(name);
  const parsed = buildOptions(options);
  const option = (key: keyof BuildOptionsForm) => ({
    value: options[key],
    onChange: (e: { target: { value: string } }) => setOptions((o) => ({ ...o, [key]: e.target.value })),
    'data-testid': `build-${key}`,
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (nameError || !interactions || !items || parsed.errors) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const created = await api.buildDataset({ name: name.trim(), protocol, format, interactions, items, options: parsed.options });
      navigate({ page: 'datasetVersion', name: created.name, version: String(created.version) });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  const errors = submitted ? parsed.errors ?? {} : {};
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
      <Field label="File format">
        <select value={format} onChange={(e) => setFormat(e.target.value as RawLogFormat)} data-testid="build-format">
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
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
      <details>
        <summary>Options (empty: the protocol's defaults)</summary>
        <div className="grid">
          {protocol === 'RATING_THRESHOLD' && (
            <Field label="Click if rating ≥" hint="default 4" error={errors.ratingThreshold}>
              <input inputMode="decimal" {...option('ratingThreshold')} />
            </Field>
          )}
          <Field label="History length kept" hint="1 to 1000" error={errors.maxLength}>
            <input inputMode="numeric" {...option('maxLength')} />
          </Field>
          <Field label="Seed" error={errors.seed}>
            <input inputMode="numeric" {...option('seed')} />
          </Field>
          <Field label="Validation fraction" hint="0 to 0.9" error={errors.validFraction}>
            <input inputMode="decimal" {...option('validFraction')} />
          </Field>
          <Field label="Test fraction" hint="0 to 0.9" error={errors.testFraction}>
            <input inputMode="decimal" {...option('testFraction')} />
          </Field>
        </div>
      </details>
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="build-submit">
          {busy ? 'Building…' : 'Build dataset'}
        </button>
      </div>
      {problem && <ProblemPanel problem={problem} testId="build-problem" />}
    </form>
  );
}
