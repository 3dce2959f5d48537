/** One line describing a recipe, for logs and the UI. */
import { countText } from '../api/count-text.js';
import type { PreprocessRecipe } from './types.js';

// counts grouped as every other sentence groups them (a narrow no-break space, not a breakable space)
const thousands = countText;

export function describeRecipe(recipe: PreprocessRecipe): string {
  const steps: string[] = [];
  if (recipe.normalize) steps.push(`normalise to ${thousands(recipe.normalize.targetSum)} per cell`);
  if (recipe.log1p) steps.push('log1p');
  steps.push(
    recipe.topGenes
      ? `top ${thousands(recipe.genes.length)} variable genes of ${thousands(recipe.inputGenes)}`
      : `all ${thousands(recipe.genes.length)} genes`,
  );
  if (recipe.scales) steps.push(recipe.clip === null ? 'z-score' : `z-score (clip ±${recipe.clip})`);
  if (recipe.pca) {
    const captured = recipe.pca.explainedVarianceRatio.reduce((a, b) => a + b, 0);
    steps.push(`PCA ${recipe.pca.components} (${(captured * 100).toFixed(1)}% of variance)`);
  }
  if (recipe.classEvidence) steps.push(`+ class evidence (${recipe.classEvidence.classes.length} classes)`);
  return `${steps.join(' → ')} ⇒ ${recipe.outputColumns} features`;
}
