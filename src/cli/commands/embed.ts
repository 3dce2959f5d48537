/**
 * `tripletlens embed FILE --model DIR [--out coords.csv]`: projects a new file through a saved model and
 * writes its coordinates with a predicted label and confidence per cell.
 */
import { basename, resolve } from 'node:path';
import { FORMAT_NAMES, matrixText, rowWords, rowsText, type FileFormatKind } from '../../api/file-format.js';
import { agreementSentence, labelAgreement } from '../../engine/label-agreement.js';
import { countText } from '../../api/count-text.js';
import { inputStem } from '../../api/output-stem.js';
import { scaleMismatch } from '../../engine/scale-mismatch.js';
import { formatWithRawCounts } from '../../engine/raw-counts-format.js';
import { logNormalisingRecipe, refuseNormalisingModel } from '../../engine/query-log-normalise.js';
import { sha256OfFile } from '../../engine/run-report.js';
import { writeFile } from 'node:fs/promises';
import { flag, inputPath, parseCommandArgs, pathOption, type OptionSpec } from '../args.js';
import { commitOutputs, importInputs, prepareOutputs } from '../command-outputs.js';
import { lockCommandOutputs } from '../command-locks.js';
import {
  EMBED_LAYER_INPUT_HELP,
  importHelp,
  IMPORT_OPTIONS,
  asUsageError,
  importOptionsFromArgs,
  importWarningLines,
} from '../import-args.js';
import { importTable } from '../../data/index.js';
import type { ImportOptions } from '../../data/options.js';
import { readProjectedFile } from '../../engine/projection-read.js';
import type { CliCommand, CliIo } from '../io.js';
import type { Pace } from '../../preprocess/paced.js';
import { UsageError } from '../usage-error.js';
import { checkedFilePath, textDelimiter, textFileContent } from '../output-file.js';
import { missingProjectionInput } from '../../api/matrix-input.js';
import type { ExpressionTable, SourceFormat } from '../../data/types.js';
import type { EmbedOutput } from '../../engine/embed-with-model.js';
import type { ModelManifest } from '../../engine/model-folder.js';
import { checkModelFolderPath } from '../../engine/model-folder-path.js';
import { createProgressReporter } from '../progress-reporter.js';
import { yieldToEventLoop } from '../../util/yield-to-event-loop.js';
import { isH5adPath } from '../../engine/h5ad/h5ad-path.js';
import { loadEmbedModules, type EmbedModules } from '../run-modules.js';

/**
 * The embedding's steps on stderr — the recipe's passes, the encoder, the labels —, a line each and a count at
 * most every 5 s (a terminal's line redrawn), as train's: 10⁵ cells were silent there. Nothing with --quiet.
 */
function stepLines(io: CliIo, quiet: boolean, kind: FileFormatKind): { pace: Pace; finish: () => void } {
  const progress = createProgressReporter(io, { quiet, words: rowWords(kind) });
  return {
    pace: async (step) => {
      progress.step('embedding', step);
      await yieldToEventLoop();
    },
    finish: () => progress.finish(),
  };
}

const OPTIONS: OptionSpec = {
  model: { type: 'string' },
  out: { type: 'string' },
  quiet: { type: 'boolean' },
  'allow-missing-genes': { type: 'boolean' },
  'log-normalize': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...IMPORT_OPTIONS,
};

