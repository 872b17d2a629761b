// The audit log's filters, as the dashboard's address keeps them and the API reads them (GET /api/v1/audit).

export interface AuditFilter {
  subject?: string;
  resourceType?: string;
  resource?: string;
  /** ISO 8601 instants */
  from?: string;
  to?: string;
}

export const AUDIT_FILTER_KEYS = ['subject', 'resourceType', 'resource', 'from', 'to'] as const;

/** The API's query for a page of the log: the filters that are set, the page size and where the page starts. */
export function auditQuery(filter: AuditFilter, limit: number, before?: number): string {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filter[key]?.trim();
    if (value) params.set(key, value);
  }
  params.set('limit', String(limit));
  if (before !== undefined) params.set('before', String(before));
  return params.toString();
}

/**
 * A date-time field's value (local time, "2026-12-07T09:30") as the ISO instant the API reads; undefined when the
 * field is empty or not a date.
 */
export function instantOf(local: string): string | undefined {
  if (local.trim() === '') return undefined;
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** An ISO instant as a date-time field's local value: the inverse of instantOf, to the minute. */
export function localOf(instant: string | undefined): string {
  if (!instant) return '';
  const time = new Date(instant);
  if (Number.isNaN(time.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
}
