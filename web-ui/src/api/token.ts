// The API token the user typed, kept for this browser tab only (sessionStorage): it is gone when the tab closes
// and never written to disk by the dashboard.

const KEY = 'din.apiToken';

export interface TokenStore {
  get(): string | undefined;
  set(token: string | undefined): void;
}

export function sessionTokenStore(storage: Storage | undefined = globalThis.sessionStorage): TokenStore {
  return {
    get() {
      const token = storage?.getItem(KEY) ?? '';
      return token.trim() === '' ? undefined : token.trim();
    },
    set(token) {
      if (!storage) return;
      if (token === undefined || token.trim() === '') storage.removeItem(KEY);
      else storage.setItem(KEY, token.trim());
    },
  };
}

/** The headers that authenticate a request: a Bearer token when one is set, nothing otherwise. */
export function authorizationHeaders(token: string | undefined): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}
