/** Reads the Explore controls into ViewSettings and puts saved ones back (see view-settings.ts). */
import { VIEW_CONTROLS, type ViewSettings } from './view-settings.js';

type Control = HTMLInputElement | HTMLSelectElement;

const control = (root: ParentNode, testid: string): Control | null =>
  root.querySelector<Control>(`[data-testid="${testid}"]`);

/** The current values of the Explore controls. */
export function readViewSettings(root: ParentNode, screen: string): ViewSettings {
  const controls: ViewSettings['controls'] = {};
  for (const key of VIEW_CONTROLS) {
    const el = control(root, key);
    if (el) controls[key] = el.value;
  }
  return { version: 1, screen, controls };
}

/** Puts saved values back into the controls, firing the events the Explore screen listens to. */
export function applyViewSettings(root: ParentNode, settings: ViewSettings): void {
  for (const key of VIEW_CONTROLS) {
    const el = control(root, key);
    const value = settings.controls[key];
    if (!el || value === undefined || el.value === value) continue;
    if (el instanceof HTMLSelectElement && ![...el.options].some((o) => o.value === value && !o.disabled)) {
      continue; // a choice this map does not offer (3-D on a 2-D map, a column the file lacks)
    }
    el.value = value;
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  }
  if (settings.controls['explore-color-by'] === 'gene' && settings.controls['explore-gene']) {
    root.querySelector<HTMLButtonElement>('[data-testid="explore-gene-apply"]')?.click();
  }
}
