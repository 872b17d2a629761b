// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditLogPage } from './AuditLogPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
});

function entry(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id, recordedAt: '2026-12-07T09:00:00Z', principal: 'token:0123456789ab', action: 'run.queued',
    resourceType: 'training-run', resource: `run-${id}`, detail: null, outcome: 'SUCCESS', status: 202, ...overrides,
  };
}

describe('the audit log page', () => {
  it('shows the entries with who, the resource and the outcome, and loads older pages after the first', async () => {
    const fetch = vi.fn(async (url: string) =>
      new Response(JSON.stringify(url.includes('before=')
        ? { entries: [entry(1, { action: 'token.created', resourceType: 'token', resource: null, outcome: 'REFUSED', status: 403 })], nextBefore: null }
        : { entries: [entry(3, { detail: 'alias production' }), entry(2)], nextBefore: 2 })));
    vi.stubGlobal('fetch', fetch);

    render(<AuditLogPage filter={{ resourceType: 'training-run' }} />);

    expect(await screen.findAllByTestId('audit-row')).toHaveLength(2);
    expect(fetch.mock.calls[0][0]).toBe('/api/v1/audit?resourceType=training-run&limit=50');
    expect(screen.getAllByTestId('audit-principal')[0].getAttribute('href')).toBe(
      '#/audit?subject=token%3A0123456789ab&resourceType=training-run',
    );
    fireEvent.click(screen.getByTestId('audit-older'));

    await vi.waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(3));
    expect(screen.getAllByTestId('audit-row')[0].textContent).toContain('alias production');
    expect(fetch.mock.calls[1][0]).toBe('/api/v1/audit?resourceType=training-run&limit=50&before=2');
    expect(screen.getAllByTestId('audit-outcome').map((o) => o.textContent)).toEqual(['success', 'success', 'refused']);
    expect(screen.getAllByTestId('audit-row')[2].textContent).toContain('403');
    expect(screen.queryByTestId('audit-older')).toBeNull();
  });

  it('puts the filters in the address', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ entries: [], nextBefore: null }))));
    render(<AuditLogPage filter={{}} />);
    expect(await screen.findByTestId('audit-empty')).toBeTruthy();

    fireEvent.change(screen.getByTestId('audit-subject'), { target: { value: ' system ' } });
    fireEvent.change(screen.getByTestId('audit-resource'), { target: { value: 'ctr' } });
    fireEvent.click(screen.getByTestId('audit-apply'));

    expect(window.location.hash).toBe('#/audit?subject=system&resource=ctr');
  });

  it('shows the refusal of a token that is not an admin', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({
      type: 'https://din-platform.io/problems/insufficient-scope', title: 'Forbidden', status: 403,
      detail: 'This needs a token with the admin scope',
    }), { status: 403, headers: { 'Content-Type': 'application/problem+json' } })));
    render(<AuditLogPage filter={{}} />);

    expect((await screen.findByTestId('problem')).textContent).toContain('admin scope');
  });
});