const HELP = `Usage: tripletlens embed FILE --model DIR [--out coords.csv] [options]

Projects the cells of FILE (any format train reads: CSV/TSV, .h5ad, loom, Cell Ranger .h5 or folder, .mtx)
through a model saved by 'tripletlens train … --model DIR'. Genes are matched by name; the
model's genes left are then looked for by name ignoring Ensembl version suffixes (ENSG….17 as ENSG…),
then through gene ids: the model keeps its training file's ids (an h5ad var column such as gene_ids,
a Cell Ranger features file's ids, a loom's Accession), so a file of Ensembl ids matches a model of
symbols and the other way round; a warning says how many genes were found so, and an id that fits
several genes matches none of them (also said). Genes the model expects but FILE lacks are reported
and filled with the training average; a file holding fewer than half of them is refused unless
--allow-missing-genes.

Which matrix of FILE is read: without --layer or --input, the one the model was trained on (its run
report's input.format.matrix: an h5ad's layers/counts, raw/X, obsm/X_pca…) when FILE has it; a FILE
without it (a CSV, a Cell Ranger .h5, an h5ad lacking that layer) is read as it comes, with a warning.
--layer X reads X of a model trained on a layer (say, values you normalised the same way yourself); a
model trained on an embedding reads only that embedding. stderr and --json ('matrix') say which was read.
A model trained on counts with no layer to name (a CSV, a Cell Ranger folder) reads an h5ad's X; when X
is not counts and FILE has layers/counts, a warning says so — give --layer counts (embed does not switch).
Model folders saved before TripletLens recorded the matrix read X unless --layer/--input say otherwise.

  --model DIR     the model folder (required)
  --out FILE      coordinates CSV: the input's own id column name, its label column (named as in the
                  training file) when FILE has it, x, y[, z], predicted_label, confidence, then
                  the columns of a --meta-file (default: <input name>.embedded.csv in the current folder;
                  a Cell Ranger folder by its sample: sampleA/outs/filtered_feature_bc_matrix → sampleA);
                  FILE.h5ad writes an AnnData file instead: the input's obs + predicted labels, var/X
                  of the model's genes, obsm['X_tripletlens']; a model trained on an embedding
                  (obsm:NAME): FILE's own X and var, copied as the result is written, and the
                  embedding as obsm[NAME];
                  FILE.tsv or FILE.txt: tab-separated; FILE.csv.gz: the CSV gzip-compressed (a
                  FILE.h5ad.gz, a FILE.xlsx, .loom or .h5, or a folder/ is refused)
  --allow-missing-genes
                  embed even when FILE holds fewer than half of the model's genes (default: off)
  --log-normalize
                  FILE holds raw counts and the model was trained on log-normalised values (scanpy's
                  X after normalize_total + log1p): scale each cell's counts to the training's total
                  per cell, then log1p, before the model's own steps. The total is the one the
                  model recorded (expm1 of each training cell's values summing to it); a model
                  whose training values share none (only highly variable genes kept) or saved before
                  it was recorded uses 10000, with a warning saying so. Refused for a model trained
                  on counts (it normalises them itself) and for a FILE that holds no counts
                  (default: off)
  --json          print a summary JSON on stdout (a failure too: {"error": …, "kind": …})
  --quiet         no progress or summary on stderr; warnings are still printed there
  -h, --help      show this help
Import
${importHelp(EMBED_LAYER_INPUT_HELP)}
Exit codes: 0 done, 1 data or write error, 2 bad arguments (incl. --out clashing with an input),
130 stopped by Ctrl-C, 143 by SIGTERM (nothing written).
`;

/**
 * A model trained on an h5ad embedding (obsm/NAME) reads that embedding of the new file too: a --layer or
 * another --input would find none of the model's "genes" and the error would blame the gene names. Without
 * either, the embedding is read (readProjectedFile).
 */
function requireSameInput(
  trainedMatrix: string | undefined,
  options: { input?: string; layer?: string },
): void {
  if (options.input === undefined && options.layer === undefined) return;
  const wanted = missingProjectionInput(trainedMatrix, options);
  if (wanted === null) return;
  throw new UsageError(
    `the model was trained on ${trainedMatrix} (an embedding of its h5ad, not genes): give --input ${wanted}`,
  );
}

/** What --log-normalize's sentences name: FILE as given, the matrix read, in the CLI's words. */
function normalising(file: string, table: ExpressionTable) {
  return { file, matrix: table.format?.matrix ?? '', words: 'cli' as const, layers: table.format?.layers };
}

/** How many missing gene names to print before summarising. */
const SHOW_MISSING = 10;

/**
 * What was read, as `inspect` names it: " (read Cell Ranger HDF5 (.h5); its main matrix)", "" for a text table
 * (a walkthrough: a 10x .h5 or a loom said only "(read matrix)").
 */
function readText(format: SourceFormat | undefined): string {
  return format?.matrix ? ` (read ${FORMAT_NAMES[format.kind]}; ${matrixText(format)})` : '';
}

/**
 * The content of embed's CSV `out` (gzipped for a `.gz` name) with the file's own labels after its id: the
 * model's label column, or for a model retrained on edited labels (label_edited, which no file has) the
 * column the edits started from, as the app's projected cells keep theirs. Its modules come loaded with the
 * run's (`loadEmbedModules`): the training CSV's uses the kNN search, which loads TensorFlow, and --help does not.
 */
async function embedCsvContent(
  modules: Pick<EmbedModules, 'embeddingCsv' | 'projectedLabelColumn'>,
  table: ExpressionTable,
  result: EmbedOutput,
  manifest: Pick<ModelManifest, 'labelColumn' | 'labelSource'>,
  out: string,
): Promise<string | Buffer> {
  const { embeddingCsv, projectedLabelColumn } = modules;
  const ownLabels = projectedLabelColumn(table, manifest.labelColumn, manifest.labelSource);
  return textFileContent(out, embeddingCsv(table, result, ownLabels, textDelimiter(out)));
}

