import { describe, expect, it } from 'vitest';
import { codeChallenge } from './pkce';
import { beginSignIn, completeSignIn, issuerName, singleSignOn, type SignInContext, type SingleSignOn } from './signIn';

const ISSUER = 'https://sso.example.com/realms/din';
const SETTINGS: SingleSignOn = {
  enabled: true,
  issuer: ISSUER,
  clientId: 'din-dashboard',
  scopes: ['openid', 'read'],
  audience: 'din-platform',
};
const DISCOVERY = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`,
  token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
};
const REDIRECT = 'https://din.example.com/';

/** sessionStorage's contract over a map. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

interface Call {
  url: string;
  init: RequestInit;
}

/** The issuer at the HTTP boundary: discovery, and a token endpoint that answers `tokenAnswer`. */
function issuer(tokenAnswer: () => Response = () => Response.json({ access_token: 'eyJ.access.token', token_type: 'Bearer' })) {
  const calls: Call[] = [];
  const fetchFn = (async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    if (String(url) === `${ISSUER}/.well-known/openid-configuration`) return Response.json(DISCOVERY);
    if (String(url) === DISCOVERY.token_endpoint && init?.method === 'POST') return tokenAnswer();
    return new Response('not found', { status: 404 });
  }) as typeof fetch;
  return { calls, fetchFn };
}

function context(fetchFn: typeof fetch, storage = memoryStorage()): SignInContext {
  return { fetchFn, storage };
}

async function started(ctx: SignInContext) {
  const address = new URL(await beginSignIn(SETTINGS, REDIRECT, '#/models', ctx));
  return { address, state: address.searchParams.get('state')! };
}

describe('beginSignIn', () => {
  it('sends the browser to the discovered authorization endpoint with a state and an S256 challenge', async () => {
    const { calls, fetchFn } = issuer();
    const storage = memoryStorage();
    const { address, state } = await started(context(fetchFn, storage));

    expect(`${address.origin}${address.pathname}`).toBe(DISCOVERY.authorization_endpoint);
    expect(Object.fromEntries(address.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'din-dashboard',
      redirect_uri: REDIRECT,
      scope: 'openid read',
      code_challenge_method: 'S256',
    });
    expect(state).toHaveLength(43);
    const pending = JSON.parse(storage.getItem('din.oidc.pending')!);
    expect(pending.state).toBe(state);
    expect(address.searchParams.get('code_challenge')).toBe(await codeChallenge(pending.verifier));
    expect(address.searchParams.has('code_verifier')).toBe(false);
    expect(calls.map((c) => c.url)).toEqual([`${ISSUER}/.well-known/openid-configuration`]);
  });

  it('refuses a discovery document that names another issuer', async () => {
    const fetchFn = (async () => Response.json({ ...DISCOVERY, issuer: 'https://evil.example.com' })) as typeof fetch;
    const storage = memoryStorage();

    await expect(beginSignIn(SETTINGS, REDIRECT, '#/', context(fetchFn, storage))).rejects.toThrow(/evil/);
    expect(storage.getItem('din.oidc.pending')).toBeNull();
  });
});

describe('completeSignIn', () => {
  it('exchanges the code with the verifier and returns the access token, once', async () => {
    const { calls, fetchFn } = issuer();
    const ctx = context(fetchFn);
    const { state } = await started(ctx);
    const verifier = JSON.parse(ctx.storage.getItem('din.oidc.pending')!).verifier;

    const outcome = await completeSignIn(`?code=the-code&state=${state}`, ctx);

    expect(outcome).toEqual({ kind: 'signedIn', token: 'eyJ.access.token', returnTo: '#/models' });
    const exchange = calls.at(-1)!;
    expect(exchange.url).toBe(DISCOVERY.token_endpoint);
    expect(Object.fromEntries(new URLSearchParams(String(exchange.init.body)))).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: REDIRECT,
      client_id: 'din-dashboard',
      code_verifier: verifier,
    });
    // the same answer a second time finds no sign-in to complete
    expect((await completeSignIn(`?code=the-code&state=${state}`, ctx)).kind).toBe('failed');
  });

  it('exchanges nothing when the state is not the one this tab sent', async () => {
    const { calls, fetchFn } = issuer();
    const ctx = context(fetchFn);
    await started(ctx);
    const before = calls.length;

    const outcome = await completeSignIn('?code=stolen-code&state=forged', ctx);

    expect(outcome.kind).toBe('failed');
    expect(calls).toHaveLength(before);
    expect(ctx.storage.getItem('din.oidc.pending')).toBeNull();
  });

  it('fails without a sign-in started in this tab', async () => {
    const { calls, fetchFn } = issuer();

    const outcome = await completeSignIn('?code=c&state=s', context(fetchFn));

    expect(outcome).toMatchObject({ kind: 'failed', returnTo: '#/' });
    expect(calls).toHaveLength(0);
  });

  it("reports the issuer's refusal", async () => {
    const { fetchFn } = issuer();
    const ctx = context(fetchFn);
    const { state } = await started(ctx);

    const outcome = await completeSignIn(`?error=access_denied&error_description=User+said+no&state=${state}`, ctx);

    expect(outcome).toEqual({ kind: 'failed', message: 'The issuer refused the sign-in: User said no', returnTo: '#/models' });
  });

  it('reports a token endpoint that gives no token', async () => {
    const { fetchFn } = issuer(() => Response.json({ error: 'invalid_grant', error_description: 'code expired' }, { status: 400 }));
    const ctx = context(fetchFn);
    const { state } = await started(ctx);

    const outcome = await completeSignIn(`?code=old&state=${state}`, ctx);

    expect(outcome).toMatchObject({ kind: 'failed', message: 'The issuer did not give a token: code expired' });
  });

  it('is no sign-in when the address carries no answer', async () => {
    const { calls, fetchFn } = issuer();

    expect(await completeSignIn('', context(fetchFn))).toEqual({ kind: 'none' });
    expect(await completeSignIn('?dataset=a', context(fetchFn))).toEqual({ kind: 'none' });
    expect(calls).toHaveLength(0);
  });
});

describe('singleSignOn', () => {
  it("reads the platform's settings, and is off when the platform cannot say", async () => {
    const on = (async () => Response.json(SETTINGS)) as typeof fetch;
    const off = (async () => Response.json({ enabled: false, scopes: [] })) as typeof fetch;
    const failing = (async () => {
      throw new TypeError('network');
    }) as typeof fetch;

    expect(await singleSignOn(on)).toEqual(SETTINGS);
    expect((await singleSignOn(off)).enabled).toBe(false);
    expect((await singleSignOn(failing)).enabled).toBe(false);
    expect(issuerName(ISSUER)).toBe('sso.example.com');
  });
});
