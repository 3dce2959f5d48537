import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { APP_ORIGIN, APP_START_URL, isAppUrl, isTrustedSender } from '../../electron/security.js';
import { createMainWindow, type WindowOptions } from '../../electron/window.js';
import { frame } from './fakes.js';

/** A BrowserWindow stand-in: records its options, the loaded URL and the hardening hooks. */
class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.openHandler = handler;
  }
}
class FakeWindow extends EventEmitter {
  static last: FakeWindow | null = null;
  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  shown = false;
  constructor(readonly options: WindowOptions) {
    super();
    FakeWindow.last = this;
  }
  show() {
    this.shown = true;
  }
  async loadURL(url: string) {
    this.loaded = url;
  }
}

const navigationEvent = () => {
  let prevented = false;
  return {
    event: { preventDefault: () => (prevented = true) },
    prevented: () => prevented,
  };
};

test('the window is isolated, sandboxed, without Node, with web security, and loads the app’s own page', () => {
  const win = createMainWindow(FakeWindow, { preload: '/app/dist/electron/preload.cjs' });
  const prefs = win.options.webPreferences;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.preload, '/app/dist/electron/preload.cjs');
  assert.equal(win.loaded, APP_START_URL);
  assert.ok(win.loaded?.startsWith('app://'), 'never a remote URL');
  assert.equal(win.shown, false, 'shown only when ready');
  win.emit('ready-to-show');
  assert.equal(win.shown, true);
});

test('navigation, redirects, window.open and webviews are denied', () => {
  const denied: string[] = [];
  const win = createMainWindow(FakeWindow, {
    preload: 'p',
    onDenied: (what, url) => denied.push(`${what} ${url}`),
  });
  const contents = win.webContents;
  for (const [name, url] of [
    ['will-navigate', 'https://example.com/'],
    ['will-navigate', `${APP_ORIGIN}/index.html`],
    ['will-redirect', 'https://example.com/x'],
  ] as const) {
    const nav = navigationEvent();
    contents.emit(name, nav.event, url);
    assert.equal(nav.prevented(), true, `${name} to ${url} prevented`);
  }
  const webview = navigationEvent();
  contents.emit('will-attach-webview', webview.event);
  assert.equal(webview.prevented(), true);
  assert.deepEqual(contents.openHandler?.({ url: 'https://example.com/' }), { action: 'deny' });
  assert.deepEqual(contents.openHandler?.({ url: `${APP_ORIGIN}/index.html` }), { action: 'deny' });
  assert.equal(denied.length, 6);
  assert.match(denied[0], /^navigation https:\/\/example\.com/);
});

test('only the main window’s top frame on the app origin is a trusted IPC sender', () => {
  const top = frame(APP_START_URL);
  assert.equal(isTrustedSender(top, top), true);
  assert.equal(isTrustedSender(frame(APP_START_URL), top), false, 'another window’s frame');
  const sub = frame(`${APP_ORIGIN}/index.html`, top);
  assert.equal(isTrustedSender(sub, top), false, 'a subframe');
  const remote = frame('https://evil.example/');
  assert.equal(isTrustedSender(remote, remote), false, 'the main frame after navigating away');
  assert.equal(isTrustedSender(null, top), false);
  // a fresh wrapper of the same Chromium frame is the same frame; another frame's ids are not
  const ids = { url: APP_START_URL, parent: null, processId: 4, routingId: 1 };
  assert.equal(isTrustedSender({ ...ids }, { ...ids }), true);
  assert.equal(isTrustedSender({ ...ids, routingId: 2 }, ids), false);
  assert.equal(isTrustedSender({ ...ids, processId: 5 }, ids), false);
  assert.equal(isTrustedSender({ ...ids, parent: ids }, ids), false, 'a subframe is never the top frame');
  assert.equal(isTrustedSender(top, null), false, 'no window');
  assert.equal(isAppUrl('app://tripletlens/x.js'), true);
  assert.equal(isAppUrl('app://other/x.js'), false);
  assert.equal(isAppUrl('file:///etc/passwd'), false);
  assert.equal(isAppUrl('not a url'), false);
});
