import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { problemOf, type Problem } from '../api/problem';
import type { AccessList, Grant, GrantPermission } from '../api/types';
import { Field } from './Field';
import { ProblemPanel } from './ProblemPanel';

interface GrantsPanelProps {
  kind: 'datasets' | 'models';
  name: string;
}

const PERMISSIONS: GrantPermission[] = ['read', 'predict', 'write'];
const GRANTEE = /^(token|subject|group):\S.*$/;

/** Why a grantee cannot be granted to, or undefined when it can. */
export function granteeProblem(grantee: string): string | undefined {
  if (grantee.trim() === '') return 'Name a token, a user or a group.';
  return GRANTEE.test(grantee.trim()) ? undefined : 'Write token:<id>, subject:<name> or group:<name>.';
}

/**
 * Who may use a dataset or a model: its owner and its grants, with a form to add one and a button to remove each.
 * Every change sends the whole list (PUT .../grants), which only the owner or an admin may do; a refusal is shown.
 */
export function GrantsPanel({ kind, name }: GrantsPanelProps) {
  const [access, setAccess] = useState<AccessList | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [grantee, setGrantee] = useState('');
  const [permission, setPermission] = useState<GrantPermission>('read');
  const [busy, setBusy] = useState(false);
  const error = grantee !== '' ? granteeProblem(grantee) : undefined;

  useEffect(() => {
    let live = true;
    api.getGrants(kind, name).then(
      (loaded) => live && setAccess(loaded),
      (failure) => live && setProblem(problemOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [kind, name]);

  const replace = async (grants: Grant[]) => {
    setBusy(true);
    setProblem(undefined);
    try {
      setAccess(await api.replaceGrants(kind, name, grants));
      return true;
    } catch (failure) {
      setProblem(problemOf(failure));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!access || granteeProblem(grantee)) return;
    const grant = { grantee: grantee.trim(), permission };
    const others = access.grants.filter((g) => g.grantee !== grant.grantee || g.permission !== grant.permission);
    if (await replace([...others, grant])) setGrantee('');
  };
  const remove = (grant: Grant) =>
    access && replace(access.grants.filter((g) => g.grantee !== grant.grantee || g.permission !== grant.permission));

  return (
    <div data-testid="grants-panel">
      {access && (
        <>
          <p data-testid="grants-owner">
            Owner: {access.owner ? <code>{access.owner}</code> : <span className="muted">none (registered before permissions: admins only)</span>}
          </p>
          {access.grants.length === 0 ? (
            <p className="muted" data-testid="grants-empty">No grants: only the owner and admins may use it.</p>
          ) : (
            <table data-testid="grants">
              <thead>
                <tr>
                  <th scope="col">Grantee</th>
                  <th scope="col">Permission</th>
                  <th scope="col"><span className="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {access.grants.map((g) => (
                  <tr key={`${g.grantee} ${g.permission}`} data-testid="grant-row">
                    <td><code>{g.grantee}</code></td>
                    <td>{g.permission}</td>
                    <td>
                      <button type="button" disabled={busy} onClick={() => remove(g)} data-testid="grant-remove"
                        aria-label={`Remove ${g.permission} from ${g.grantee}`}>
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form onSubmit={add} noValidate data-testid="grant-form">
            <div className="grid">
              <Field label="Grantee" hint="token:<id>, subject:<name> or group:<name>" error={error}>
                <input value={grantee} onChange={(e) => setGrantee(e.target.value)} data-testid="grant-grantee" />
              </Field>
              <Field label="Permission">
                <select value={permission} onChange={(e) => setPermission(e.target.value as GrantPermission)}
                  data-testid="grant-permission">
                  {PERMISSIONS.map((p) => (
                    <option key={p} value={p}>{p}</option>
                  ))}
                </select>
              </Field>
            </div>
            <div className="actions">
              <button type="submit" disabled={busy || granteeProblem(grantee) !== undefined} data-testid="grant-add">
                Grant
              </button>
            </div>
          </form>
        </>
      )}
      {problem && <ProblemPanel problem={problem} testId="grants-problem" />}
    </div>
  );
}
