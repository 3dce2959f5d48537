/**
 * The app's class order for the h5ad result's categoricals: the legend lists a label column's classes in its
 * stored category order (an h5ad's, as scanpy lists them), then the other classes by `orderClasses` (cluster
 * codes by number, else largest first). The result's `label_edited` takes that order as its categories, so
 * `sc.pl.embedding` lists the edited classes — and pairs `uns['label_edited_colors']` with them — as the app's
 * legend did, not alphabetically.
 */
import { classesBySize } from '../../api/class-palette.js';
import type { EditedLabels } from '../../api/annotation.js';
import type { ExpressionTable } from '../../data/types.js';
import { editedValues } from '../retrain.js';
import { MAX_ORDERED_CATEGORIES } from '../session-summary.js';

/**
 * The stored categories of `table`'s column `column`, as the page is given them (up to
 * MAX_ORDERED_CATEGORIES, session-summary); undefined for a column stored otherwise or not at all.
 */
export function storedClassOrder(table: ExpressionTable, column: string): readonly string[] | undefined {
  const stored = table.metadata.find((m) => m.name === column)?.stored;
  const categories = stored?.kind === 'categorical' ? stored.categories : undefined;
  return categories && categories.length <= MAX_ORDERED_CATEGORIES ? categories : undefined;
}

/**
 * The categories of the edited labels' column in the legend's order: the classes that have cells (a class
 * whose every cell was relabelled is gone from the legend), those of the stored order of the column the edits
 * started from first (renderer/label-class-order.ts), then the new ones.
 */
export function editedCategories(table: ExpressionTable, edited: EditedLabels): string[] {
  return classesBySize(editedValues(edited), storedClassOrder(table, edited.source));
}
