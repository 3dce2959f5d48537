/**
 * The text of plotly.min.js for the standalone HTML export. The build copies it beside the page
 * (dist/renderer/plotly.min.js), so it is fetched from the page's own origin — `tripletlens serve` and the
 * Electron shell both serve the renderer folder. XMLHttpRequest is the fallback for pages loaded from
 * file://, where fetch() is refused but XHR of a sibling file still works in Electron.
 */
let cached: Promise<string> | null = null;

function viaXhr(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    xhr.onload = () =>
      xhr.status === 200 || (xhr.status === 0 && xhr.responseText)
        ? resolve(xhr.responseText)
        : reject(new Error(`HTTP ${xhr.status}`));
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send();
  });
}

/** Loads (once) and returns Plotly's source. */
export function plotlySource(): Promise<string> {
  if (!cached) {
    const url = new URL('plotly.min.js', document.baseURI).href;
    cached = fetch(url)
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.text();
      })
      .catch(() => viaXhr(url))
      .then((text) => {
        if (!text.includes('plotly')) throw new Error('the file does not look like plotly.js');
        return text;
      })
      .catch((err: unknown) => {
        cached = null;
        throw new Error(
          `Plotly's source (plotly.min.js) could not be loaded for the HTML export: ${err instanceof Error ? err.message : String(err)}`,
        );
      });
  }
  return cached;
}
