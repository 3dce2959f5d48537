/**
 * Tiny DOM builders. Text always goes in as text nodes (never innerHTML), so file contents, ids and error
 * messages cannot inject markup; no inline style attributes, so a strict style-src CSP holds for our own
 * markup.
 */

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Creates an element with attributes (false/null/undefined omitted, true → empty attribute) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(parent, child);
    else if (child === null || child === undefined || child === false) continue;
    else parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * Replaces the options of `select`, keeping the user's choice when it is still offered: a refill that follows
 * the state (a label edit, a new projection) would otherwise choose the first option over what the user
 * picked and has not applied yet.
 */
export function replaceOptions(select: HTMLSelectElement, options: readonly HTMLOptionElement[]): void {
  const chosen = select.value;
  replaceChildren(select, [...options]);
  if (options.some((o) => o.value === chosen)) select.value = chosen;
}

/** Sets text only when it changed (avoids layout work on every progress event). */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

let nextId = 0;
/** A unique element id for label/for pairs. */
export function uid(prefix: string): string {
  nextId++;
  return `${prefix}-${nextId}`;
}

/** A labelled control row: <label>, the control, and a one-line hint (linked by aria-describedby). */
export function field(labelText: string, control: HTMLElement, hint?: string): HTMLElement {
  if (!control.id) control.id = uid('f');
  const hintEl = hint ? h('small', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), control, hintEl);
}

/** A <select> with options; `selected` marks the initial value. */
export function select(
  attrs: Attrs,
  choices: readonly { value: string; label: string }[],
  selected?: string,
): HTMLSelectElement {
  const el = h('select', attrs);
  for (const c of choices) {
    const option = h('option', { value: c.value }, c.label);
    if (c.value === selected) option.selected = true;
    el.appendChild(option);
  }
  return el;
}

/**
 * Saves what `href` (a same-origin address) serves as a file download: the browser streams it to disk,
 * the page never holds it.
 */
export function downloadFrom(href: string, fileName: string): void {
  const a = h('a', { href, download: fileName, class: 'hidden' });
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Offers bytes or text to the user as a file download. */
export function download(fileName: string, content: BlobPart, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const a = h('a', { href: url, download: fileName, class: 'hidden' });
  document.body.appendChild(a);
  a.click();
  a.remove();
  // revoke later: the download may not have read the blob yet
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
