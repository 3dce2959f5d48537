/**
 * Serves the built renderer (dist/renderer: index.html, app.js, styles.css, source maps) with a strict
 * Content-Security-Policy: only this server's own scripts, styles, images and connections.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

/**
 * The policy: only this server's own scripts, styles, images and connections; no inline scripts, no eval,
 * no inline styles (Plotly's styles come from plotly.css, see scripts/renderer-assets.mjs). blob: and data:
 * images are allowed for PNG/SVG export. The e2e test fails on any violation.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  // Plotly's 2-D WebGL trace (scattergl, used for every 2-D map) draws through regl, which compiles its draw
  // calls with new Function: without 'unsafe-eval' a 2-D map shows "WebGL is not supported" (3-D scatter3d
  // needs no eval). Measured by the renderer helper; see bench/ui.ts.
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self'",
  // d3 inside Plotly's colour bar sets an empty style attribute (style=""); allow exactly that (the hash is
  // SHA-256 of the empty string), nothing else
  "style-src-attr 'unsafe-hashes' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Headers every response carries. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/** The Content-Type a served file is sent with (by extension; unknown ones as opaque bytes). */
export function contentTypeOf(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/**
 * The file under `dir` that the URL path `urlPath` names (index.html for '/'), or null when it cannot be
 * decoded, holds a NUL, or leads outside `dir` (`..`, encoded slashes). Shared by `serve` and the desktop
 * app's app:// protocol so both confine requests the same way.
 */
export function fileUnder(dir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const path = normalize(join(dir, decoded));
  return path.startsWith(dir.endsWith(sep) ? dir : dir + sep) ? path : null;
}

/** Sends `urlPath` from `dir` (index.html for '/'); returns false when there is no such file. */
export async function serveStatic(dir: string, urlPath: string, res: ServerResponse): Promise<boolean> {
  const path = fileUnder(dir, urlPath);
  if (!path) return false;
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    return false;
  }
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': contentTypeOf(path),
    'Content-Length': body.length,
  });
  res.end(body);
  return true;
}
