import type { DatasetSummary, RunResult } from '../src/api/engine-api.js';
import type { ExploreView } from './session/view-settings.js';

/**
 * Explore's view settings for run `next`, which replaces the map of `shown` (null: no map shown yet). A run of
 * the data the page holds (a retrain with edited labels, another run from the Train screen) keeps the user's
 * 2-D/3-D choice and colouring: resetting them made a user who had picked 2-D and a gene pick them again after
 * every retrain. The dimensions are kept only when the shown map offered the choice (3 columns: a 2-column map
 * was 2-D whatever the user wanted); the colouring falls back to the label only when it no longer exists — a
 * column the data lacks, or the new run's label column, which the label colouring shows. A run of other data
 * (or the first map) starts as the screen picks it, coloured by label.
 */
export function viewAfterRun(
  view: ExploreView,
  shown: RunResult | null,
  next: RunResult,
  dataset: DatasetSummary | null,
): ExploreView {
  const sameData = shown !== null && dataset !== null && dataset.datasetId === next.datasetId;
  if (!sameData) return { ...view, dims: null, colorBy: 'label' };
  const dims = shown.coords.cols >= 3 ? view.dims : null;
  return { ...view, dims, colorBy: colouringKept(view.colorBy, next, dataset) ? view.colorBy : 'label' };
}

/** Whether colouring `colorBy` ('label', 'gene' or 'meta:<column>') still exists for run `next`. */
function colouringKept(colorBy: string, next: RunResult, dataset: DatasetSummary): boolean {
  // the genes are the data's, which the run did not change (a gene typed that is no gene is refused as before)
  if (colorBy === 'label' || colorBy === 'gene') return true;
  if (!colorBy.startsWith('meta:')) return false;
  const column = colorBy.slice('meta:'.length);
  return column !== next.labelColumn && dataset.metadata.some((m) => m.name === column);
}
