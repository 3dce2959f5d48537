/**
 * The hooks of a browser end-to-end test file: one serve, Chromium and page for the tests of the enclosing
 * `describe`, opened in its `before` and closed in its `after` — the ten lines every such file repeated.
 */
import { after, before } from 'node:test';
import type { Page } from 'playwright-core';
import { openBrowserSession, type BrowserSession } from './browser-session.js';

export interface SessionHooks<S extends BrowserSession> {
  /** How the session opens (`name` tags its folders). Default: `openBrowserSession`. */
  open?: (name: string, env: Record<string, string>) => Promise<S>;
  /** Added to serve's environment. Default: nothing. */
  env?: Record<string, string>;
  /** Runs once the session is open, before the page goes to serve: files in `work`, init scripts. Default: nothing. */
  prepare?: (session: S) => unknown;
  /** Whether the page goes to serve's address once prepared. Default: true. */
  goto?: boolean;
  /** Runs after that, before the tests: the steps every test starts from (a trained map…). Default: nothing. */
  ready?: (session: S) => unknown;
  /**
   * Runs in `after`, before the session closes: checks of how serve ended (`stop()` gives its exit code, and
   * the folders are still there). The session closes also when it throws. Default: nothing.
   */
  beforeClose?: (session: S) => unknown;
}

/** The open session, for the tests (and the hooks after `before`) of the describe that made it. */
export interface HookedSession<S extends BrowserSession> {
  /** The session; reading it before the describe's `before` ran throws. */
  readonly session: S;
  /** The session's page. */
  readonly page: Page;
}

/**
 * Registers, in the enclosing describe, a `before` that opens a browser session named `name` (then `prepare`,
 * the page to serve's address unless `goto` is false, then `ready`) and an `after` that runs `beforeClose`
 * and closes it — also when a step of `before` failed, once the session is open.
 */
// the overload with `open` first: tried second, a `prepare` or `ready` keeps the parameter type of the first try
export function browserSessionHooks<S extends BrowserSession>(
  name: string,
  hooks: SessionHooks<S> & Required<Pick<SessionHooks<S>, 'open'>>,
): HookedSession<S>;
export function browserSessionHooks(
  name: string,
  hooks?: Omit<SessionHooks<BrowserSession>, 'open'>,
): HookedSession<BrowserSession>;
export function browserSessionHooks<S extends BrowserSession>(
  name: string,
  hooks: SessionHooks<S> = {},
): HookedSession<S> {
  let opened: S | undefined;
  before(async () => {
    // without `open`, S is BrowserSession (the first overload)
    opened = hooks.open
      ? await hooks.open(name, hooks.env ?? {})
      : ((await openBrowserSession(name, hooks.env ?? {})) as S);
    await hooks.prepare?.(opened);
    if (hooks.goto ?? true) await opened.page.goto(opened.serve.url);
    await hooks.ready?.(opened);
  });
  after(async () => {
    if (!opened) return;
    try {
      await hooks.beforeClose?.(opened);
    } finally {
      await opened.close();
    }
  });
  const session = (): S => {
    if (!opened)
      throw new Error(`The browser session '${name}' is not open: its describe's before has not run`);
    return opened;
  };
  return {
    get session() {
      return session();
    },
    get page() {
      return session().page;
    },
  };
}
