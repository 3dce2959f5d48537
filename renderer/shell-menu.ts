/**
 * Desktop only: subscribes the page to the application menu (window.tripletlensShell, exposed by the
 * Electron preload) and carries out its commands (menu-commands.ts), and opens files and folders dropped
 * on the window by their path (desktop-drop.ts). In a browser there is no bridge and this does nothing.
 */
import type { ImportSettings } from '../src/api/engine-api.js';
import type { ShellBridge } from '../src/api/ipc-channels.js';
import type { AppContext } from './app-context.js';
import { installDesktopDrop } from './desktop-drop.js';
import { runMenuCommand } from './menu-commands.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload beside `tripletlens`: the application menu's commands. */
    tripletlensShell?: ShellBridge;
  }
}

/** Presses an enabled button by its data-testid. */
function press(testid: string): boolean {
  const button = document.querySelector<HTMLButtonElement>(`[data-testid="${testid}"]`);
  if (!button || button.disabled) return false;
  button.click();
  return true;
}

/** Edit ▸ Undo/Redo in a text field: the field's own text (menu-commands.ts decides which). */
const textEditing = {
  focused: () => document.activeElement as HTMLElement | null,
  execCommand: (command: 'undo' | 'redo') => void document.execCommand(command),
};

/** `metadataSettings`: the Import screen's settings for a metadata file (File ▸ Open metadata… sends them). */
export function installShellMenu(
  ctx: AppContext,
  shell: ShellBridge | undefined,
  metadataSettings: () => ImportSettings,
): void {
  shell?.onMenuCommand((command) => {
    // in a text field, Edit ▸ Undo/Redo keep their usual meaning (the field's own text)
    void runMenuCommand(ctx, command, press, textEditing, metadataSettings);
  });
  // a file or folder dropped on the window opens by path (desktop-drop.ts), before the drop zone sees it
  installDesktopDrop(
    (handler) => window.addEventListener('drop', (e) => handler(e), { capture: true }),
    shell,
  );
}
