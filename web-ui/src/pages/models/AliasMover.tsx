import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { problemOf, type Problem } from '../../api/problem';
import type { Model, ModelVersion } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { ProblemPanel } from '../../components/ProblemPanel';
import { aliasMap, aliasNameProblem, trafficText } from '../../domain/aliases';

interface AliasMoverProps {
  model: Model;
  versions: ModelVersion[];
  onMoved: () => void;
}

/** Points an alias (production by default) at a version, after a confirmation that says what traffic moves. */
export function AliasMover({ model, versions, onMoved }: AliasMoverProps) {
  const [alias, setAlias] = useState('production');
  const [version, setVersion] = useState(versions[0]?.version);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [moved, setMoved] = useState<string | undefined>();
  const aliasError = aliasNameProblem(alias);
  const current = aliasMap(model)[alias.trim()];
  const traffic = model.traffic?.[alias.trim()];

  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (!aliasError && version !== undefined) setConfirming(true);
  };
  const move = async () => {
    if (version === undefined) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await api.moveAlias(model.name, alias.trim(), version);
      setMoved(`${alias.trim()} now points at v${version}.`);
      setConfirming(false);
      onMoved();
    } catch (error) {
      setProblem(problemOf(error));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={ask} className="alias-form" noValidate data-testid="alias-form">
      <div className="grid">
        <Field label="Alias" error={alias !== '' ? aliasError : undefined}>
          <input value={alias} onChange={(e) => setAlias(e.target.value)} data-testid="alias-name" />
        </Field>
        <Field label="Version">
          <select value={version ?? ''} onChange={(e) => setVersion(Number(e.target.value))} data-testid="alias-version">
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={!!aliasError || version === undefined || current === version} data-testid="alias-move">
          Move alias
        </button>
        {current === version && !traffic && <small className="muted">{alias} already points at v{version}.</small>}
      </div>
      {traffic && (
        <p className="muted" data-testid="alias-traffic">
          {alias.trim()} is split: {trafficText(traffic)}. Moving it sends all of its traffic to one version.
        </p>
      )}
      {moved && (
        <p className="success" role="status" data-testid="alias-moved">
          {moved}
        </p>
      )}
      {problem && <ProblemPanel problem={problem} testId="alias-problem" />}
      {confirming && (
        <ConfirmDialog
          title={`Move “${alias.trim()}” to v${version}?`}
          confirmLabel="Move alias"
          busy={busy}
          onConfirm={move}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {traffic ? `It is split now (${trafficText(traffic)}). ` : current !== undefined ? `It points at v${current} now. ` : 'The alias is new. '}
            Requests that name this alias are served by v{version} from the next request on, without a restart.
          </p>
        </ConfirmDialog>
      )}
    </form>
  );
}
