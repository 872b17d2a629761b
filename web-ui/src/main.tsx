import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { sessionTokenStore } from './api/token';
import { App } from './App';
import { completeSignIn } from './auth/signIn';
import './styles.css';

const tokens = sessionTokenStore();

// Back from the OpenID Connect issuer (?code=…&state=…): finish the sign-in before the first page asks the API
// anything, then take the answer out of the address so that a reload or a bookmark does not replay it.
completeSignIn(window.location.search, { fetchFn: (...args) => globalThis.fetch(...args), storage: sessionStorage })
  .then((outcome) => {
    if (outcome.kind === 'signedIn') tokens.set(outcome.token);
    if (outcome.kind !== 'none') window.history.replaceState(null, '', window.location.pathname + outcome.returnTo);
    return outcome.kind === 'failed' ? outcome.message : undefined;
  })
  .then((signInProblem) => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App tokens={tokens} signInProblem={signInProblem} />
      </StrictMode>,
    );
  });
