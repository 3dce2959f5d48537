/**
 * Is the data the engine holds still the data this page shows? Pages of one `tripletlens serve` share one
 * engine: an Open in another tab replaces the data under this one, which would then train on a file it does
 * not show. Compared by source (and joined metadata), not by id: a worker restarted after a crash reopens
 * the same file under a new id, and that is still this page's data.
 */
import type { DatasetSummary } from '../src/api/engine-api.js';
import { inputShownName } from '../src/api/output-stem.js';

type Held = Pick<DatasetSummary, 'source' | 'metadataSource'>;

/** The file name of a path or upload name, for messages (either slash). */
const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** The data as the File line names it (a Cell Ranger folder from its sample's folder down), its metadata file by name. */
const describe = (d: Held): string =>
  d.metadataSource === null
    ? inputShownName(d.source)
    : `${inputShownName(d.source)} with metadata ${fileName(d.metadataSource)}`;

/** A sentence saying the shown data is no longer loaded and what is, or null when they are the same. */
export function heldDataMismatch(shown: Held, held: Held | null): string | null {
  if (held && held.source === shown.source && held.metadataSource === shown.metadataSource) return null;
  const what = held ? `holds ${describe(held)}, opened since (perhaps from another page)` : 'holds no data';
  return `The engine now ${what}: ${describe(shown)} is no longer loaded. Open it again to train on it.`;
}
