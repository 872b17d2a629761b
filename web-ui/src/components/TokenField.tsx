import { useEffect, useState, type FormEvent } from 'react';
import type { TokenStore } from '../api/token';
import { beginSignIn, issuerName, singleSignOn, type SingleSignOn } from '../auth/signIn';

interface TokenFieldProps {
  store: TokenStore;
  /** Why the last sign-in through the issuer failed, if it did. */
  signInProblem?: string;
  onChange?: () => void;
}

/**
 * Where the user enters an API token, or signs in through the platform's OpenID Connect issuer when it has one. The
 * token (either kind) lives in this tab's sessionStorage only and is sent as `Authorization: Bearer …` with every
 * request while set. `onChange` lets the page load again with the new token.
 */
export function TokenField({ store, signInProblem, onChange }: TokenFieldProps) {
  const [saved, setSaved] = useState(() => store.get() !== undefined);
  const [draft, setDraft] = useState('');
  const [sso, setSso] = useState<SingleSignOn | undefined>();
  const [problem, setProblem] = useState(signInProblem);
  useEffect(() => {
    let current = true;
    singleSignOn((...args) => globalThis.fetch(...args)).then((settings) => current && setSso(settings));
    return () => {
      current = false;
    };
  }, []);
  const save = (event: FormEvent) => {
    event.preventDefault();
    store.set(draft);
    setSaved(store.get() !== undefined);
    setDraft('');
    onChange?.();
  };
  const clear = () => {
    store.set(undefined);
    setSaved(false);
    onChange?.();
  };
  const signIn = () => {
    if (!sso) return;
    setProblem(undefined);
    const redirectUri = window.location.origin + window.location.pathname;
    beginSignIn(sso, redirectUri, window.location.hash || '#/', {
      fetchFn: (...args) => globalThis.fetch(...args),
      storage: sessionStorage,
    })
      .then((address) => window.location.assign(address))
      .catch((e: Error) => setProblem(`The sign-in cannot start: ${e.message}`));
  };
  if (saved) {
    return (
      <div className="token" data-testid="token-status">
        <span className="token-state">Token set for this tab</span>
        <button type="button" className="button-link" onClick={clear} data-testid="token-clear">
          Forget token
        </button>
      </div>
    );
  }
  const form = (
    <form className="token" onSubmit={save}>
      <label htmlFor="api-token" className="visually-hidden">
        API token
      </label>
      <input
        id="api-token"
        type="password"
        autoComplete="off"
        placeholder="API token"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        data-testid="token-input"
      />
      <button type="submit" className="button-secondary" disabled={draft.trim() === ''} data-testid="token-save">
        Use
      </button>
    </form>
  );
  // without single sign-on (and nothing to report) the header is exactly the token form
  if (!sso?.enabled && !problem) return form;
  return (
    <div className="token">
      {sso?.enabled && sso.issuer && (
        <button type="button" className="button-secondary" onClick={signIn} data-testid="sso-sign-in">
          Sign in with {issuerName(sso.issuer)}
        </button>
      )}
      {problem && (
        <span className="token-problem" role="alert" data-testid="sso-problem">
          {problem}
        </span>
      )}
      {form}
    </div>
  );
}
