/**
 * Page-wide listeners: an unexpected failure anywhere becomes a notice (the page stays usable), and a file
 * dropped outside the drop zone does not navigate away from the app.
 */
import type { Action } from '../state.js';

export function installWindowGuards(dispatch: (action: Action) => void): void {
  window.addEventListener('unhandledrejection', (e) =>
    dispatch({ type: 'failed', title: 'Unexpected error', error: e.reason }),
  );
  window.addEventListener('error', (e) =>
    dispatch({ type: 'failed', title: 'Unexpected error', error: e.error ?? e.message }),
  );
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());
}
