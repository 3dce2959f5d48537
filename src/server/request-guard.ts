/**
 * Who may talk to `tripletlens serve`. The server binds 127.0.0.1, but any web page the user visits can still
 * send requests to localhost, and a DNS-rebinding attack can make them look same-origin. So every request
 * must (1) name this server in its Host header (127.0.0.1:PORT or localhost:PORT), (2) carry the random
 * token — in the query string on the first page load (then it becomes a SameSite=Strict cookie), in that
 * cookie, or in the X-TripletLens-Token header — and (3) when it states an Origin, come from this server.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-tripletlens-token';

/** A fresh random token (like Jupyter's): 32 bytes as hex. */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/** The cookie name carries the port so two servers on one machine do not overwrite each other's token. */
export function tokenCookieName(port: number): string {
  return `tripletlens_token_${port}`;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The hosts a legitimate request may name. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export type GuardVerdict = { ok: true; via: 'query' | 'cookie' | 'header' } | { ok: false; reason: string };

/** Checks Host, Origin and token of a request. */
export function checkRequest(req: IncomingMessage, url: URL, token: string, port: number): GuardVerdict {
  const hosts = allowedHosts(port);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.includes(host)) {
    return {
      ok: false,
      reason: `Host '${req.headers.host ?? ''}' is not this server (expected ${hosts.join(' or ')})`,
    };
  }
  const origin = req.headers.origin;
  if (
    origin !== undefined &&
    origin !== 'null' &&
    !hosts.some((h) => origin.toLowerCase() === `http://${h}`)
  ) {
    return { ok: false, reason: `Requests from ${origin} are not allowed` };
  }
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null && sameToken(fromQuery, token)) return { ok: true, via: 'query' };
  const fromHeader = req.headers[TOKEN_HEADER];
  if (typeof fromHeader === 'string' && sameToken(fromHeader, token)) return { ok: true, via: 'header' };
  const fromCookie = cookieValue(req.headers.cookie, tokenCookieName(port));
  if (fromCookie !== undefined && sameToken(fromCookie, token)) return { ok: true, via: 'cookie' };
  return {
    ok: false,
    reason: 'Missing or wrong token. Open the URL that `tripletlens serve` printed (it ends in ?token=…).',
  };
}

/** The Set-Cookie header that remembers the token for this server's pages and API calls. */
export function tokenCookie(token: string, port: number): string {
  return `${tokenCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}
