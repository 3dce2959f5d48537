/**
 * The page's own confirm: a modal `<dialog>` styled as the page's panels (the browser's window.confirm names
 * the server's address, not the app, and looks like no part of it). Escape or the cancel button answers no;
 * the cancel button has the focus, so Enter never stops work by accident.
 */
import { h } from './dom.js';
import type { ConfirmQuestion } from './stop-consent.js';

/** Shows `question` over the page; resolves true when the user pressed the confirm button. */
export function confirmDialog(question: ConfirmQuestion): Promise<boolean> {
  const yes = h(
    'button',
    { type: 'button', class: 'primary', 'data-testid': 'confirm-yes' },
    question.confirm,
  );
  const no = h('button', { type: 'button', 'data-testid': 'confirm-no' }, question.cancel);
  const dialog = h(
    'dialog',
    { class: 'confirm-dialog panel', 'data-testid': 'confirm-dialog', 'aria-labelledby': 'confirm-title' },
    h('h2', { id: 'confirm-title' }, question.title),
    h('p', { 'data-testid': 'confirm-message' }, question.message),
    h('div', { class: 'confirm-buttons' }, no, yes),
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    const answer = (value: boolean): void => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    yes.addEventListener('click', () => answer(true));
    no.addEventListener('click', () => answer(false));
    // Escape closes a modal dialog by itself: that is a no
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      answer(false);
    });
    dialog.showModal();
    no.focus();
  });
}
