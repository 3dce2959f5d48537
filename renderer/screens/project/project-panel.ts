/**
 * Explore ▸ Project another file: places a second file's cells on the trained map, in any format the Open
 * panel reads (h5ad, loom, 10x .h5 or folder, MatrixMarket, CSV/TSV), the way the file is opened there —
 * under `tripletlens serve` a picked file streams to the server with a progress row and Cancel (uploader.ts),
 * and files and Cell Ranger folders already on the server are projected by path from its own file browser; in
 * the desktop app the native dialog hands the engine a path (no bytes through IPC). Which matrix of an
 * h5ad/loom is read, what is said about the result and Remove projected cells are here too; the wording and
 * choices come from project-model.ts.
 *
 * A metadata file (CSV/TSV) chosen beforehand is joined to the projected cells by id, as Import joins one to
 * the open data (under serve also one picked from the server's folder, by its path): its columns show in the
 * crosses' hover box, Colour ✕ by offers them, and Export projected cells writes them (the engine's CSV,
 * asked for when the button is clicked: the projection's reply carries none).
 *
 * data-testids: project-file (file input, page and serve), project-choose-file / project-choose-folder
 * (desktop), project-meta-file (page) / project-choose-metadata (desktop), project-meta-browser (serve:
 * project-meta-browse-path|up|list|folder|open|message), project-meta-chosen, project-meta-clear,
 * project-upload-progress|text|cancel, project-browser (serve: project-browse-path|up|open-folder|list|
 * folder|open|message), project-matrix, project-lognorm (the Log-normalise counts checkbox, shown for a map of
 * values it did not normalise), project-info, project-colour, project-export, project-clear.
 */
