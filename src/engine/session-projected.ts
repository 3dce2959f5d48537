/**
 * The cells of Project another file in a `.tripletlens` session: the page's `SaveSessionRequest.projected`
 * checked before it is written, and on reopening the one note a changed projected file gets. The crosses are
 * drawn from what the session holds — the projected file is never read again, and a changed one is not
 * projected again behind the user's back: the note says so, and what to do.
 */
import type { SessionInput } from '../api/annotate.js';
import { countText } from '../api/count-text.js';
import type { EmbedResult, FileFormatSummary } from '../api/engine-api.js';
import { rowWords, rowsText } from '../api/file-format.js';
import type { ProjectedCsv } from './projection-result.js';
import type { StoredProjection } from './session-file.js';
import { inputAccessProblem } from './input-access.js';
import { foundInput, inputChange } from './session-restore.js';

const isStrings = (v: unknown, n: number): v is string[] =>
  Array.isArray(v) && v.length === n && v.every((s) => typeof s === 'string');

/** Whether `v` is a SessionInput as far as a session needs one (its name, path, kind and fingerprint). */
function isFileRecord(v: unknown): v is SessionInput {
  const f = v as Partial<SessionInput> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.name === 'string' &&
    typeof f.path === 'string' &&
    (f.kind === 'path' || f.kind === 'upload' || f.kind === 'sample') &&
    (f.sha256 === null || typeof f.sha256 === 'string') &&
    typeof f.size === 'number'
  );
}

/**
 * The projected file's kind as a save request names it (`format.kind`), for its words for its rows; undefined
 * when the request has none (then cells, `rowWords`' default).
 */
export function requestedKind(p: unknown): FileFormatSummary['kind'] | undefined {
  const kind = (p as { format?: { kind?: unknown } } | null)?.format?.kind;
  return typeof kind === 'string' ? (kind as FileFormatSummary['kind']) : undefined;
}

/**
 * What is wrong with the projected cells a page asks to save on a map of `cols` dimensions, in a phrase after
 * "the projected cells" (rows for a CSV/TSV, `requestedKind`), or null when they can be saved.
 */
export function projectedRequestProblem(p: unknown, cols: number): string | null {
  const r = p as Partial<EmbedResult> | null;
  // a projected CSV/TSV's rows are rows (maybe a bulk panel's samples), as the page counts them
  const kind = requestedKind(p);
  if (typeof r !== 'object' || r === null || !Array.isArray(r.ids))
    return `have no ${rowWords(kind).one} ids`;
  const n = r.ids.length;
  if (!isStrings(r.ids, n)) return 'have ids that are not text';
  const c = r.coords;
  if (
    !c ||
    !(c.data instanceof Float32Array) ||
    c.rows !== n ||
    c.cols !== cols ||
    c.data.length !== n * cols
  ) {
    return `do not have ${cols}-D coordinates for each of their ${rowsText(n, kind, countText)}`;
  }
  if (!c.data.every(Number.isFinite)) return 'have coordinates that are not finite';
  if (!isStrings(r.predicted, n)) return 'have no predicted label each';
  if (!(r.confidence instanceof Float32Array) || r.confidence.length !== n) return 'have no confidence each';
  if (r.labels !== null && !isStrings(r.labels, n)) return 'have labels that do not match them';
  if (!Array.isArray(r.joinedMetadata)) return 'have no joined metadata list';
  const bad = r.joinedMetadata.find((m) => typeof m?.name !== 'string' || !isStrings(m.values, n));
  if (bad)
    return `have a joined metadata column (${String(bad?.name).slice(0, 40)}) that does not match them`;
  if (typeof r.source !== 'string' || !isFileRecord(r.file) || typeof r.format?.kind !== 'string') {
    return 'do not name their file';
  }
  const notes = [r.missingGenes, r.warnings, r.notes];
  if (notes.some((list) => !Array.isArray(list) || !list.every((s) => typeof s === 'string'))) {
    return 'have damaged notes';
  }
  if (typeof r.projectionId !== 'string') return 'have no projection id';
  if (r.metadataSource !== null && typeof r.metadataSource !== 'string')
    return 'have a damaged metadata file name';
  return null;
}

/**
 * The note a reopened session's projected cells get: one sentence when their file is found where it was (a
 * path; under serve only inside `inputRoot`) but changed since the session was saved — another SHA-256, a Cell
 * Ranger folder with other cells, genes or values —, else ''. A file not found (or unreadable there, `inputAccessProblem`), or an upload, needs no note:
 * the crosses never needed it. The crosses are counted in the projected file's own words for its rows
 * (`rowWords` of `format.kind`: a CSV/TSV's are rows, maybe a bulk panel's samples; cells when unknown).
 */
export async function projectedFileNote(
  projected: Pick<EmbedResult, 'file' | 'ids'> & { format?: Pick<FileFormatSummary, 'kind'> },
  samplePath: string,
  inputRoot?: string,
): Promise<string> {
  const file = projected.file;
  if (file.sha256 === null && file.folder === undefined) return '';
  const where = await foundInput(file, samplePath, inputRoot);
  // found but unreadable there, or a folder in a file's place: as good as not found — never compared, so never
  // said to have changed (a SHA-256 it cannot compute matches none)
  if (where === null || (await inputAccessProblem(file, where)) !== null) return '';
  const change = await inputChange(file, where).catch(() => null);
  if (change === null) return '';
  const kind = projected.format?.kind;
  const n = projected.ids.length;
  return (
    `The projected ${change.what} ${file.path} has changed since the session was saved (${change.differs}): ` +
    `its ${n === 1 ? `${rowWords(kind).one} is shown as ✕ as it was` : `${rowsText(n, kind, countText)} are shown as ✕ as they were`} projected then — ` +
    `project it again (Project another file) to place it as it is now.`
  );
}

/**
 * The projected cells `p` as a session keeps them, with `csv`, what the engine makes their export from (the
 * names of its id and label columns, or a reopened older session's CSV as saved); no projection id.
 */
export function storedProjection(p: EmbedResult, csv: ProjectedCsv): StoredProjection {
  const { projectionId: _id, ...kept } = p;
  return { ...kept, csv };
}
