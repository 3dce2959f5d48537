/**
 * Explore ▸ Project another file: places a second file's cells on the trained map, in any format the Open
 * panel reads (h5ad, loom, 10x .h5 or folder, MatrixMarket, CSV/TSV), the way the file is opened there —
 * under `tripletlens serve` a picked file streams to the server with a progress row and Cancel (uploader.ts),
 * and files and Cell Ranger folders already on the server are projected by path from its own file browser; in
 * the desktop app the native dialog hands the engine a path (no bytes through IPC). Which matrix of an
 * h5ad/loom is read, what is said about the result and Remove projected cells are here too; the wording and
 * choices come from project-model.ts.
 *
 * data-testids: project-file (file input, page and serve), project-choose-file / project-choose-folder
 * (desktop), project-upload-progress|text|cancel, project-browser (serve: project-browse-path|up|open-folder|
 * list|folder|open|message), project-matrix, project-info, project-clear.
 */
import type { FileSource, ImportSettings } from '../../../src/api/engine-api.js';
import type { ProjectedPick, ShellBridge } from '../../../src/api/ipc-channels.js';
import type { AppContext } from '../../app-context.js';
import { field, h, replaceChildren, setText } from '../../dom.js';
import type { AppState } from '../../state.js';
import { createFileBrowser, type BrowserWords } from '../file-browser.js';
import { ACCEPTED_FILES } from '../import/open-panel.js';
import { createUploader } from '../uploader.js';
import {
  matrixChoices,
  projectedFileName,
  projectedNotice,
  projectedText,
  projectingWords,
  projectSettings,
  trainedMatrix,
} from './project-model.js';

export interface ProjectPanel {
  /** The section's parts, in order (under the side panel's "Project another file" heading). */
  elements: HTMLElement[];
  update(state: AppState, previous: AppState): void;
}

/** The server browser of this section: its own words and data-testids beside the Import screen's. */
const PROJECT_WORDS: BrowserWords = {
  summary: 'Project from the server’s folder (no upload; for large files and 10x folders)',
  file: 'Project',
  folder: 'Project folder',
  here: 'Project this folder',
  testid: 'project-browser',
  prefix: 'project-browse',
};

/** Places the cells of `source` (`name`: its path or file name) on the map; failures become a notice. */
async function project(
  ctx: AppContext,
  source: FileSource,
  name: string,
  settings: ImportSettings,
): Promise<void> {
  const words = projectingWords(name);
  const embedded = await ctx.busy(
    // the engine's read reports progress (import-progress events); the status bar's Cancel stops it
    { kind: 'embed', message: words.busy, fraction: null, cancellable: true },
    words.failed,
    () => ctx.engine.embedFile(source, settings),
  );
  if (!embedded) return;
  ctx.dispatch({ type: 'projected', result: embedded });
  const notice = projectedNotice(embedded);
  ctx.dispatch({ type: 'notice', level: 'info', ...notice });
  // what the import noticed (renamed ids, empty cells, the matrix read…) is said as it is for an opened file
  for (const message of embedded.warnings)
    ctx.dispatch({ type: 'notice', level: 'warning', title: notice.title, message });
}

/** The desktop app's buttons: the native dialog for a file or a Cell Ranger folder, projected by path. */
function desktopChoosers(
  ctx: AppContext,
  shell: Pick<ShellBridge, 'chooseProjected'>,
  projectPath: (path: string) => void,
): HTMLElement {
  const button = (pick: ProjectedPick, text: string): HTMLButtonElement => {
    const b = h('button', { type: 'button', 'data-testid': `project-choose-${pick}` }, text);
    b.addEventListener('click', () => {
      shell.chooseProjected(pick).then(
        (path) => path && projectPath(path),
        (err: unknown) =>
          ctx.dispatch({ type: 'failed', title: 'Could not show the open dialog', error: err }),
      );
    });
    return b;
  };
  return h(
    'div',
    { class: 'field' },
    button('file', 'Choose a file…'),
    ' ',
    button('folder', 'Choose a 10x folder…'),
    h(
      'small',
      { class: 'hint' },
      'CSV/TSV, .h5ad, 10x .h5 or folder, .loom, .mtx. Cells are placed with the trained model; their class is predicted.',
    ),
  );
}

export function createProjectPanel(
  ctx: AppContext,
  shell: Pick<ShellBridge, 'chooseProjected'> | undefined,
): ProjectPanel {
  const matrix = h('select', { 'data-testid': 'project-matrix' });
  const settings = (): ImportSettings => projectSettings(matrix.value);
  const projectPath = (path: string): void =>
    void project(ctx, { kind: 'path', path }, projectedFileName(path), settings());

  const uploader = createUploader(ctx, { purpose: 'project', testids: 'project-upload' });
  const input = h('input', { type: 'file', accept: ACCEPTED_FILES, 'data-testid': 'project-file' });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    // the Matrix chosen when the file was picked, not when its upload ends
    const chosen = settings();
    void uploader
      .source(file, `Could not project ${file.name}`)
      .then((source) => source && project(ctx, source, file.name, chosen));
  });
  const picker =
    // the desktop app: the native dialog gives the engine a path; the page never holds the file's bytes
    typeof shell?.chooseProjected === 'function'
      ? desktopChoosers(ctx, shell, projectPath)
      : field(
          'Expression file',
          input,
          'CSV/TSV, .h5ad, 10x .h5, .loom or .mtx. Cells are placed with the trained model; their class is predicted.',
        );
  // under `tripletlens serve` only: files and 10x folders on the server, projected by path (nothing uploaded)
  const browser = ctx.server ? createFileBrowser(ctx.server, projectPath, PROJECT_WORDS).element : null;
  const info = h('p', { class: 'hint', 'data-testid': 'project-info', 'aria-live': 'polite' });
  const clear = h(
    'button',
    { type: 'button', 'data-testid': 'project-clear', hidden: true },
    'Remove projected cells',
  );
  clear.addEventListener('click', () => ctx.dispatch({ type: 'projected', result: null }));

  function update(state: AppState, previous: AppState): void {
    if (state.projected !== previous.projected) {
      clear.hidden = state.projected === null;
      setText(info, projectedText(state.projected));
    }
    if (
      state.result !== previous.result ||
      state.dataset !== previous.dataset ||
      state.projected !== previous.projected
    ) {
      const kept = matrix.value;
      const choices = matrixChoices(trainedMatrix(state.result), state.dataset, state.projected);
      replaceChildren(
        matrix,
        choices.map((c) => h('option', { value: c.value, selected: c.value === kept }, c.label)),
      );
    }
  }

  return {
    elements: [
      picker,
      // chosen before a file is picked or a server file projected: it applies to the next projection
      field(
        'Matrix',
        matrix,
        'For an h5ad or loom: which matrix to read. Default: the one the map was trained on, when the file has it.',
      ),
      uploader.element,
      ...(browser ? [browser] : []),
      info,
      clear,
    ],
    update,
  };
}