import type { FileSource, ProjectSettings } from '../../../src/api/engine-api.js';
import { rowWords } from '../../../src/api/file-format.js';
import type { ProjectedPick, ShellBridge } from '../../../src/api/ipc-channels.js';
import type { AppContext } from '../../app-context.js';
import { screenContext } from '../../app/screen-context.js';
import { dialogButton } from '../../dialog-button.js';
import { download, field, h, replaceChildren, replaceOptions, setText } from '../../dom.js';
import { runRowWords } from '../../metric-notes.js';
import type { AppState } from '../../state.js';
import { createFileBrowser, type BrowserWords } from '../file-browser.js';
import { ACCEPTED_FILES } from '../import/open-panel.js';
import { createUploader } from '../uploader.js';
import { metadataFor, type ChosenMetadata as PickedMetadata } from './project-uploads.js';
import {
  chosenMetadataText,
  matrixChoices,
  projectedButtonWords,
  projectedColourChoices,
  projectedFileName,
  projectedNotices,
  projectedText,
  projectHints,
  projectingWords,
  projectSettings,
  decimalApplies,
  logNormaliseHint,
  PROJECT_DECIMALS,
  PROJECT_ORIENTATIONS,
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

/**
 * The Metadata file field's server browser: files only (a metadata table), picked for the next projection by
 * their path on the server — nothing uploaded — as the desktop app's dialog picks one.
 */
const METADATA_WORDS: BrowserWords = {
  summary: 'Pick it from the server’s folder (no upload)',
  file: 'Choose',
  folder: '',
  here: '',
  testid: 'project-meta-browser',
  prefix: 'project-meta-browse',
  filesOnly: true,
};

/**
 * Places the cells of `source` (`name`: its path or file name) on the map, with `metadata` joined to them by
 * id when given; failures become a notice.
 */
async function project(
  ctx: AppContext,
  source: FileSource,
  name: string,
  settings: ProjectSettings,
  metadata: FileSource | null,
): Promise<void> {
  const words = projectingWords(name);
  const embedded = await ctx.busy(
    // the engine's read reports progress (import-progress events); the status bar's Cancel stops it
    { kind: 'embed', message: words.busy, fraction: null, cancellable: true },
    words.failed,
    () => ctx.engine.embedFile(source, settings, metadata),
  );
  if (!embedded) return;
  ctx.dispatch({ type: 'projected', result: embedded });
  for (const notice of projectedNotices(embedded)) ctx.dispatch({ type: 'notice', ...notice });
}

/** The metadata file chosen for the next projection: a picked file (uploaded when used) or a dialog's path. */
type ChosenMetadata = PickedMetadata<File>;

/** The formats each picker reads, before the hint's sentence in the rows' words (`projectHints`). */
const DESKTOP_FORMATS = 'CSV/TSV, .h5ad, 10x .h5 or folder, .loom, .mtx.';
const PAGE_FORMATS = 'CSV/TSV, .h5ad, 10x .h5, .loom or .mtx.';

/** The desktop app's buttons: the native dialog for a file or a Cell Ranger folder, projected by path. */
function desktopChoosers(
  ctx: AppContext,
  shell: Pick<ShellBridge, 'chooseProjected'>,
  projectPath: (path: string) => void,
): HTMLElement {
  const button = (pick: ProjectedPick, text: string): HTMLButtonElement =>
    dialogButton(ctx, `project-choose-${pick}`, text, () => shell.chooseProjected(pick), projectPath);
  return h(
    'div',
    { class: 'field' },
    button('file', 'Choose a file…'),
    ' ',
    button('folder', 'Choose a 10x folder…'),
    h('small', { class: 'hint' }, `${DESKTOP_FORMATS} ${projectHints().file}`),
  );
}

export function createProjectPanel(
  appCtx: AppContext,
  shell: Pick<ShellBridge, 'chooseProjected'> | undefined,
): ProjectPanel {
  // what a projection says — its failure above all — is Explore's, not left over the screen the user moves to;
  // its failure stands until the next projection starts (or one succeeds)
  const ctx = screenContext(appCtx, 'explore', 'project');
  const matrix = h('select', { 'data-testid': 'project-matrix' });
  const orientation = h(
    'select',
    { 'data-testid': 'project-orientation' },
    PROJECT_ORIENTATIONS.map((o) => h('option', { value: o.value }, o.label)),
  );
  const decimal = h(
    'select',
    { 'data-testid': 'project-decimal' },
    PROJECT_DECIMALS.map((o) => h('option', { value: o.value }, o.label)),
  );
  const logNormalise = logNormaliseField();
  const uploader = createUploader(ctx, { purpose: 'project', testids: 'project-upload' });
  const meta = metadataPicker(ctx, shell);
  /** The settings for projecting the file `name`, with the metadata file chosen now. */
  const settings = (name: string): ProjectSettings =>
    projectSettings(
      matrix.value,
      orientation.value,
      decimal.value,
      decimalApplies(name, meta.chosen() !== null),
      logNormalise.chosen(),
    );
  /** Projects `source` with the chosen metadata file, uploaded first when it was picked in the page. */
  const projectWithMetadata = async (source: FileSource, name: string, chosen: ProjectSettings) => {
    // a failed metadata upload: no projection, and the projected file's upload is deleted at once
    const server = ctx.server;
    const metadata = await metadataFor(meta.chosen(), source, {
      upload: (file: File) => uploader.source(file, projectingWords(name).failed),
      ...(server ? { discard: (id: string) => server.discard(id) } : {}),
    });
    if (metadata !== undefined) await project(ctx, source, name, chosen, metadata);
  };
  const projectPath = (path: string): void => {
    ctx.dispatch({ type: 'projection-started' });
    const name = projectedFileName(path);
    void projectWithMetadata({ kind: 'path', path }, name, settings(name));
  };

  const input = h('input', { type: 'file', accept: ACCEPTED_FILES, 'data-testid': 'project-file' });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    // the Matrix and Orientation chosen when the file was picked, not when its upload ends
    const chosen = settings(file.name);
    ctx.dispatch({ type: 'projection-started' });
    void uploader
      .source(file, `Could not project ${file.name}`)
      .then((source) => source && projectWithMetadata(source, file.name, chosen));
  });
  const picker =
    // the desktop app: the native dialog gives the engine a path; the page never holds the file's bytes
    typeof shell?.chooseProjected === 'function'
      ? desktopChoosers(ctx, shell, projectPath)
      : field('Expression file', input, `${PAGE_FORMATS} ${projectHints().file}`);
  const formats = typeof shell?.chooseProjected === 'function' ? DESKTOP_FORMATS : PAGE_FORMATS;
  // the hints say the trained table's words for its rows once a run is there (a CSV's are rows, maybe samples)
  const fileHint = picker.querySelector<HTMLElement>('.hint');
  // under `tripletlens serve` only: files and 10x folders on the server, projected by path (nothing uploaded)
  const browser = ctx.server ? createFileBrowser(ctx.server, projectPath, PROJECT_WORDS).element : null;
  const info = h('p', { class: 'hint', 'data-testid': 'project-info', 'aria-live': 'polite' });
  const clear = h(
    'button',
    { type: 'button', 'data-testid': 'project-clear', hidden: true },
    projectedButtonWords(null).remove,
  );
  clear.addEventListener('click', () => {
    const removed = ctx.getState().projected?.projectionId;
    ctx.dispatch({ type: 'projected', result: null });
    // under serve, the upload kept for a crash replay goes with the cells (a failure is left to close to tidy)
    if (removed !== undefined) void ctx.server?.releaseProjection(removed).catch(() => undefined);
  });
  const shown = projectedOutputs(ctx);

  function update(state: AppState, previous: AppState): void {
    if (state.projected !== previous.projected) {
      clear.hidden = state.projected === null;
      // a CSV/TSV's rows are rows (maybe samples), as the line above the button counts them
      setText(clear, projectedButtonWords(state.projected).remove);
      setText(info, projectedText(state.projected));
    }
    shown.update(state, previous);
    if (state.result !== previous.result || state.dataset !== previous.dataset) {
      const hints = projectHints(
        state.result ? runRowWords(state.result) : rowWords(state.dataset?.format?.kind),
      );
      if (fileHint) setText(fileHint, `${formats} ${hints.file}`);
      setText(meta.hint, hints.metadata);
      logNormalise.offer(logNormaliseHint(state.result));
    }
    if (
      state.result !== previous.result ||
      state.dataset !== previous.dataset ||
      state.projected !== previous.projected
    ) {
      const choices = matrixChoices(trainedMatrix(state.result), state.dataset, state.projected);
      replaceOptions(
        matrix,
        choices.map((c) => h('option', { value: c.value }, c.label)),
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
      field(
        'Orientation',
        orientation,
        'For a CSV/TSV: genes are rows turns a genes × samples table round, as Import settings ▸ Orientation does. Default: cells or samples are rows.',
      ),
      field(
        'Decimal separator',
        decimal,
        'For a CSV/TSV and the metadata file: 1,25 as Swedish or German spreadsheets save numbers, as Import settings ▸ Decimal separator reads them (an h5ad, loom or 10x file’s own numbers are no text). Default: auto — comma only for a semicolon-separated file whose numbers all use decimal commas.',
      ),
      logNormalise.element,
      meta.element,
      uploader.element,
      ...(browser ? [browser] : []),
      info,
      shown.colour,
      shown.exportButton,
      clear,
    ],
    update,
  };
}

