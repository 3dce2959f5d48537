/**
 * The rule that a call replacing the data a run trains on (openFile, openMetadata, openSession) does not stop
 * that run unless the caller names it (`stopsRun`): pages of one `tripletlens serve` share the engine, and
 * Open in one tab silently cancelled the run another tab was watching. The refusal says what runs and what
 * the call would stop, so a page can ask its user in those words and call again naming the run.
 */
import { EngineError } from '../api/errors.js';
import type { RunStoppedBy } from '../api/engine-api.js';
import { sourceShownName } from './upload-path.js';

/** What the refusal and the stopped run's message say about the run in progress. */
export interface RunningRun {
  runId: string;
  /** The file the run trains on: its path, or an upload's name. */
  source: string;
  /** Its last train-progress epoch and epoch count, once training reached its first step. */
  epoch?: number;
  epochs?: number;
  /** Its last stage (train-stage event), before the epochs. */
  stage?: string;
}

/** The file part of a path or upload name (either slash). */
const fileName = (name: string): string => name.split(/[\\/]/).pop() || name;

/**
 * The name of what `by` opened: data as the page's File line names it (a Cell Ranger matrix from its sample's
 * folder down, `sourceShownName`), a metadata or session file by its file name.
 */
const calledName = (by: RunStoppedBy): string =>
  by.action === 'open' || by.action === 'attach' ? sourceShownName(by.name) : fileName(by.name);

/** "Opening X", "Joining the metadata file X", "Opening the session X". */
function callWords(by: RunStoppedBy): string {
  const name = calledName(by);
  if (by.action === 'join') return `Joining the metadata file ${name}`;
  if (by.action === 'session') return `Opening the session ${name}`;
  if (by.action === 'attach') return `Re-attaching ${name}`;
  return `Opening ${name}`;
}

/** Where the run is: "epoch 12 of 30", or its stage before the epochs ("preprocess"), else "starting". */
function runPlace(run: RunningRun): string {
  if (run.epoch !== undefined && run.epochs !== undefined) return `epoch ${run.epoch} of ${run.epochs}`;
  return run.stage ?? 'starting';
}

/**
 * Throws the 'busy' refusal when a run is in progress and `stopsRun` does not name it; returns otherwise
 * (no run, or the caller agreed to stop this one).
 */
export function refuseUnlessConsented(
  run: RunningRun | null,
  stopsRun: string | null | undefined,
  by: RunStoppedBy,
): void {
  if (run === null || stopsRun === run.runId) return;
  throw new EngineError({
    kind: 'busy',
    message: `Training on ${sourceShownName(run.source)} is running (${runPlace(run)}). ${callWords(by)} stops it.`,
    runId: run.runId,
  });
}

/** The run-failed message of a run stopped by such a call: "Training on A was stopped: B was opened." */
export function stoppedRunMessage(source: string, by: RunStoppedBy): string {
  const name = calledName(by);
  const what =
    by.action === 'join'
      ? `the metadata file ${name} was joined`
      : by.action === 'session'
        ? `the session ${name} was opened`
        : by.action === 'attach'
          ? `${name} was re-attached`
          : `${name} was opened`;
  return `Training on ${sourceShownName(source)} was stopped: ${what}.`;
}
