// Signing the dashboard in through the platform's OpenID Connect issuer (docs/architecture.md, 'Single sign-on'):
// the authorization code flow with PKCE, done by the dashboard itself as a public client. The issuer's access token
// then goes to the platform as the Bearer token, exactly where a pasted API token would.
import { codeChallenge, codeVerifier, randomText } from './pkce';

/** What GET /api/v1/auth/oidc answers. */
export interface SingleSignOn {
  enabled: boolean;
  issuer?: string;
  clientId?: string;
  scopes: string[];
  audience?: string;
}

/** What this tab remembers between leaving for the issuer and coming back. */
interface PendingSignIn {
  state: string;
  verifier: string;
  clientId: string;
  tokenEndpoint: string;
  redirectUri: string;
  returnTo: string;
}

export interface SignInContext {
  fetchFn: typeof fetch;
  /** This tab's sessionStorage: the pending sign-in never outlives the tab. */
  storage: Storage;
  crypto?: Crypto;
}

export type SignInOutcome =
  | { kind: 'none' }
  | { kind: 'signedIn'; token: string; returnTo: string }
  | { kind: 'failed'; message: string; returnTo: string };

const PENDING = 'din.oidc.pending';
const SETTINGS = '/api/v1/auth/oidc';

/** The platform's single sign-on settings; off when it cannot say (an older platform, a network failure). */
export async function singleSignOn(fetchFn: typeof fetch, baseUrl = ''): Promise<SingleSignOn> {
  const off: SingleSignOn = { enabled: false, scopes: [] };
  try {
    const response = await fetchFn(baseUrl + SETTINGS, { headers: { Accept: 'application/json' } });
    if (!response.ok) return off;
    const settings = (await response.json()) as SingleSignOn;
    return settings.enabled && settings.issuer && settings.clientId ? settings : off;
  } catch {
    return off;
  }
}

/** A short name for the issuer on the sign-in button: its host. */
export function issuerName(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}

interface Endpoints {
  authorization: string;
  token: string;
}

/** The issuer's endpoints from its discovery document, which must name the same issuer (OpenID Connect Discovery §4.3). */
async function discover(issuer: string, fetchFn: typeof fetch): Promise<Endpoints> {
  const response = await fetchFn(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`The issuer's discovery document answered ${response.status}.`);
  const document = (await response.json()) as Record<string, unknown>;
  if (document.issuer !== issuer) {
    throw new Error(`The discovery document names the issuer ${String(document.issuer)}, not ${issuer}.`);
  }
  const authorization = document.authorization_endpoint;
  const token = document.token_endpoint;
  if (typeof authorization !== 'string' || typeof token !== 'string') {
    throw new Error('The discovery document names no authorization or token endpoint.');
  }
  return { authorization, token };
}

/**
 * Prepares a sign-in and returns the issuer's address to go to: a fresh state and code verifier are kept in this
 * tab, and only the verifier's S256 challenge leaves it. The issuer sends the browser back to `redirectUri` with a
 * code; `returnTo` is the dashboard page to show then.
 */
export async function beginSignIn(
  settings: SingleSignOn,
  redirectUri: string,
  returnTo: string,
  context: SignInContext,
): Promise<string> {
  if (!settings.enabled || !settings.issuer || !settings.clientId) {
    throw new Error('The platform has no single sign-on.');
  }
  const endpoints = await discover(settings.issuer, context.fetchFn);
  const crypto = context.crypto ?? globalThis.crypto;
  const pending: PendingSignIn = {
    state: randomText(32, crypto),
    verifier: codeVerifier(crypto),
    clientId: settings.clientId,
    tokenEndpoint: endpoints.token,
    redirectUri,
    returnTo,
  };
  context.storage.setItem(PENDING, JSON.stringify(pending));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: pending.clientId,
    redirect_uri: redirectUri,
    scope: settings.scopes.join(' '),
    state: pending.state,
    code_challenge: await codeChallenge(pending.verifier, crypto),
    code_challenge_method: 'S256',
  });
  return `${endpoints.authorization}${endpoints.authorization.includes('?') ? '&' : '?'}${query}`;
}

function takePending(storage: Storage): PendingSignIn | undefined {
  const text = storage.getItem(PENDING);
  // one use only: a replayed or second answer finds nothing
  storage.removeItem(PENDING);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as PendingSignIn;
  } catch {
    return undefined;
  }
}

/**
 * Finishes a sign-in when the address carries the issuer's answer (`?code=…&state=…`, or `?error=…`): the state
 * must be the one this tab sent, else nothing is exchanged; then the code and the verifier go to the token endpoint,
 * and its access token is the outcome. An address without an answer is no sign-in at all.
 */
export async function completeSignIn(search: string, context: SignInContext): Promise<SignInOutcome> {
  const answer = new URLSearchParams(search);
  if (!answer.has('code') && !answer.has('error')) return { kind: 'none' };
  const pending = takePending(context.storage);
  if (!pending) {
    return { kind: 'failed', message: 'The sign-in answer matches no sign-in started in this tab.', returnTo: '#/' };
  }
  const returnTo = pending.returnTo;
  if (answer.get('state') !== pending.state) {
    return { kind: 'failed', message: 'The sign-in answer is not for the sign-in this tab started.', returnTo };
  }
  const error = answer.get('error');
  if (error) {
    return { kind: 'failed', message: `The issuer refused the sign-in: ${answer.get('error_description') ?? error}`, returnTo };
  }
  try {
    const response = await context.fetchFn(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: answer.get('code') ?? '',
        redirect_uri: pending.redirectUri,
        client_id: pending.clientId,
        code_verifier: pending.verifier,
      }).toString(),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof body.access_token !== 'string') {
      const reason = typeof body.error_description === 'string' ? body.error_description : body.error ?? response.status;
      return { kind: 'failed', message: `The issuer did not give a token: ${String(reason)}`, returnTo };
    }
    return { kind: 'signedIn', token: body.access_token, returnTo };
  } catch (e) {
    return { kind: 'failed', message: `The issuer cannot be reached: ${(e as Error).message}`, returnTo };
  }
}