/** train's options a user may give embed: the model fixed them when it was trained. */
const EMBED_ELSEWHERE = {
  label:
    "the model predicts its own label column's classes (predicted_label); a FILE holding that column is compared with them",
  dims: "the model fixes the map's dimensions (train's --dims)",
} as const;

/** What `embed --json` prints: the file and matrix read, the genes matched, the warnings, the predictions. */
function jsonSummary(run: {
  file: string;
  model: string;
  table: ExpressionTable;
  result: EmbedOutput;
  trained: string | undefined;
  warnings: string[];
  agreement: ReturnType<typeof labelAgreement>;
  out: string;
}): object {
  const { file, table, result, trained, warnings, agreement, out } = run;
  const counts: Record<string, number> = {};
  for (const label of result.predicted) counts[label] = (counts[label] ?? 0) + 1;
  return {
    input: file,
    model: run.model,
    cells: table.ids.length,
    dims: result.coords.cols,
    // the matrix of FILE read ('X', 'layers/counts', 'obsm/X_pca'…; null for a text table) and the model's
    // (null too for a text table, which its report records as '')
    matrix: table.format?.matrix || null,
    trainedMatrix: trained || null,
    missingGenes: result.missingGenes,
    geneMatching: {
      ...result.geneMatch.counts,
      ambiguous: result.geneMatch.ambiguousGenes,
      modelIdColumns: result.geneMatch.modelIdColumns,
      fileIdColumns: result.geneMatch.fileIdColumns,
    },
    warnings,
    // --log-normalize: the total each cell's counts were scaled to, and whether it is the model's own
    logNormalized: result.logNormalized
      ? { targetSum: result.logNormalized.targetSum, recorded: result.logNormalized.recorded }
      : null,
    predictedCounts: counts,
    // null when the file has no labelled cell in the model's label column
    labelAgreement: agreement,
    meanConfidence: result.confidence.reduce((a, b) => a + b, 0) / Math.max(1, result.confidence.length),
    paths: { coordinates: out },
  };
}

