import { useEffect, useState, type FormEvent } from 'react';
import type { FeatureSchema } from '../../api/types';
import { Field } from '../../components/Field';
import {
  contextInstance,
  historyLabels,
  parseCandidates,
  playgroundFields,
  PlaygroundInputError,
} from '../../domain/playgroundInput';
import { itemFeatures } from '../../domain/itemTitles';
import { pickedSummary, pickedText, pickedUser } from '../../domain/pickedUser';
import type { PlaygroundQuery } from './playgroundQuery';
import type { UserPick } from './UserPicker';

interface SchemaInputsProps {
  schema: FeatureSchema;
  busy: boolean;
  onSubmit: (query: PlaygroundQuery) => void;
  /** A user picked from a dataset: fills the context and history, and the candidates when they are empty. */
  pick?: UserPick;
}

/** A form built from the model's schema: the user's context, their history, and candidates one per line. */
export function SchemaInputs({ schema, busy, onSubmit, pick }: SchemaInputsProps) {
  const fields = playgroundFields(schema);
  const [context, setContext] = useState<Record<string, string>>({});
  const [history, setHistory] = useState<Record<string, string>>({});
  const [candidates, setCandidates] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [filledFrom, setFilledFrom] = useState<{ summary: string; missing: string[] } | undefined>();
  const candidateColumns = fields.candidate.map((f) => f.name).join(', ');

  // A new pick replaces what the user side holds; candidates the person typed stay.
  useEffect(() => {
    if (!pick) return;
    const picked = pickedUser(fields, pick.user);
    const text = pickedText(fields, picked);
    setContext(text.context);
    setHistory(text.history);
    setCandidates((typed) => (typed.trim() === '' && text.candidateLine ? text.candidateLine : typed));
    setFilledFrom({ summary: pickedSummary(pick.user, fields), missing: picked.missing });
    setError(undefined);
    // `fields` follows `schema`; the pick is what changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pick]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      const user = contextInstance(fields, context, history);
      const query: PlaygroundQuery = {
        context: user,
        candidates: parseCandidates(fields, candidates),
        historyLabels: historyLabels(user, fields.history.map((f) => f.name)),
        itemFeatures: itemFeatures(schema),
      };
      setError(undefined);
      onSubmit(query);
    } catch (e) {
      if (!(e instanceof PlaygroundInputError)) throw e;
      setError(e.message);
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="playground-form">
      {filledFrom && (
        <p className="muted" role="status" data-testid="playground-filled-from">
          {filledFrom.summary}
          {filledFrom.missing.length > 0 && ` Not in the dataset, enter by hand: ${filledFrom.missing.join(', ')}.`}
        </p>
      )}
      {fields.context.length > 0 && (
        <fieldset>
          <legend>User and context</legend>
          <div className="grid">
            {fields.context.map((f) => (
              <Field key={f.name} label={f.name} hint={f.kind.toLowerCase()}>
                <input
                  value={context[f.name] ?? ''}
                  inputMode={f.kind === 'NUMERIC' ? 'decimal' : undefined}
                  onChange={(e) => setContext((c) => ({ ...c, [f.name]: e.target.value }))}
                  data-testid={`playground-context-${f.name}`}
                />
              </Field>
            ))}
          </div>
        </fieldset>
      )}
      {fields.history.length > 0 && (
        <fieldset>
          <legend>Behaviour history (oldest first)</legend>
          {fields.history.map((f) => (
            <Field key={f.name} label={`${f.name} (→ ${f.target})`} hint={`Values separated by spaces, commas or |; at most ${f.maxLength} are used (the newest).`}>
              <textarea
                rows={2}
                className="code"
                value={history[f.name] ?? ''}
                onChange={(e) => setHistory((h) => ({ ...h, [f.name]: e.target.value }))}
                data-testid={`playground-history-${f.name}`}
              />
            </Field>
          ))}
        </fieldset>
      )}
      <Field label={`Candidates, one per line (${candidateColumns})`} hint="e.g. 50, 4; a picked user brings the candidate of their latest row">
        <textarea rows={5} className="code" value={candidates} onChange={(e) => setCandidates(e.target.value)} data-testid="playground-candidates" />
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
