/**
 * The IPC contract between the Electron main process and the preload, in one place. Channel names are derived
 * from ENGINE_API_METHODS so a method added to EngineApi gets its channel (and its preload function) without
 * touching this file. No Electron or Node imports: the preload bundle, the main bundle and the renderer's
 * shell-menu module all load it. It lives in src/api, the contract layer, because the page may import nothing else
 * outside renderer/.
 */
import {
  ENGINE_REQUEST_METHODS,
  type EngineApi,
  type EngineArgs,
  type EngineErrorInfo,
  type EngineRequestMethod,
} from './engine-api.js';

/** Prefix of every TripletLens channel (so a stray message from anything else is easy to tell apart). */
const PREFIX = 'tripletlens:';

/** The ipcMain.handle channel for one EngineApi request method. */
export function invokeChannel(method: EngineRequestMethod): `tripletlens:invoke:${EngineRequestMethod}` {
  return `${PREFIX}invoke:${method}`;
}

/** Every invoke channel, keyed by method (what main registers and the preload calls). */
export const INVOKE_CHANNELS: Readonly<Record<EngineRequestMethod, string>> = Object.fromEntries(
  ENGINE_REQUEST_METHODS.map((method) => [method, invokeChannel(method)]),
) as Record<EngineRequestMethod, string>;

/** main → renderer: one EngineEvent (the payload is the event itself). */
export const EVENT_CHANNEL = `${PREFIX}event`;

/** main → renderer: one MenuCommand chosen from the application menu. */
export const MENU_CHANNEL = `${PREFIX}menu`;

/**
 * renderer → main (ipcRenderer.send): the path of a file or folder dropped on the window. The preload reads
 * it from the dropped File (webUtils.getPathForFile, which yields a path only for real dropped or picked
 * files); main opens it as File ▸ Open… would (allow, recent files, 'open-path' command).
 */
export const DROP_CHANNEL = `${PREFIX}open-dropped`;

/**
 * renderer → main (ipcRenderer.invoke): the page asks for a file or folder to project onto the map (Explore ▸
 * Project another file), or the metadata table joined to its cells. Main shows its native open dialog, allows
 * the chosen path for the engine (the path guard) and answers with the path, or null when the user cancelled;
 * the page then calls `embedFile({ kind: 'path', path }, settings, metadata)`, so the engine reads the files
 * itself — no bytes cross IPC.
 */
export const CHOOSE_PROJECTED_CHANNEL = `${PREFIX}choose-projected`;

/**
 * What the Project dialog picks: a file (h5ad, loom, 10x .h5, CSV…), a Cell Ranger output folder, or a
 * metadata file (CSV/TSV) joined to the projected cells (`embedFile`'s `metadata`).
 */
export type ProjectedPick = 'file' | 'folder' | 'metadata';

/** True when `value` is a ProjectedPick (main refuses anything else from the page). */
export function isProjectedPick(value: unknown): value is ProjectedPick {
  return value === 'file' || value === 'folder' || value === 'metadata';
}

/**
 * renderer → main (ipcRenderer.invoke): the page asks for the input of a reopened session that moved or changed
 * (Edit labels ▸ Open the input file again), a file or a Cell Ranger folder. Main shows its native open dialog,
 * allows the chosen path for the engine (the path guard) and answers with it, or null when the user cancelled;
 * the page then calls `attachSessionInput({ kind: 'path', path })` — no bytes cross IPC, and a folder, which
 * a file input cannot give, can be re-attached.
 */
export const CHOOSE_INPUT_CHANNEL = `${PREFIX}choose-input`;

/** What the re-attach dialog picks: the session's input file, or its Cell Ranger output folder. */
export type InputPick = 'file' | 'folder';

/** True when `value` is an InputPick (main refuses anything else from the page). */
export function isInputPick(value: unknown): value is InputPick {
  return value === 'file' || value === 'folder';
}

/**
 * renderer → main (ipcRenderer.invoke): the page asks where to save a file the engine writes itself (the
 * AnnData .h5ad export, gigabytes at atlas size). Main shows its native save dialog proposing the given file
 * name, allows the chosen path for the engine (the path guard) and answers with it, or null when the user
 * cancelled; the page then calls `exportAnnData(labels, { kind: 'path', path })` — no bytes cross IPC.
 */
