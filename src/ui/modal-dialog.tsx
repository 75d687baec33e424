/**
 * A header button that opens a modal <dialog> ("Share or embed", "About this data"): the browser's
 * own modal, so focus moves in, stays in, and returns to the button on close, and Esc closes it.
 * The content is rendered only while the dialog is open, so a closed dialog follows no state.
 */
import './modal-dialog.css';
import { type ReactNode, useRef, useState } from 'react';
import { useStrings } from '../state/data-context.ts';

interface Props {
  /** The button's name and the dialog's heading id prefix. */
  id: string;
  /** The button's accessible name (and its label on wide screens). */
  label: string;
  /**
   * A shorter label for phones: words that `label` contains, or a symbol (the accessible name
   * stays `label`).
   */
  shortLabel?: ReactNode;
  /** The dialog's heading. */
  title: string;
  children: ReactNode;
}

export function ModalDialog({ id, label, shortLabel, title, children }: Props) {
  const t = useStrings();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const titleId = `${id}-title`;

  const show = () => {
    setOpen(true);
    const d = dialog.current;
    if (d && typeof d.showModal === 'function') d.showModal();
    else d?.setAttribute('open', '');
  };
  const hide = () => {
    setOpen(false);
    const d = dialog.current;
    if (d && typeof d.close === 'function') d.close();
    else d?.removeAttribute('open');
  };

  return (
    <>
      <button
        type="button"
        className="header-button"
        onClick={show}
        aria-haspopup="dialog"
        aria-label={shortLabel ? label : undefined}
      >
        {shortLabel ? (
          <>
            <span className="label-long">{label}</span>
            <span className="label-short" aria-hidden="true">
              {shortLabel}
            </span>
          </>
        ) : (
          label
        )}
      </button>
      <dialog ref={dialog} className="modal-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        {open && (
          <>
            <div className="modal-head">
              <h2 id={titleId}>{title}</h2>
              <button type="button" className="panel-close" onClick={hide} aria-label={t.panelClose}>
                <span aria-hidden="true">✕</span>
              </button>
            </div>
            {children}
          </>
        )}
      </dialog>
    </>
  );
}
