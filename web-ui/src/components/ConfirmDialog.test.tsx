// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './ConfirmDialog';

afterEach(cleanup);

function dialog(onCancel = vi.fn()) {
  return render(
    <ConfirmDialog title="Cancel this run?" confirmLabel="Cancel run" onConfirm={() => {}} onCancel={onCancel}>
      <p>Body</p>
    </ConfirmDialog>,
  );
}

describe('ConfirmDialog', () => {
  it('starts on the safe choice and keeps Tab inside the dialog', () => {
    dialog();
    const cancel = screen.getByTestId('confirm-cancel');
    const ok = screen.getByTestId('confirm-ok');
    expect(document.activeElement).toBe(cancel);
    ok.focus();
    fireEvent.keyDown(window, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(window, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(ok);
  });

  it('cancels on Escape and gives focus back to where it was', () => {
    const opener = document.createElement('button');
    document.body.appendChild(opener);
    opener.focus();
    const onCancel = vi.fn();
    const { unmount } = dialog(onCancel);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledOnce();
    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