export const CHOOSE_SAVE_CHANNEL = `${PREFIX}choose-save`;

/** True when `value` is a file name main may propose in its save dialog: a plain name, no folders. */
export function isSaveFileName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= 255 &&
    value !== '.' &&
    value !== '..' &&
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    !/[\\/\u0000-\u001f]/.test(value)
  );
}

/**
 * What an invoke handler resolves to. Errors travel as data because Electron's ipcRenderer.invoke rejects
 * with a bare "Error invoking remote method…" that drops the EngineErrorInfo fields (kind, file, line, column).
 */
export type InvokeOutcome = { ok: true; value: unknown } | { ok: false; error: EngineErrorInfo };

/**
 * What the preload exposes as `window.tripletlens`: one function per EngineApi request method, resolving to
 * the InvokeOutcome as plain data — never rejecting, because contextBridge copies a thrown or rejected Error
 * with its message only (kind, file, line, column lost) — plus onEvent. The page turns it into EngineApi with
 * renderer/transport/ipc-engine.ts, which rebuilds the typed error (errorFromWire in src/api/errors.ts).
 */
export type EngineBridge = {
  [M in EngineRequestMethod]: (...args: EngineArgs<M>) => Promise<InvokeOutcome>;
} & Pick<EngineApi, 'onEvent'>;

/**
 * Menu actions that need the page: the main process has already done the native part (the open dialog), the
 * renderer does the rest through EngineApi so its state and progress display stay the single source of truth.
 */
export type MenuCommand =
  /** File ▸ Open… / Recent files: open this path (picked in a native dialog, so main allows it). */
  | { kind: 'open-path'; path: string }
  /** File ▸ Open sample. */
  | { kind: 'open-sample' }
  /** File ▸ Open metadata…: join this path onto the loaded dataset. */
  | { kind: 'open-metadata-path'; path: string }
  /** File ▸ Export coordinates… (the renderer asks the engine; the save dialog comes from main). */
  | { kind: 'export-coordinates' }
  /** File ▸ Export figure… (PNG of the current view). */
  | { kind: 'export-figure' }
  /** File ▸ Save Session… (the page asks the engine; the save dialog comes from main). */
  | { kind: 'save-session' }
  /** File ▸ Open Session…: reopen this `.tripletlens` file (picked in a native dialog, so main allows it). */
  | { kind: 'open-session-path'; path: string }
  /** Edit ▸ Undo / Redo: the page's label edits and selections. */
  | { kind: 'undo' }
  | { kind: 'redo' };

/** The second, tiny global the preload exposes beside `tripletlens` (which is exactly EngineApi). */
export interface ShellBridge {
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * Opens a file or folder dropped on the window by its path (main then sends 'open-path'). Returns false
   * when the dropped item has no path on disk (the page then handles the drop itself, e.g. as an upload).
   */
  openDropped(file: Blob): boolean;
  /**
   * Shows the native open dialog for a file (or a Cell Ranger folder) to project onto the map; resolves to its
   * path, which the engine may then read (main allowed it), or null when the user cancelled.
   */
  chooseProjected(pick: ProjectedPick): Promise<string | null>;
  /**
   * Shows the native open dialog for a reopened session's input (a file or a Cell Ranger folder) to re-attach;
   * resolves to its path, which the engine may then read (main allowed it), or null when the user cancelled.
   */
  chooseInput(pick: InputPick): Promise<string | null>;
  /**
   * Shows the native save dialog proposing `fileName`; resolves to the chosen path, which the engine may then
   * write (main allowed it), or null when the user cancelled.
   */
  chooseSavePath(fileName: string): Promise<string | null>;
}

/** Name of the ShellBridge global on `window`. */
export const SHELL_GLOBAL = 'tripletlensShell';

/** True when `value` is a MenuCommand (the renderer ignores anything else). */
export function isMenuCommand(value: unknown): value is MenuCommand {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as { kind?: unknown; path?: unknown };
  switch (c.kind) {
    case 'open-path':
    case 'open-metadata-path':
    case 'open-session-path':
      return typeof c.path === 'string' && c.path.length > 0;
    case 'open-sample':
    case 'export-coordinates':
    case 'export-figure':
    case 'save-session':
    case 'undo':
    case 'redo':
      return true;
    default:
      return false;
  }
}
