/**
 * Creates the one application window: secure webPreferences (security.ts), hardened web contents, the page
 * loaded from app://tripletlens (never a remote URL). The BrowserWindow class is passed in, so tests check
 * exactly which options it was given.
 */
import { APP_START_URL, hardenWebContents, secureWebPreferences, type WebContentsLike } from './security.js';

/** The options object handed to `new BrowserWindow(...)` (a subset of BrowserWindowConstructorOptions). */
export interface WindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  icon?: string;
  backgroundColor: string;
  webPreferences: ReturnType<typeof secureWebPreferences>;
}

/** The part of BrowserWindow used here. */
export interface WindowLike {
  webContents: WebContentsLike;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
}

export interface MainWindowOptions {
  /** dist/electron/preload.cjs. */
  preload: string;
  /** build/icon.png (Linux uses it for the window; packaged builds take icons from build/). */
  icon?: string;
  /** Told about denied navigation, window.open and webview attempts. Default: nothing. */
  onDenied?(what: string, url: string): void;
}

export function createMainWindow<W extends WindowLike>(
  BrowserWindow: new (options: WindowOptions) => W,
  options: MainWindowOptions,
): W {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'TripletLens',
    ...(options.icon ? { icon: options.icon } : {}),
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preload),
  });
  hardenWebContents(win.webContents, options.onDenied);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_START_URL);
  return win;
}