export const embedCommand: CliCommand = async (argv, io) => {
  const args = parseCommandArgs('embed', argv, OPTIONS, { help: HELP, elsewhere: EMBED_ELSEWHERE });
  if (flag(args, 'help')) {
    io.stdout(HELP);
    return 0;
  }
  if (args.positionals.length !== 1) {
    throw new UsageError(
      `tripletlens embed: give exactly one input FILE; got ${args.positionals.length === 0 ? 'none' : args.positionals.join(' ')}\n\n${HELP}`,
    );
  }
  const modelDir = pathOption(args, 'model');
  if (modelDir === undefined) throw new UsageError(`tripletlens embed: --model DIR is required.\n\n${HELP}`);
  const file = inputPath('embed', args.positionals[0]);
  const quiet = flag(args, 'quiet');
  const importOptions = importOptionsFromArgs(args);
  const outArg = pathOption(args, 'out');
  const out = resolve(
    outArg === undefined
      ? `${inputStem(resolve(file)) || basename(file)}.embedded.csv`
      : checkedFilePath('embed', '--out', outArg, 'embedded.csv'),
  );

  const inputs = [
    ...(await importInputs(file, importOptions)),
    { option: '--model', path: modelDir, role: 'input' as const, kind: 'folder' as const },
  ];
  // a path the user did not give is named by where it came from: "--out …" read as if they had typed it
  const destination = {
    option: '--out',
    path: out,
    ...(outArg === undefined ? { madeFrom: "made from the input's name" } : {}),
  };
  const outputs = await prepareOutputs('embed', inputs, [destination], (line) => io.stderr(line));
  await lockCommandOutputs('embed', argv, [destination], (line) => io.stderr(line));
  // before TensorFlow loads: a mistyped or unextracted model path fails at once
  await checkModelFolderPath(resolve(modelDir));

  // imported only now, so `embed --help` and bad arguments never load TensorFlow; and all of them now, its
  // writers included, so a package rebuilt or reinstalled during the run does not change them (run-modules.ts)
  const modules = await loadEmbedModules(out);
  const { initBackend, loadModelFolder, embedWithModelPaced, matchModelGenes } = modules;
  const { embeddingH5ad, writeH5adFile } = modules;
  await initBackend();
  const model = await loadModelFolder(resolve(modelDir));
  // stage lines as train prints them: reading, embedding and writing 10⁵ cells took 23 s without a word
  const stage = (text: string) => (quiet ? undefined : io.stderr(`${text}…\n`));
  try {
    const trained = model.report.input.format?.matrix;
    requireSameInput(trained, importOptions);
    // a counts model refuses --log-normalize whatever FILE holds: said before FILE is read, not after
    if (flag(args, 'log-normalize')) refuseNormalisingModel(model.recipe, 'cli');
    stage(`reading ${file}`);
    // without --layer/--input, the matrix the model was trained on (an h5ad's layers/counts) when FILE has it
    const { table, notes } = await readProjectedFile(
      (options: ImportOptions) => importTable(file, options),
      trained,
      importOptions,
      file,
      'cli',
    ).catch(asUsageError);
    // what the import noticed (ids or genes renamed, features left out, empty cells, unmatched metadata…)
    // first: FILE lacked the trained matrix and was read with its own
    // (information — a --meta-file that matched every cell — is no warning, as in `train`)
    const warnings = [...notes, ...table.warnings.filter((w) => !w.info).map((w) => w.message)];
    // on stderr an import warning names FILE (--json has it as `input`)
    const named = importWarningLines(file, table);
    // --quiet hides the summary line, never a warning (as train's): a script's log must still show them.
    // Printed before the genes are matched: a refusal there is often explained by one — a MatrixMarket file
    // without its genes file, whose genes are numbered gene_1…, "shares no gene with the model" — and it used
    // to stop the command before they were printed.
    const printWarnings = (from: number) => {
      for (const warning of warnings.slice(from)) io.stderr(`warning: ${named.get(warning) ?? warning}\n`);
    };
    printWarnings(0);
    const printed = warnings.length;
    const options = {
      allowMissingGenes: flag(args, 'allow-missing-genes'),
      logNormalize: flag(args, 'log-normalize'),
    };
    // a file sharing too few genes is refused before the work is announced, not after "embedding N cells…"
    const genes = matchModelGenes(model, table, options);
    // --log-normalize with nothing to normalise (a counts model, log values) likewise: embedding checks it again
    if (options.logNormalize) logNormalisingRecipe(model.recipe, table.values, normalising(file, table));
    stage(`embedding ${rowsText(table.ids.length, table.format?.kind ?? 'text', countText)}`);
    const steps = stepLines(io, quiet, table.format?.kind ?? 'text');
    const result = await embedWithModelPaced(model, table, options, steps.pace, genes).finally(steps.finish);
    const { missingGenes } = result;
    // the total used is a warning when it is scanpy's usual one for want of the model's own
    const normalised = result.logNormalized;
    if (normalised && !normalised.recorded) warnings.push(normalised.note);
    else if (normalised && !quiet) io.stderr(`${normalised.note}\n`);
    // judged against the recipe applied: counts are what a log-normalising one expects
    const format = await formatWithRawCounts(result.recipe, table.values, table.format, file);
    const mismatch = scaleMismatch(result.recipe, table.values, file, 'cli', format);
    if (mismatch) warnings.push(mismatch);
    // genes found other than by their exact name (version suffix, gene ids), and ambiguities: never silent
    warnings.push(...result.notices);
    printWarnings(printed);
    if (missingGenes.length) {
      const shown = missingGenes.slice(0, SHOW_MISSING).join(', ');
      const more =
        missingGenes.length > SHOW_MISSING
          ? ` and ${countText(missingGenes.length - SHOW_MISSING)} more`
          : '';
      io.stderr(
        `warning: ${countText(missingGenes.length)} of the model's ${countText(model.recipe.genes.length)} genes are missing from ${file} (filled with their training average): ${shown}${more}\n`,
      );
    }
    stage(`writing ${out}`);
    const sha256 = isH5adPath(out) ? await sha256OfFile(file) : null;
    let fileNotes: string[] = [];
    outputs.stage(out, async (temp) => {
      if (!isH5adPath(out)) {
        return writeFile(temp, await embedCsvContent(modules, table, result, model.manifest, out));
      }
      fileNotes = await writeH5adFile(temp, embeddingH5ad(table, model, result, sha256));
    });
    await commitOutputs(outputs);
    // what the file holds that a user should know (an input without X gives a result without X)
    for (const note of fileNotes) io.stderr(`warning: ${note}\n`);
    warnings.push(...fileNotes);
    const cells = table.ids.length;
    const kind = table.format?.kind ?? 'text';
    // a file that has the model's label column (an annotated query): how far the predictions agree with it
    const { labelColumn, classes } = model.manifest;
    const agreement = labelAgreement(table, labelColumn, result.predicted, classes);
    if (!quiet) {
      io.stderr(`embedded ${rowsText(cells, kind, countText)}${readText(table.format)} → ${out}\n`);
      if (agreement) io.stderr(`${agreementSentence(agreement, rowWords(kind).many, countText)}\n`);
    }
    if (flag(args, 'json')) {
      const summary = jsonSummary({
        file,
        model: resolve(modelDir),
        table,
        result,
        trained,
        warnings,
        agreement,
        out,
      });
      io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    }
  } finally {
    model.dispose();
  }
  return 0;
};
