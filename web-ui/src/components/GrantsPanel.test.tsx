// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GrantsPanel, granteeProblem } from './GrantsPanel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' } });

const shown = { owner: 'token:0123456789ab', grants: [{ grantee: 'group:ranking', permission: 'read' }] };

describe('GrantsPanel', () => {
  it('lists the owner and the grants, adds one and removes one by sending the whole list', async () => {
    const fetch = vi.fn(async (_url: string, init?: RequestInit) =>
      init?.method === 'PUT' ? json({ owner: shown.owner, grants: JSON.parse(String(init.body)).grants }) : json(shown));
    vi.stubGlobal('fetch', fetch);
    render(<GrantsPanel kind="models" name="ml-din" />);

    await waitFor(() => expect(screen.getByTestId('grants-owner').textContent).toContain('token:0123456789ab'));
    expect(screen.getAllByTestId('grant-row')).toHaveLength(1);
    fireEvent.change(screen.getByTestId('grant-grantee'), { target: { value: 'token:ba9876543210' } });
    fireEvent.change(screen.getByTestId('grant-permission'), { target: { value: 'predict' } });
    fireEvent.click(screen.getByTestId('grant-add'));

    await waitFor(() => expect(screen.getAllByTestId('grant-row')).toHaveLength(2));
    expect(fetch).toHaveBeenCalledWith('/api/v1/models/ml-din/grants', expect.objectContaining({
      method: 'PUT',
      body: JSON.stringify({ grants: [{ grantee: 'group:ranking', permission: 'read' }, { grantee: 'token:ba9876543210', permission: 'predict' }] }),
    }));
    expect((screen.getByTestId('grant-grantee') as HTMLInputElement).value).toBe('');

    fireEvent.click(screen.getAllByTestId('grant-remove')[0]);
    await waitFor(() => expect(screen.getAllByTestId('grant-row')).toHaveLength(1));
    expect(fetch).toHaveBeenLastCalledWith('/api/v1/models/ml-din/grants', expect.objectContaining({
      body: JSON.stringify({ grants: [{ grantee: 'token:ba9876543210', permission: 'predict' }] }),
    }));
  });

  it('shows the refusal of a caller who does not own the resource and keeps the grants as they were', async () => {
    const fetch = vi.fn(async (_url: string, init?: RequestInit) =>
      init?.method === 'PUT'
        ? json({ type: '/problems/forbidden', title: 'Forbidden', status: 403, detail: "This needs the 'owner' permission on dataset 'clicks'", requiredPermission: 'owner' }, 403)
        : json({ owner: null, grants: [] }));
    vi.stubGlobal('fetch', fetch);
    render(<GrantsPanel kind="datasets" name="clicks" />);

    await waitFor(() => expect(screen.getByTestId('grants-empty')).toBeTruthy());
    expect(screen.getByTestId('grants-owner').textContent).toContain('none');
    fireEvent.change(screen.getByTestId('grant-grantee'), { target: { value: 'subject:alice' } });
    fireEvent.click(screen.getByTestId('grant-add'));

    await waitFor(() => expect(screen.getByTestId('grants-problem').textContent).toContain("'owner' permission"));
    expect(screen.getByTestId('grants-empty')).toBeTruthy();
    expect(fetch).toHaveBeenCalledWith('/api/v1/datasets/clicks/grants', expect.objectContaining({ method: 'PUT' }));
  });

  it('refuses a grantee that names no principal before asking the server', () => {
    expect(granteeProblem('everyone')).toContain('token:<id>');
    expect(granteeProblem('group:ranking')).toBeUndefined();
    expect(granteeProblem(' ')).toBeDefined();
  });
});
