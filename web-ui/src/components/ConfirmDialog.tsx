import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before a change that moves traffic or stops work. Focus starts on Cancel, the safe choice; Escape cancels;
 * Tab stays inside the dialog while it is open, and focus returns to where it was when it closes.
 */
export function ConfirmDialog({ title, children, confirmLabel, busy, onConfirm, onCancel }: ConfirmDialogProps) {
  const titleId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const latestOnCancel = useRef(onCancel);
  latestOnCancel.current = onCancel;
  const dialogRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') latestOnCancel.current();
      if (event.key === 'Tab' && dialogRef.current) keepFocusInside(dialogRef.current, event);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, []);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" ref={dialogRef} role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="confirm-dialog">
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          <button type="button" className="button-secondary" ref={cancelRef} onClick={onCancel} data-testid="confirm-cancel">
            Cancel
          </button>
          <button type="button" onClick={onConfirm} disabled={busy} data-testid="confirm-ok">
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function keepFocusInside(dialog: HTMLElement, event: KeyboardEvent) {
  const controls = [...dialog.querySelectorAll<HTMLElement>('button:not([disabled]), a[href], input, select, textarea')];
  if (controls.length === 0) return;
  const first = controls[0];
  const last = controls[controls.length - 1];
  const leaving = event.shiftKey ? document.activeElement === first : document.activeElement === last;
  const outside = !dialog.contains(document.activeElement);
  if (leaving || outside) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}
