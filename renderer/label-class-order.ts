/**
 * The stored order of the run's label classes, which the legend, Select class, the selection's counts and
 * Edit labels' class list follow (`orderClasses`: these first, then the rest largest first). Pure.
 */
import type { AppState } from './state.js';

/**
 * The file's stored categories of `column` (an h5ad's, as scanpy lists them); for a map retrained on edited
 * labels — `label_edited`, a column no file stores — those of the column the edits started from, so a retrain
 * keeps the legend's order (it had jumped to largest first: Dendritic above CD14+ Monocyte), a new class after
 * them. Undefined without either.
 */
export function labelClassOrder(
  state: Pick<AppState, 'dataset' | 'annotation'>,
  column: string | undefined,
): readonly string[] | undefined {
  if (column === undefined) return undefined;
  const stored = state.dataset?.categoryOrder;
  const own = stored?.[column];
  if (own !== undefined) return own;
  const edited = state.annotation.present.editedLabels;
  return edited && edited.column === column && edited.source !== column ? stored?.[edited.source] : undefined;
}
