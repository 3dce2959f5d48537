/**
 * What the app's Project another file gets back (`EmbedResult`) from a projected file as read and embedded: the
 * import's findings as warnings, less its information (a metadata file that matched every cell, which the
 * Import screen shows as a Note), the columns a joined metadata file gave the cells, and the cells as `embed`'s
 * CSV — the one writer of both, so the joined columns are kept in the app's export as on the command line.
 */
import type { EmbedResult, FileFormatSummary } from '../api/engine-api.js';
import type { ExpressionTable } from '../data/types.js';
import { embeddingCsv } from './coordinates-csv.js';
import type { EmbedOutput } from './embed-with-model.js';

/** A projected file as read, embedded and checked, for `projectionResult`. */
export interface ProjectionParts {
  /** The file as the user named it (an upload's own name, a path as given). */
  source: string;
  table: ExpressionTable;
  format: FileFormatSummary;
  output: EmbedOutput;
  /** The run's label column (the file's own labels, when it has it). */
  labelColumn: string;
  /** Sentences on which matrix was read (readProjectedFile). */
  readNotes: string[];
  /** The warning of values on another scale than the training's, or null. */
  scaleWarning: string | null;
  /** The metadata file joined to the cells, as the user named it, or null. */
  metadataSource: string | null;
}

/** The EmbedResult of a projected file. */
export function projectionResult(p: ProjectionParts): EmbedResult {
  const { table, output } = p;
  const labelColumn = table.metadata.find((m) => m.name === p.labelColumn);
  return {
    source: p.source,
    format: p.format,
    ids: table.ids,
    coords: output.coords,
    predicted: output.predicted,
    confidence: output.confidence,
    missingGenes: output.missingGenes,
    // genes found other than by their exact name (version suffix, gene ids), and ambiguities: never silent
    warnings: [
      ...p.readNotes,
      ...table.warnings.filter((w) => !w.info).map((w) => w.message),
      ...(p.scaleWarning ? [p.scaleWarning.charAt(0).toUpperCase() + p.scaleWarning.slice(1)] : []),
      ...output.notices,
    ],
    notes: table.warnings.filter((w) => w.info).map((w) => w.message),
    labels: labelColumn ? labelColumn.values : null,
    metadataSource: p.metadataSource,
    joinedMetadata: table.metadata.filter((m) => m.joined).map((m) => ({ name: m.name, values: m.values })),
    csv: embeddingCsv(table, output, p.labelColumn),
  };
}