/**
 * The Log-normalise counts checkbox: for a file of raw counts onto a map of log-normalised values, whose scale
 * warning names it. Shown only for such a map (`offer` with its hint, or null to hide and untick it); its
 * choice goes with the next projection, as the Matrix field's does.
 */
function logNormaliseField(): {
  element: HTMLElement;
  offer(hint: string | null): void;
  chosen(): boolean;
} {
  const box = h('input', { type: 'checkbox', 'data-testid': 'project-lognorm' });
  const element = field('Log-normalise counts', box, ' ');
  const hint = element.querySelector<HTMLElement>('.hint') ?? h('small');
  element.hidden = true;
  return {
    element,
    offer(text) {
      element.hidden = text === null;
      if (text === null) box.checked = false;
      setText(hint, text ?? '');
    },
    chosen: () => !element.hidden && box.checked,
  };
}

/**
 * The Metadata file field: a CSV/TSV of cell ids and their annotations, joined by id to the next file
 * projected (as Import's metadata file is to the open data). In the page a file input (the file is uploaded
 * when a file is projected); in the desktop app the native dialog's path; under `tripletlens serve` also the
 * server's folder browser, whose pick is joined by its path on the server (the same join and messages as an
 * upload's). Remove forgets the choice.
 */
function metadataPicker(
  ctx: AppContext,
  shell: Pick<ShellBridge, 'chooseProjected'> | undefined,
): { element: HTMLElement; hint: HTMLElement; chosen(): ChosenMetadata } {
  let chosen: ChosenMetadata = null;
  const line = h('span', { class: 'hint', 'data-testid': 'project-meta-chosen', 'aria-live': 'polite' });
  const remove = h(
    'button',
    { type: 'button', class: 'small', hidden: true, 'data-testid': 'project-meta-clear' },
    'Remove',
  );
  const choose = (next: ChosenMetadata): void => {
    chosen = next;
    setText(line, chosenMetadataText(next?.name ?? null));
    remove.hidden = next === null;
  };
  remove.addEventListener('click', () => choose(null));
  const hint = projectHints().metadata;
  let control: HTMLElement;
  if (typeof shell?.chooseProjected === 'function') {
    control = h(
      'button',
      { type: 'button', 'data-testid': 'project-choose-metadata' },
      'Choose a metadata file…',
    );
    control.addEventListener('click', () => {
      shell.chooseProjected('metadata').then(
        (path) => path && choose({ name: projectedFileName(path), path }),
        (err: unknown) =>
          ctx.dispatch({ type: 'failed', title: 'Could not show the open dialog', error: err }),
      );
    });
  } else {
    const input = h('input', {
      type: 'file',
      accept: '.csv,.tsv,.txt,.tab,.gz',
      'data-testid': 'project-meta-file',
    });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      if (file) choose({ name: file.name, file });
    });
    control = input;
  }
  // under `tripletlens serve`: a table already on the server, joined by its path (as the desktop dialog's)
  const browser = ctx.server
    ? createFileBrowser(ctx.server, (path) => choose({ name: projectedFileName(path), path }), METADATA_WORDS)
        .element
    : null;
  const labelled = field('Metadata file', control, hint);
  const element = h('div', {}, labelled, browser, h('p', {}, line, ' ', remove));
  // the field's hint, which the panel words as the trained table's rows (`projectHints`)
  const hintEl = labelled.querySelector<HTMLElement>('.hint') ?? h('small');
  return { element, hint: hintEl, chosen: () => chosen };
}

