/**
 * The `app://tripletlens/…` protocol: serves the built page (dist/renderer) from the app's own files, with the
 * Content-Security-Policy and the other security headers on every response. Nothing else is reachable: no
 * other host, no path outside the renderer folder, no remote fallback.
 */
import { readFile } from 'node:fs/promises';
import { contentTypeOf, fileUnder, securityHeaders } from '../src/server/static-files.js';
import { APP_SCHEME, isAppUrl } from './security.js';

/**
 * The privileges the scheme is registered with (before app ready): standard (so relative URLs and the origin
 * work), secure (like https), fetch allowed (the HTML export fetches plotly.min.js from the page's origin).
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false },
};

/** The file under `rendererDir` that `url` names, or null for anything outside the app's origin or folder. */
export function resolveAppUrl(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!isAppUrl(url)) return null;
  return fileUnder(rendererDir, parsed.pathname);
}

/** Answers one request of the app protocol (what protocol.handle calls). */
export async function serveAppRequest(rendererDir: string, url: string): Promise<Response> {
  const file = resolveAppUrl(rendererDir, url);
  const headers = securityHeaders();
  if (!file) return new Response('Not found', { status: 404, headers });
  try {
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: { ...headers, 'Content-Type': contentTypeOf(file) },
    });
  } catch {
    return new Response('Not found', { status: 404, headers });
  }
}
