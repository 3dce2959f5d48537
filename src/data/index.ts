/** Data import: everything other parts of TripletLens use to read expression files. */
export * from './types.js';
export {
  DataImportError,
  MissingEmbeddingError,
  NoEmbeddingsError,
  isOptionErrorKind,
  type DataImportErrorKind,
} from './errors.js';
export type {
  DataSource,
  DecimalSeparator,
  Delimiter,
  ImportOptions,
  MissingPolicy,
  ReadLimit,
} from './options.js';
export { MISSING_POLICIES } from './options.js';
export { importTable } from './import-table.js';
export { inPageWords } from './setting-words.js';
export {
  inspectTable,
  inspectMatrix,
  inspectFile,
  recommendPreprocessing,
  RECOMMENDED_PCA,
  INSPECT_READ_LIMIT,
  type TableFacts,
  type MatrixFacts,
} from './inspect.js';
export { previewFile, type FilePreview, type PreviewOptions } from './preview.js';
export {
  findLabelColumn,
  labelColumnSummary,
  suggestLabelColumn,
  codedLabelGenes,
  isContinuousColumn,
  isContinuousCounts,
  labelClassCount,
  countColumnValues,
  columnLabelFacts,
  metadataLabelFacts,
  countMetadataColumn,
  suggestLabelFromClasses,
  isUnlabeled,
  type LabelColumnSummary,
  type ColumnCount,
} from './label-column.js';
export { columnNumbers, valueText, columnLength } from './numeric-column.js';
export { indexLabelColumn, indexLabels, labelStrings, type LabelIndex } from './label-index.js';
export {
  looksLikeCounts,
  describeValues,
  describeEmbeddingValues,
  describeCoordinateValues,
  nonZeroFraction,
} from './counts.js';
export { orientationHint, isGeneLike } from './orientation.js';
export { joinMetadataFile } from './metadata-join.js';
export { isMissingToken, MISSING_TOKENS } from './numbers.js';
export { selectRows } from './select-rows.js';
export { isCsr, storedValues, csrToDense, asDense, denseToCsr } from './sparse.js';
export {
  availableMemory,
  formatBytes,
  memoryLimitFor,
  parseMemorySize,
  MemoryGuard,
  type MemoryLimit,
} from './memory-guard.js';
export { shownValue } from './errors.js';
export { folderPrintOf, folderPrintDifferences, mayBeCellRanger } from './formats/folder-print.js';
export { readFailureReason } from './source-text.js';
export { TENX_MATRIX_NAME } from './formats/mtx-files.js';
