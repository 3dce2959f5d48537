/**
 * The screen tabs (role=tab, arrow keys move between them) and the panels' tab roles; `show` marks the
 * active tab and hides the other panels.
 */
import { h } from '../dom.js';
import type { ScreenName } from '../state.js';
import { SCREEN_ORDER, SCREEN_TITLES, tabAfterKey } from './app-model.js';

export interface TabBar {
  element: HTMLElement;
  show(active: ScreenName): void;
}

export function createTabBar(
  panels: Readonly<Record<ScreenName, HTMLElement>>,
  select: (screen: ScreenName) => void,
): TabBar {
  const tabs = SCREEN_ORDER.map((name) => {
    const tab = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${name}`,
        'aria-controls': `panel-${name}`,
        'data-testid': `tab-${name}`,
      },
      SCREEN_TITLES[name],
    );
    tab.addEventListener('click', () => select(name));
    tab.addEventListener('keydown', (e) => {
      const next = tabAfterKey(name, e.key);
      if (!next) return;
      select(next);
      document.getElementById(`tab-${next}`)?.focus();
    });
    return tab;
  });
  for (const name of SCREEN_ORDER) {
    const el = panels[name];
    el.id = `panel-${name}`;
    el.setAttribute('role', 'tabpanel');
    el.setAttribute('aria-labelledby', `tab-${name}`);
  }
  return {
    element: h('nav', { role: 'tablist', 'aria-label': 'Screens' }, tabs),
    show(active) {
      SCREEN_ORDER.forEach((name, i) => {
        const selected = active === name;
        tabs[i].setAttribute('aria-selected', String(selected));
        tabs[i].tabIndex = selected ? 0 : -1;
        panels[name].hidden = !selected;
      });
    },
  };
}
