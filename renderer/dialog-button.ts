/**
 * A desktop button that asks main for a native open dialog (through the shell bridge) and hands the chosen
 * path on: Project another file's choosers and a reopened session's re-attach share it. A dialog that
 * cannot be shown is a 'failed' notice, as any other refusal.
 */
import type { AppContext } from './app-context.js';
import { h } from './dom.js';

export function dialogButton(
  ctx: AppContext,
  testId: string,
  text: string,
  choose: () => Promise<string | null>,
  chosen: (path: string) => void,
): HTMLButtonElement {
  const b = h('button', { type: 'button', 'data-testid': testId }, text);
  b.addEventListener('click', () => {
    choose().then(
      (path) => {
        if (path) chosen(path);
      },
      (err: unknown) => ctx.dispatch({ type: 'failed', title: 'Could not show the open dialog', error: err }),
    );
  });
  return b;
}
