import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { problemOf, type Problem } from '../../api/problem';
import type { AuditEntry } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { ProblemPanel } from '../../components/ProblemPanel';
import { ResourceView } from '../../components/ResourceView';
import { instantOf, localOf, type AuditFilter } from '../../domain/audit';
import { formatTime } from '../../domain/format';
import { useResource } from '../../hooks/useResource';
import { Link } from '../../routing/Link';
import { navigate } from '../../routing/useRoute';

/** Entries read per page. */
const PAGE = 50;

const OUTCOME_BADGE: Record<AuditEntry['outcome'], string> = {
  SUCCESS: 'badge badge-succeeded',
  REFUSED: 'badge badge-cancelled',
  FAILED: 'badge badge-failed',
};

/**
 * The audit log (admins only: the API answers 403 to other tokens): who changed what, when and how it ended, newest
 * first, filtered by who, the resource and the time. The filters live in the address, so a filtered view can be
 * shared; older entries load page by page.
 */
export function AuditLogPage({ filter }: { filter: AuditFilter }) {
  const { subject, resourceType, resource, from, to } = filter;
  const [first, reload] = useResource(
    () => api.listAudit({ subject, resourceType, resource, from, to }, PAGE),
    [subject, resourceType, resource, from, to],
  );
  return (
    <section>
      <h1>Audit log</h1>
      <AuditFilterForm filter={filter} />
      <div className="panel">
        <ResourceView resource={first} what="Loading the audit log" onRetry={reload}>
          {(page) =>
            page.entries.length === 0 ? (
              <EmptyState title="No change recorded with these filters." testId="audit-empty" />
            ) : (
              <AuditPages key={JSON.stringify(filter)} filter={filter} entries={page.entries} next={page.nextBefore} />
            )
          }
        </ResourceView>
      </div>
    </section>
  );
}

function AuditFilterForm({ filter }: { filter: AuditFilter }) {
  const [subject, setSubject] = useState(filter.subject ?? '');
  const [resourceType, setResourceType] = useState(filter.resourceType ?? '');
  const [resource, setResource] = useState(filter.resource ?? '');
  const [from, setFrom] = useState(localOf(filter.from));
  const [to, setTo] = useState(localOf(filter.to));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate({
      page: 'audit',
      subject: subject.trim() || undefined,
      resourceType: resourceType.trim() || undefined,
      resource: resource.trim() || undefined,
      from: instantOf(from),
      to: instantOf(to),
    });
  };
  return (
    <form onSubmit={submit} className="panel grid" data-testid="audit-filters">
      <Field label="Who" hint="e.g. token:0123456789ab, subject:alice, system">
        <input value={subject} onChange={(e) => setSubject(e.target.value)} data-testid="audit-subject" />
      </Field>
      <Field label="Resource type" hint="dataset, model, training-run, token…">
        <input value={resourceType} onChange={(e) => setResourceType(e.target.value)} data-testid="audit-resource-type" />
      </Field>
      <Field label="Resource" hint="A name or an id">
        <input value={resource} onChange={(e) => setResource(e.target.value)} data-testid="audit-resource" />
      </Field>
      <Field label="From">
        <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="audit-from" />
      </Field>
      <Field label="Until">
        <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="audit-to" />
      </Field>
      <div className="actions">
        <button type="submit" data-testid="audit-apply">
          Filter
        </button>
      </div>
    </form>
  );
}

/** The first page and the older ones loaded after it. */
function AuditPages({ filter, entries, next }: { filter: AuditFilter; entries: AuditEntry[]; next: number | null }) {
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [before, setBefore] = useState(next);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const loadOlder = async () => {
    if (before === null) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const page = await api.listAudit(filter, PAGE, before);
      setOlder((shown) => [...shown, ...page.entries]);
      setBefore(page.nextBefore);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div className="table-scroll">
        <table data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Resource</th>
              <th scope="col">Detail</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {[...entries, ...older].map((entry) => (
              <tr key={entry.id} data-testid="audit-row">
                <td className="nowrap">{formatTime(entry.recordedAt)}</td>
                <td>
                  <Link to={{ page: 'audit', ...filter, subject: entry.principal }} testId="audit-principal">
                    <code>{entry.principal}</code>
                  </Link>
                </td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>
                  {entry.resourceType}
                  {entry.resource !== null && (
                    <>
                      {' '}
                      <code>{entry.resource}</code>
                    </>
                  )}
                </td>
                <td>{entry.detail ?? ''}</td>
                <td className="nowrap">
                  <span className={OUTCOME_BADGE[entry.outcome]} data-testid="audit-outcome">
                    {entry.outcome.toLowerCase()}
                  </span>
                  {entry.status !== null && ` ${entry.status}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {before !== null && (
        <div className="actions">
          <button type="button" className="button-secondary" onClick={loadOlder} disabled={busy} data-testid="audit-older">
            {busy ? 'Loading…' : 'Older entries'}
          </button>
        </div>
      )}
      {problem && <ProblemPanel problem={problem} testId="audit-problem" />}
    </>
  );
}
