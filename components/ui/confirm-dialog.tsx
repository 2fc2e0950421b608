'use client';
/**
 * A native modal <dialog> that asks before something destructive (reset a lesson, reset all
 * progress, close an unsaved file). The browser traps focus in it and Escape cancels; focus goes
 * back to what opened it.
 */
import { useEffect, useId, useRef } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirm: string;
  cancel: string;
  onConfirm(): void;
  onCancel(): void;
  testId?: string;
}

export function ConfirmDialog({ open, title, message, confirm, cancel, onConfirm, onCancel, testId }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-message`}
      data-testid={testId}
      className="confirm-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) cancels.
        if (event.target === event.currentTarget) onCancel();
      }}
    >
      <div className="confirm-dialog-body">
        <h2 id={`${id}-title`} className="confirm-dialog-title">
          {title}
        </h2>
        <p id={`${id}-message`} className="confirm-dialog-message">
          {message}
        </p>
        <div className="confirm-dialog-actions">
          <button type="button" className="button-secondary" onClick={onCancel} autoFocus>
            {cancel}
          </button>
          <button type="button" className="button-danger" data-testid={testId ? `${testId}-confirm` : undefined} onClick={onConfirm}>
            {confirm}
          </button>
        </div>
      </div>
    </dialog>
  );
}
