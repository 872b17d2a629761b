import { describe, expect, it } from 'vitest';
import { auditQuery, instantOf, localOf } from './audit';

describe('the audit log query', () => {
  it('sends only the filters that are set, trimmed, with the page size and start', () => {
    expect(auditQuery({ subject: ' token:0123456789ab ', resourceType: '', resource: undefined }, 50)).toBe(
      'subject=token%3A0123456789ab&limit=50',
    );
    expect(auditQuery({ resourceType: 'model', resource: 'ctr', from: '2026-12-01T00:00:00.000Z' }, 100, 42)).toBe(
      'resourceType=model&resource=ctr&from=2026-12-01T00%3A00%3A00.000Z&limit=100&before=42',
    );
  });

  it('turns a date-time field into an instant and back, to the minute', () => {
    const instant = instantOf('2026-12-07T09:30');
    expect(instant).toMatch(/^2026-12-0[67]T\d\d:30:00\.000Z$/);
    expect(localOf(instant)).toBe('2026-12-07T09:30');
    expect(instantOf('')).toBeUndefined();
    expect(instantOf('not a date')).toBeUndefined();
    expect(localOf(undefined)).toBe('');
  });
});
