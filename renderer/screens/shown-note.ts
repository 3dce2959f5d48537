/**
 * The line under the Explore map saying how many of a big map's cells are drawn (big-map-draw.ts), with a
 * button to draw up to the full 3-D limit when a missing GPU lowered it: the user can always see more, at
 * seconds a frame.
 */
import { h, setText } from '../dom.js';
import { drawAll3dLabel, shownCellsNote, type ShownCells } from '../big-map-draw.js';

export interface ShownNote {
  element: HTMLElement;
  /** Says what `shown` drew (hidden when every cell is drawn). */
  show(shown: ShownCells): void;
}

/** The note; `onDrawAll3d` runs when the user asks to draw the full 3-D limit. */
export function createShownNote(onDrawAll3d: () => void): ShownNote {
  const text = h('p', { class: 'hint', 'data-testid': 'explore-shown', hidden: true });
  const button = h('button', {
    type: 'button',
    class: 'small',
    'data-testid': 'explore-draw-all-3d',
    hidden: true,
  });
  button.addEventListener('click', () => {
    button.disabled = true;
    onDrawAll3d();
  });
  return {
    element: h('div', { class: 'shown-note' }, text, button),
    show(shown) {
      const sentence = shownCellsNote(shown);
      setText(text, sentence);
      text.hidden = sentence === '';
      const label = drawAll3dLabel(shown);
      setText(button, label ?? '');
      button.hidden = label === null;
      button.disabled = false;
    },
  };
}
