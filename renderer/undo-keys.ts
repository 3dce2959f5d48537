/**
 * The page's undo/redo keys for the annotation history: Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z and Ctrl+Y redo —
 * except while the focus is in a text field, whose own undo the keys then belong to. Pure (no DOM types), so
 * the Node tests check it; the Explore screen listens for the keys.
 */

/** The fields of a KeyboardEvent the decision reads. */
export interface KeyInfo {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** 'undo', 'redo' or null for a key press; `inTextField` when focus is in a text input, textarea or editable. */
export function undoKeyAction(e: KeyInfo, inTextField: boolean): 'undo' | 'redo' | null {
  if (inTextField || e.altKey || !(e.ctrlKey || e.metaKey)) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}

/** Input types that take no text (their Ctrl+Z is not theirs). */
const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'range', 'file', 'submit', 'reset', 'color']);

/** Whether an element with this tag, input type and editability takes typed text (and so its own Ctrl+Z). */
export function takesText(
  el: { tagName?: string; type?: string; isContentEditable?: boolean } | null,
): boolean {
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA') return true;
  return tag === 'INPUT' && !NON_TEXT_INPUTS.has((el.type ?? 'text').toLowerCase());
}
