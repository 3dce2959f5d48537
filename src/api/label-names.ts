/**
 * What a metadata column's name and size say about it as the label column — shared by the engine's label
 * suggestion (src/data/label-column.ts) and the Import screen's label picker (renderer/label-choices.ts), so
 * the picker's first choice and the suggestion follow one rule.
 */

/**
 * How strongly a column name says "cell-type labels": 3 for the names of labels themselves (label, cell_type,
 * celltype, class, annotation…), 2 for names holding one of those words (author_cell_type, cell_ontology_class),
 * 1 for clusterings (leiden, louvain, cluster, k_means, res.0.8…), -1 for what is not a cell type (batch, donor,
 * sample, phase, sex, age…), 0 otherwise.
 */
export function labelNameScore(name: string): number {
  if (
    /^(labels?|cell_?types?|celltypes?|bulk_labels|cell_?ontology_?class|class|classes|y|target|annotation|tissue)$/i.test(
      name,
    )
  )
    return 3;
  if (/label|type|class|annot|tissue|lineage|identity/i.test(name)) return 2;
  if (/cluster|louvain|leiden|k_?means|ident|group|res\./i.test(name)) return 1;
  if (/phase|batch|donor|sample|plate|lane|sex|gender|age|replicate/i.test(name)) return -1;
  return 0;
}

/** The most classes a label column of a table with `rows` cells may have: min(100, half the cells), at least 2. */
export function maxLabelClasses(rows: number): number {
  return Math.max(2, Math.min(100, Math.floor(rows / 2)));
}
