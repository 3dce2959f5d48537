/**
 * The status bar and notices: the compute backend badge (with a hint when it is not the native one), what
 * the engine is doing (with progress and Cancel for long calls), how often it had to restart, and readable
 * notices — errors stay until dismissed, so a message is never missed.
 */
import type { AppContext } from './app-context.js';
import { h, replaceChildren, setText } from './dom.js';
import { formatPercent } from './format.js';
import { shownNotices } from './notices.js';
import { isTraining, type AppState } from './state.js';
import { trainingStatusText } from './training-status.js';
import { rowWords } from '../src/api/file-format.js';

export interface StatusViews {
  /** The bar at the bottom of the window. */
  bar: HTMLElement;
  /** The notice area under the header. */
  notices: HTMLElement;
  update(state: AppState, previous: AppState): void;
}

export function createStatusBar(ctx: AppContext): StatusViews {
  const badge = h('span', { class: 'badge', 'data-testid': 'backend-badge', role: 'status' }, 'backend …');
  const hint = h('span', { class: 'hint backend-hint', 'data-testid': 'backend-hint' });
  const worker = h(
    'span',
    { class: 'worker', 'data-testid': 'worker-state', role: 'status', 'aria-live': 'polite' },
    'idle',
  );
  const busyBar = h('progress', {
    max: 1,
    'data-testid': 'busy-progress',
    hidden: true,
    'aria-label': 'Progress',
  });
  const cancel = h(
    'button',
    { type: 'button', class: 'small', 'data-testid': 'busy-cancel', hidden: true },
    'Cancel',
  );
  const bar = h(
    'footer',
    { class: 'status-bar', 'data-testid': 'status-bar' },
    badge,
    hint,
    h('span', { class: 'spacer' }),
    worker,
    busyBar,
    cancel,
  );
  const notices = h('div', { class: 'notices', 'data-testid': 'notices', 'aria-live': 'assertive' });

  const dismissAll = h(
    'button',
    { type: 'button', class: 'small dismiss-all', 'data-testid': 'notice-dismiss-all' },
    'Dismiss all',
  );
  dismissAll.addEventListener('click', () => {
    // the notices shown: another screen's are not the user's to dismiss from here
    const state = ctx.getState();
    for (const n of shownNotices(state.notices, state.screen)) ctx.dispatch({ type: 'dismiss', id: n.id });
  });

  cancel.addEventListener('click', () => {
    const busy = ctx.getState().busy;
    if (busy?.kind === 'import' || busy?.kind === 'metadata' || busy?.kind === 'embed') {
      void ctx.engine.cancelImport().catch(() => undefined);
    }
  });

  function update(state: AppState, previous: AppState): void {
    if (state.backend !== previous.backend || state.backendError !== previous.backendError) {
      const b = state.backend;
      if (b) {
        setText(
          badge,
          b.backend === 'tensorflow'
            ? 'native TensorFlow'
            : b.backend === 'wasm'
              ? `WebAssembly${b.simd ? ' (SIMD)' : ''}`
              : 'plain JavaScript (slow)',
        );
        badge.className = `badge backend-${b.backend}`;
        badge.title = `${b.reason}\n${Object.entries(b.versions)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}\nthreads: ${b.threads}`;
        setText(
          hint,
          b.backend === 'tensorflow'
            ? ''
            : (b.nativeHint ?? 'Training is slower than with the native TensorFlow backend.'),
        );
      } else if (state.backendError) {
        setText(badge, 'backend unavailable');
        badge.className = 'badge backend-error';
        setText(hint, state.backendError);
      }
    }
    const t = state.training;
    let text = 'idle';
    if (state.busy) text = state.busy.message;
    else if (isTraining(state) && t) text = trainingStatusText(t, rowWords(state.dataset?.format?.kind));
    if (state.workerExits > 0) text += ` · engine restarted ${state.workerExits}×`;
    setText(worker, text);
    const fraction = state.busy?.fraction ?? null;
    busyBar.hidden = state.busy === null;
    if (fraction === null) busyBar.removeAttribute('value');
    else busyBar.value = fraction;
    busyBar.title = fraction === null ? '' : formatPercent(fraction, 0);
    cancel.hidden = !state.busy?.cancellable;

    if (state.notices !== previous.notices || state.screen !== previous.screen) {
      const shown = shownNotices(state.notices, state.screen);
      replaceChildren(
        notices,
        shown.map((n) => {
          const close = h(
            'button',
            {
              type: 'button',
              class: 'small',
              'aria-label': `Dismiss: ${n.title}`,
              'data-testid': 'notice-dismiss',
            },
            '✕',
          );
          close.addEventListener('click', () => ctx.dispatch({ type: 'dismiss', id: n.id }));
          return h(
            'div',
            {
              class: `notice ${n.level}`,
              role: n.level === 'error' ? 'alert' : 'status',
              'data-testid': `notice-${n.level}`,
            },
            h('strong', {}, n.title),
            n.message ? h('span', {}, ` ${n.message}`) : null,
            // a repeated notice is folded into one (renderer/notices.ts): say how often it came
            (n.count ?? 1) > 1
              ? h('span', { class: 'notice-count', 'data-testid': 'notice-count' }, ` (${n.count}×)`)
              : null,
            close,
          );
        }),
        shown.length > 1 ? dismissAll : null,
      );
    }
  }

  return { bar, notices, update };
}
