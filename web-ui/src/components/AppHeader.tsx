import type { TokenStore } from '../api/token';
import { Link } from '../routing/Link';
import { section, type Route } from '../routing/routes';
import { TokenField } from './TokenField';

const SECTIONS: Array<{ id: ReturnType<typeof section>; label: string; to: Route }> = [
  { id: 'overview', label: 'Overview', to: { page: 'overview' } },
  { id: 'datasets', label: 'Datasets', to: { page: 'datasets' } },
  { id: 'training', label: 'Training', to: { page: 'runs' } },
  { id: 'models', label: 'Models', to: { page: 'models' } },
  { id: 'playground', label: 'Playground', to: { page: 'playground' } },
  { id: 'audit', label: 'Audit', to: { page: 'audit' } },
];

interface AppHeaderProps {
  route: Route;
  tokens: TokenStore;
  /** Why the last sign-in through the issuer failed, if it did. */
  signInProblem?: string;
  /** Called when the API token is entered or forgotten. */
  onTokenChange?: () => void;
}

export function AppHeader({ route, tokens, signInProblem, onTokenChange }: AppHeaderProps) {
  const current = section(route);
  return (
    <header className="app-header">
      <a className="brand" href="#/">
        DIN Platform
      </a>
      <nav aria-label="Main">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.label}>
              <Link to={s.to} current={s.id === current} testId={`nav-${s.id}`}>
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <TokenField store={tokens} signInProblem={signInProblem} onChange={onTokenChange} />
    </header>
  );
}
