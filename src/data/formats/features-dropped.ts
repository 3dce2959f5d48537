/**
 * The warning for the features of a Cell Ranger file that are not gene expression (antibody capture, CRISPR
 * guides…), left out as scanpy's read_10x_* leave them: one sentence for the MatrixMarket folder and the .h5,
 * which read the same data (a walkthrough: the folder said "1 feature(s) that are not Gene Expression were left
 * out (Antibody Capture: 1); 30 genes kept.", the .h5 '2 features that are not "Gene Expression" were left out
 * (2 Antibody Capture).').
 */
import { countText } from '../../api/count-text.js';
import type { ImportWarning } from '../../api/import-warning.js';

/** The feature type Cell Ranger gives genes; other types (antibodies, CRISPR guides, peaks) are left out. */
export const GENE_EXPRESSION = 'Gene Expression';

/** `dropped`: the count of each feature type left out; `kept`: the genes kept. */
export function featuresDroppedWarning(dropped: ReadonlyMap<string, number>, kept: number): ImportWarning {
  const total = [...dropped.values()].reduce((sum, n) => sum + n, 0);
  const byType = [...dropped].map(([type, n]) => `${type}: ${countText(n)}`).join(', ');
  const features =
    total === 1
      ? `1 feature that is not ${GENE_EXPRESSION} was`
      : `${countText(total)} features that are not ${GENE_EXPRESSION} were`;
  return {
    code: 'features-dropped',
    message: `${features} left out (${byType}); ${countText(kept)} ${kept === 1 ? 'gene' : 'genes'} kept.`,
  };
}
