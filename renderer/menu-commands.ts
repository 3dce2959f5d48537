/**
 * What the desktop app's File and Edit menus do in the page (electron/menu.ts sends the commands). The main process
 * has already shown the native open dialog; here the file is opened through EngineApi exactly as the Import
 * screen does, and exports press the Export screen's own buttons, so menu and page behave the same (exports
 * then become downloads, which Electron's main process routes through the native save dialog).
 * No DOM types here (the node test config loads it): pressing buttons is passed in.
 */
import type { MenuCommand } from '../src/api/ipc-channels.js';
import type { EngineApi, ImportSettings } from '../src/api/engine-api.js';
import { callStoppingRun, type StopAsker } from './stop-consent.js';
import type { Action, BusyTask } from './state.js';
import { openSessionFrom } from './session/session-commands.js';
import { takesText } from './undo-keys.js';
import { inputShownName } from '../src/api/output-stem.js';

/** The part of AppContext the commands use. */
export interface MenuContext extends StopAsker {
  engine: Pick<EngineApi, 'openFile' | 'openMetadata' | 'openSession' | 'attachSessionInput'>;
  dispatch(action: Action): void;
  busy<T>(task: BusyTask, failureTitle: string, call: () => Promise<T>): Promise<T | undefined>;
}

/** Presses the page's button with this data-testid; false when it is missing or disabled. */
export type PressButton = (testid: string) => boolean;

/** What the page shows of its focused element: the fields `takesText` reads (a DOM element will do). */
export type FocusedElement = Parameters<typeof takesText>[0];

/** The page's text editing: the focused field's own undo or redo (document.execCommand). */
export interface TextEditing {
  focused(): FocusedElement;
  execCommand(command: 'undo' | 'redo'): void;
}

/**
 * What Edit ▸ Undo/Redo act on: the text of a focused text input or textarea, else the annotation history.
 * The desktop menu's CmdOrCtrl+Z accelerator reaches the main process before a text field sees the key, so
 * the field's own undo has to be asked for.
 */
export function undoTarget(focused: FocusedElement): 'text' | 'history' {
  return takesText(focused) ? 'text' : 'history';
}

function exportOrExplain(ctx: MenuContext, press: PressButton, testid: string, what: string): void {
  if (press(testid)) return;
  ctx.dispatch({
    type: 'notice',
    level: 'info',
    title: `No ${what} to export yet`,
    message: 'Open a file and train a map first (Import, then Train).',
  });
}

/**
 * Carries out one menu command. Failures become notices (through ctx.busy), never rejections.
 * `metadataSettings`: what File ▸ Open metadata… sends with the file — the Import screen's, so a Decimal
 * separator chosen there for an h5ad, loom or 10x input reads the metadata file as the page's own join does
 * (default: none, detected).
 */
export async function runMenuCommand(
  ctx: MenuContext,
  command: MenuCommand,
  press: PressButton,
  text?: TextEditing,
  metadataSettings: () => ImportSettings = () => ({}),
): Promise<void> {
  switch (command.kind) {
    case 'open-sample':
      ctx.dispatch({ type: 'show-screen', screen: 'import' });
      press('open-sample');
      return;
    case 'open-path': {
      ctx.dispatch({ type: 'show-screen', screen: 'import' });
      // named as the Import summary names it: a file's last part, a Cell Ranger folder from its sample's folder
      // down (every sample's is filtered_feature_bc_matrix), not the dialog's whole path
      const name = inputShownName(command.path);
      const summary = await ctx.busy(
        { kind: 'import', message: `Reading ${name}…`, fraction: null, cancellable: true },
        `Could not open ${name}`,
        () =>
          callStoppingRun(ctx, 'Stop training and open', (stopsRun) =>
            ctx.engine.openFile({ kind: 'path', path: command.path }, {}, stopsRun),
          ),
      );
      if (summary) ctx.dispatch({ type: 'dataset-opened', summary });
      return;
    }
    case 'open-metadata-path': {
      const joined = await ctx.busy(
        { kind: 'metadata', message: `Joining ${command.path}…`, fraction: null, cancellable: true },
        `Could not join ${command.path}`,
        () =>
          callStoppingRun(ctx, 'Stop training and join', (stopsRun) =>
            ctx.engine.openMetadata({ kind: 'path', path: command.path }, metadataSettings(), stopsRun),
          ),
      );
      if (joined) ctx.dispatch({ type: 'metadata-joined', summary: joined });
      return;
    }
    case 'export-coordinates':
      exportOrExplain(ctx, press, 'export-csv', 'coordinates');
      return;
    case 'export-figure':
      exportOrExplain(ctx, press, 'export-png', 'figure');
      return;
    case 'save-session':
      if (press('session-save')) return;
      ctx.dispatch({
        type: 'notice',
        level: 'info',
        title: 'No map to save yet',
        message:
          'Train a map first (Import, then Train); then File ▸ Save Session… keeps it with its labels.',
      });
      return;
    case 'open-session-path':
      await openSessionFrom(ctx, { kind: 'path', path: command.path }, command.path);
      return;
    case 'undo':
    case 'redo':
      if (text && undoTarget(text.focused()) === 'text') text.execCommand(command.kind);
      else ctx.dispatch({ type: command.kind });
      return;
  }
}
