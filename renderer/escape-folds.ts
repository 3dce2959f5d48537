/**
 * Escape folds the page's open `<details>` panels — Import settings, the server's file lists — as it closes
 * the page's other pop-ups (a select's list, a menu): the innermost open panel holding the focus, else the
 * panel the user opened last that is still open and shown (then the one before, and so on); the focus is left
 * on the folded panel's title, where Enter opens it again. A panel the page opened itself (not by a click or a
 * key on its title) is folded only from inside it, and one on a screen not shown is left alone; over a modal
 * dialog (the page's confirm) Escape is the dialog's, its no. One listener
 * for the page, so every panel behaves alike, the ones made later too.
 */

/** Starts folding `doc`'s panels on Escape (once, at start-up). */
export function installEscapeFolds(doc: Document): void {
  // the panels the user opened, oldest first
  const opened: HTMLDetailsElement[] = [];
  // the panel whose title was just clicked (Enter and Space on a title click it too): its toggle is the user's
  let clicked: HTMLDetailsElement | null = null;

  doc.addEventListener(
    'click',
    (e) => {
      const summary = e.target instanceof Element ? e.target.closest('summary') : null;
      const panel = summary?.parentElement;
      clicked =
        panel instanceof HTMLDetailsElement && panel.querySelector(':scope > summary') === summary
          ? panel
          : null;
    },
    true,
  );
  // toggle does not bubble: listened for while it passes down to its panel
  doc.addEventListener(
    'toggle',
    (e) => {
      const panel = e.target;
      if (!(panel instanceof HTMLDetailsElement)) return;
      const at = opened.indexOf(panel);
      if (at >= 0) opened.splice(at, 1);
      if (panel.open && panel === clicked) opened.push(panel);
      if (panel === clicked) clicked = null;
    },
    true,
  );
  doc.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    // a modal dialog (the page's confirm) answers Escape itself: prevented here, it stayed open while a panel
    // behind it folded
    if (doc.querySelector('dialog:modal')) return;
    const panel = focusedPanel(doc) ?? lastOpened(opened);
    if (!panel) return;
    e.preventDefault();
    panel.open = false;
    panel.querySelector<HTMLElement>(':scope > summary')?.focus();
  });
}

/** The innermost open panel holding the focus, or null. */
function focusedPanel(doc: Document): HTMLDetailsElement | null {
  const focused = doc.activeElement;
  const panel = focused instanceof Element ? focused.closest('details[open]') : null;
  return panel instanceof HTMLDetailsElement ? panel : null;
}

/** The panel of `opened` opened last that is still open and shown (not on a hidden screen), or null. */
function lastOpened(opened: readonly HTMLDetailsElement[]): HTMLDetailsElement | null {
  for (let i = opened.length - 1; i >= 0; i--) {
    const panel = opened[i];
    if (panel.open && panel.isConnected && panel.getClientRects().length > 0) return panel;
  }
  return null;
}
