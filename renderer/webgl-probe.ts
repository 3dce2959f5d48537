/**
 * Asks the browser's WebGL which renderer it uses, once; see big-map.ts for why that matters.
 */
import { isSoftwareRenderer } from './big-map.js';

let cached: boolean | undefined;

/** Asks WebGL once which renderer it uses (false when it cannot tell). */
export function webglIsSoftware(): boolean {
  if (cached !== undefined) return cached;
  cached = false;
  try {
    const gl = document.createElement('canvas').getContext('webgl');
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      cached = isSoftwareRenderer(renderer);
      // no loseContext() here: Chromium may then block WebGL for the page, and Plotly could not draw at all;
      // the unused context is freed with its canvas
    }
  } catch {
    // no WebGL at all: Plotly will say so when it draws
  }
  return cached;
}