/**
 * What is offered for the projected cells: Colour ✕ by (the predicted class or a joined metadata column) and
 * Export projected cells (the engine's CSV, with the joined columns, asked for when clicked).
 */
function projectedOutputs(ctx: AppContext): {
  colour: HTMLElement;
  exportButton: HTMLElement;
  update(state: AppState, previous: AppState): void;
} {
  const select = h('select', { 'data-testid': 'project-colour' });
  select.addEventListener('change', () => ctx.dispatch({ type: 'projected-colour', column: select.value }));
  const colour = field(
    'Colour ✕ by',
    select,
    'The predicted class, or a column of the joined metadata file.',
  );
  colour.hidden = true;
  const exportButton = h(
    'button',
    { type: 'button', hidden: true, 'data-testid': 'project-export' },
    projectedButtonWords(null).exportButton,
  );
  exportButton.addEventListener('click', () => {
    const projected = ctx.getState().projected;
    if (!projected) return;
    // the engine's CSV (embed's one writer: ids, coordinates, predictions, the joined columns), made now —
    // the projection's reply carries none
    void ctx
      .busy(
        {
          kind: 'export',
          message: projectedButtonWords(projected).exporting,
          fraction: null,
          cancellable: false,
        },
        'Export failed',
        () => ctx.engine.exportProjected(projected.projectionId),
      )
      .then((t) => t && download(t.fileName, t.text, t.mimeType));
  });
  function update(state: AppState, previous: AppState): void {
    if (state.projected !== previous.projected) {
      exportButton.hidden = state.projected === null;
      setText(exportButton, projectedButtonWords(state.projected).exportButton);
      const choices = projectedColourChoices(state.projected);
      colour.hidden = choices.length < 2;
      replaceChildren(
        select,
        choices.map((c) =>
          h('option', { value: c.value, selected: c.value === state.projectedColour }, c.label),
        ),
      );
    }
  }
  return { colour, exportButton, update };
}
