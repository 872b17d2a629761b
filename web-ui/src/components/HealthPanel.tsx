import type { Health, HealthComponent } from '../api/types';

function detailText(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function ComponentRow({ name, component }: { name: string; component: HealthComponent }) {
  const details = Object.entries(component.details ?? {});
  return (
    <li className="health-item" data-testid={`health-${name}`}>
      <span className={`health-dot health-${component.status.toLowerCase()}`} aria-hidden="true" />
      <span className="health-name">{name}</span>
      <span className="health-status">{component.status}</span>
      {details.length > 0 && (
        <dl className="health-details">
          {details.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{detailText(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {component.components && (
        <ul className="health-list">
          {Object.entries(component.components).map(([child, c]) => (
            <ComponentRow key={child} name={`${name}.${child}`} component={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The platform's health as Spring Boot Actuator reports it: the database, the workers and their devices, and any
 * other indicator, each with its details (shown only when the platform exposes them).
 */
export function HealthPanel({ health }: { health: Health }) {
  const components = Object.entries(health.components ?? {});
  return (
    <div className="health" data-testid="health">
      <p>
        Platform: <strong data-testid="health-status">{health.status}</strong>
      </p>
      {components.length === 0 ? (
        <p className="muted">The platform reports no components (its health details may be hidden by configuration).</p>
      ) : (
        <ul className="health-list">
          {components.map(([name, component]) => (
            <ComponentRow key={name} name={name} component={component} />
          ))}
        </ul>
      )}
    </div>
  );
}
