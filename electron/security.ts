/**
 * The window's security settings and the checks every entry point makes. Written against small structural
 * types instead of importing Electron, so tests assert them with fakes.
 */
import { CONTENT_SECURITY_POLICY } from '../src/server/static-files.js';

/** The scheme the app's own pages are served from (see app-protocol.ts). */
export const APP_SCHEME = 'app';
/** The host of the app's pages. */
export const APP_HOST = 'tripletlens';
/** The origin of the app's pages: app://tripletlens. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * The page's Content-Security-Policy: the same policy `tripletlens serve` sends (src/server/static-files.ts),
 * since it is the same page — own scripts/styles only, no inline code, 'unsafe-eval' only for Plotly's regl.
 */
export const APP_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY;

/** webPreferences of the one window: isolated, sandboxed, no Node in the page, web security on. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

/** The part of a WebFrameMain the sender check reads. */
export interface FrameLike {
  url: string;
  parent: unknown;
  /** Chromium's ids of the frame (set on real WebFrameMain objects). */
  processId?: number;
  routingId?: number;
}

/** The same frame: the same object, or (should Electron hand out a fresh wrapper) the same Chromium ids. */
function sameFrame(a: FrameLike, b: FrameLike): boolean {
  if (a === b) return true;
  return (
    a.processId !== undefined &&
    a.routingId !== undefined &&
    a.processId === b.processId &&
    a.routingId === b.routingId
  );
}

/**
 * True only for the top frame of the main window showing the app's own origin. Every IPC handler calls this:
 * a subframe, another window, or a page that somehow navigated elsewhere gets nothing.
 */
export function isTrustedSender(
  frame: FrameLike | null | undefined,
  mainFrame: FrameLike | null | undefined,
): boolean {
  if (!frame || !mainFrame || frame.parent !== null || !sameFrame(frame, mainFrame)) return false;
  return isAppUrl(frame.url);
}

/**
 * True when `url` belongs to the app's own origin. Compared by scheme and host: Node's URL gives a
 * non-special scheme such as app: the opaque origin 'null', even though Chromium treats it as standard.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password
    );
  } catch {
    return false;
  }
}

/** The part of WebContents that hardening touches. */
export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

const hardened = new WeakSet<WebContentsLike>();

/**
 * Denies every navigation away from the loaded page (links, drops, redirects), every window.open and every
 * <webview>. The app is one page; anything else would be remote or unexpected content.
 */
export function hardenWebContents(
  contents: WebContentsLike,
  onDenied: (what: string, url: string) => void = () => undefined,
): void {
  // main hardens every web contents as it is created and the window again by name: once is enough
  if (hardened.has(contents)) return;
  hardened.add(contents);
  const deny = (what: string) => (event: { preventDefault(): void }, url: string) => {
    event.preventDefault();
    onDenied(what, url);
  };
  contents.on('will-navigate', deny('navigation'));
  contents.on('will-redirect', deny('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onDenied('webview', '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    onDenied('window.open', url);
    return { action: 'deny' };
  });
}

/** The part of Session that permission hardening touches. */
export interface SessionLike {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler?(handler: () => boolean): void;
}

/** The app needs no permissions (camera, notifications, geolocation…): refuse them all. */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler?.(() => false);
}
