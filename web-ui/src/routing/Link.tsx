import type { ReactNode } from 'react';
import { href, type Route } from './routes';

interface LinkProps {
  to: Route;
  children: ReactNode;
  className?: string;
  testId?: string;
  current?: boolean;
}

/** A plain anchor to a route: keyboard focusable, opens in a new tab, survives a reload. */
export function Link({ to, children, className, testId, current }: LinkProps) {
  return (
    <a href={href(to)} className={className} data-testid={testId} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
