import { useState, type FormEvent } from 'react';
import type { TokenStore } from '../api/token';

/**
 * Where the user enters an API token. It lives in this tab's sessionStorage only and is sent as
 * `Authorization: Bearer …` with every request while set. `onChange` lets the page load again with the new token.
 */
export function TokenField({ store, onChange }: { store: TokenStore; onChange?: () => void }) {
  const [saved, setSaved] = useState(() => store.get() !== undefined);
  const [draft, setDraft] = useState('');
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
  return (
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
}
