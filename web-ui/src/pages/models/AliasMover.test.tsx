// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AliasMover } from './AliasMover';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const model = { name: 'ml-din', latestVersion: 3, aliases: { production: 2 } };
const versions = [{ version: 3 }, { version: 2 }, { version: 1 }];

describe('AliasMover', () => {
  it('moves production to the chosen version only after the confirmation', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ name: 'ml-din', version: 3, aliases: ['production'] })));
    vi.stubGlobal('fetch', fetch);
    const onMoved = vi.fn();
    render(<AliasMover model={model} versions={versions} onMoved={onMoved} />);
    fireEvent.click(screen.getByTestId('alias-move'));
    expect(screen.getByTestId('confirm-dialog').textContent).toContain('It points at v2 now.');
    expect(fetch).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() => expect(screen.getByTestId('alias-moved').textContent).toBe('production now points at v3.'));
    expect(fetch).toHaveBeenCalledWith('/api/v1/models/ml-din/aliases/production', expect.objectContaining({ method: 'PUT', body: '{"version":3}' }));
    expect(onMoved).toHaveBeenCalledOnce();
  });

  it('changes nothing when the user cancels, and cannot move an alias where it already points', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    render(<AliasMover model={model} versions={versions} onMoved={() => {}} />);
    fireEvent.click(screen.getByTestId('alias-move'));
    fireEvent.click(screen.getByTestId('confirm-cancel'));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    fireEvent.change(screen.getByTestId('alias-version'), { target: { value: '2' } });
    expect((screen.getByTestId('alias-move') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('alias-name'), { target: { value: 'bad alias' } });
    expect(screen.getByText(/holds only letters, digits/)).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });
});
