/**
 * `tripletlens train FILE --label COL …`: imports the file, trains the encoder, and writes the coordinates
 * CSV, the run report and (with --model) the model folder. Scripts depend on this contract: see --help.
 */
import { basename, resolve } from 'node:path';
import { warnOverMaxMemory } from '../training-memory-warning.js';
import { inputStem } from '../../api/output-stem.js';
import type { ExpressionTable } from '../../data/types.js';
import { DataImportError, shownValue } from '../../data/errors.js';
import { parseNumber } from '../../data/numbers.js';
import {
  findLabelColumn,
  isContinuousColumn,
  isUnlabeled,
  labelClassCount,
  labelColumnSummary,
  suggestLabelColumn,
} from '../../data/label-column.js';
import { hasSharedClass } from '../../data/shared-class.js';
import { closestName } from '../../api/closest-name.js';
import { writeFile } from 'node:fs/promises';
// Modules that load TensorFlow are imported when a run starts (all of them, run-modules.ts), never at load:
// `train --help` stays fast.
import type { runTraining } from '../../engine/run-training.js';
import { isH5adPath } from '../../engine/h5ad/h5ad-path.js';
import { loadTrainModules } from '../run-modules.js';
import { runReportJson } from '../../engine/run-report.js';
import type { TrainingRun } from '../../engine/types.js';
import { samplePath } from '../../util/paths.js';
import {
  flag,
  inputPath,
  parseCommandArgs,
  pathOption,
  stringOption,
  type OptionSpec,
  type ParsedArgs,
} from '../args.js';
import { commitOutputs, importInputs, prepareOutputs, type CommandOutput } from '../command-outputs.js';
import { lockCommandOutputs } from '../command-locks.js';
import {
  IMPORT_OPTIONS,
  importForCommand,
  importOptionsFromArgs,
  importWarningLines,
} from '../import-args.js';
import type { CliCommand, CliIo } from '../io.js';
import { createProgressReporter } from '../progress-reporter.js';
import { isInterruption, withInterrupt } from '../interrupt.js';
import { TRAIN_HELP } from '../train-help.js';
import { trainedOnLine } from '../trained-on.js';
import { PREPROCESS_OPTIONS, TRAINING_OPTIONS, trainSettingsFromArgs } from '../train-args.js';
import { UsageError } from '../usage-error.js';
import { checkedFilePath, textDelimiter, textFileContent } from '../output-file.js';
import { shellWord } from '../../util/shell-word.js';
import { CoreError } from '../../api/core-error.js';
import { regimeWords } from '../../api/regime-words.js';
import { stoppedPhrase } from '../../api/stopped-words.js';
import { countText } from '../../api/count-text.js';
import { reportFormatKind, rowsText, rowWords } from '../../api/file-format.js';

const OPTIONS: OptionSpec = {
  label: { type: 'string' },
  out: { type: 'string' },
  model: { type: 'string' },
  report: { type: 'string' },
  sample: { type: 'boolean' },
  quiet: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...TRAINING_OPTIONS,
  ...PREPROCESS_OPTIONS,
  ...IMPORT_OPTIONS,
};

/** `<stem>.coords.csv` in the current folder (`inputStem`: a Cell Ranger folder by its sample's name). */
function defaultOutPath(input: string): string {
  return resolve(`${inputStem(resolve(input)) || basename(input)}.coords.csv`);
}

function defaultReportPath(out: string): string {
  return out.replace(/(\.coords)?(\.csv|\.tsv|\.txt|\.h5ad)?(\.gz)?$/i, '.run.json');
}

/** Classes of one cell each from which on a label column looks like an id; below, the table is too small. */
const ID_LIKE_CLASSES = 10;

/**
 * A table with a few labelled cells, none sharing its class: a data problem (exit 1), said with what the
 * import left out (a user audit: 149 of 150 rows dropped by --missing drop-row were reported as a label
 * column that "looks like an id").
 */
function tooFewCells(table: ExpressionTable, label: string, cells: number): CoreError {
  const dropped = table.warnings.find((w) => w.code === 'missing-values' && /left out/.test(w.message));
  // in the table's words for its rows (rowWords): a bulk CSV's samples are rows, an h5ad's cells
  const words = rowWords(table.format?.kind ?? 'text');
  return new CoreError(
    'bad-input',
    `${table.source} holds only ${cells === 1 ? `1 labelled ${words.one} in '${label}'` : `${cells} labelled ${words.many} in '${label}', each of a class of its own`}: triplet training needs two or more ${words.many} of one class.${dropped ? ` ${dropped.message}` : ''}`,
  );
}

const ADD_LABELS = 'add cell types with --meta-file FILE (a CSV whose first column is the cell id)';

/**
 * The refusal's list of label columns: the file's text columns less the continuous ones and those train
 * refuses for holding no class of two or more cells (`hasSharedClass`: an id such as a copy of obs_names, once
 * listed as a column to use instead), or why there is none. Only a refusal builds it, as it summarises every
 * column (an O(cells) pass each).
 */
function labelChoices(table: ExpressionTable, continuous = continuousColumns(table)): string {
  const others = table.metadata.map((m) => m.name).filter((name) => !continuous.includes(name));
  const names = others.filter((name) => hasSharedClass(table, name));
  const single = others.filter((name) => !names.includes(name));
  // a table may hold a label column read as numbers (--meta); the other formats hold no cell metadata at all
  const noMetadata =
    table.format === undefined || table.format.kind === 'text'
      ? `${table.source} has no text columns besides the id ('${table.idColumn}'); use --meta COL to mark one as metadata.`
      : `${table.source} holds no cell metadata; ${ADD_LABELS}.`;
  const many = rowWords(table.format?.kind ?? 'text').many;
  const refused = [
    ...(continuous.length ? [`${continuous.join(', ')}: continuous values`] : []),
    ...(single.length ? [`${single.join(', ')}: no class of two or more ${many}`] : []),
  ];
  const noLabels = `No column of ${table.source} holds cell labels (${refused.join('; ')}); ${ADD_LABELS}.`;
  return names.length ? `Valid label columns: ${names.join(', ')}.` : refused.length ? noLabels : noMetadata;
}

/** The metadata columns of continuous values (see isContinuousColumn), in the table's order. */
function continuousColumns(table: ExpressionTable): string[] {
  return table.metadata.map((m) => m.name).filter((name) => isContinuousColumn(table, name));
}

/**
 * The refusal of a label column the table does not have (exit 2), with the one name it likely meant; with the
 * --meta-file joined, both files are named (a walkthrough: a 10x .h5's labels from A_meta.csv were refused as
 * "no label column 'CellType' in A.h5", naming only the file that has no columns at all).
 */
function unknownLabel(
  table: ExpressionTable,
  label: string,
  metaFile?: string,
  metaColumns?: readonly string[],
): UsageError {
  // a walkthrough: `--meta batch --label cell_type` on an h5ad read "there is no label column 'cell_type'",
  // of a file that has one — --meta keeps exactly the columns it names, and the label was not among them
  if (metaColumns !== undefined && !metaColumns.includes(label)) {
    return new UsageError(
      `tripletlens train: --label '${label}' is not among the metadata columns --meta keeps (${metaColumns.join(', ')}): --meta names every metadata column to read. Add it (--meta ${[...metaColumns, label].join(',')}) or leave --meta out.`,
    );
  }
  const continuous = continuousColumns(table);
  const names = table.metadata.map((m) => m.name).filter((name) => !continuous.includes(name));
  const near = closestName(label, names);
  // a walkthrough (a bulk panel): --label sample, the id column, read "there is no label column 'sample'"
  const hint =
    label === table.idColumn
      ? ` '${label}' is the id column (one value a row, so every class would hold a single row); a label column needs classes of two or more.`
      : table.genes.includes(label)
        ? ` '${label}' was read as a numeric (gene) column; add --meta ${label} to use it as labels.`
        : '';
  // 'celltype' for 'cell_type', 'Louvain' for 'louvain': the one name it likely meant, before the list
  const nearHint = near === undefined || hint !== '' ? '' : ` Did you mean '${near}'?`;
  return new UsageError(
    `tripletlens train: there is no label column '${label}' in ${table.source}${metaFile === undefined ? '' : ` or its --meta-file ${metaFile}`}.${nearHint} ${labelChoices(table, continuous)}${hint}`,
  );
}

/**
 * How a continuous column's values are told: "700 distinct numbers", and for a few distinct values the
 * fraction that makes them a measurement ("3 distinct numbers, with fractions such as 0.34": scanpy's
 * pct_counts_mt on small data). Only a refusal reads the column for it.
 */
const FEW_NUMBERS = 100;

function continuousWords(table: ExpressionTable, label: string): string {
  const distinct = labelClassCount(table, label);
  const words = `${countText(distinct)} distinct numbers`;
  if (distinct > FEW_NUMBERS) return words;
  const fraction = findLabelColumn(table, label).values.find(
    (raw) => !isUnlabeled(raw) && !Number.isInteger(parseNumber(raw.trim())),
  );
  return fraction === undefined ? words : `${words}, with fractions such as ${shownValue(fraction.trim())}`;
}

/** The file a metadata column came from: the --meta-file for a column joined from it, else the input. */
function columnFile(table: ExpressionTable, label: string, metaFile: string | undefined): string {
  const joined = table.metadata.find((m) => m.name === label)?.joined === true;
  return joined && metaFile !== undefined ? metaFile : table.source;
}

/**
 * The label column must be one of the file's text columns; otherwise list them (exit 2). A continuous column
 * (a loom's TotalUMI, scanpy's S_score: mostly distinct numbers) is no label, as the app's label picker says:
 * it is neither listed nor accepted, and a file with only such columns is told to add cell types. A good
 * label reads only its own column: the other columns are summarised for a refusal's list. `metaColumns`, the
 * --meta columns (default none: every column the file has), are what a label left out of them is told to add.
 */
export function requireLabelColumn(
  table: ExpressionTable,
  label: string | undefined,
  metaFile?: string,
  metaColumns?: readonly string[],
): string {
  if (label === undefined) {
    // the column `inspect` suggests (and the app's label picker starts on): a walkthrough ran inspect, saw
    // "Suggested label column: ClusterName", then train without --label, whose refusal listed but named none
    const suggested = suggestLabelColumn(table);
    const suggestion = suggested === undefined ? '' : ` Suggested: --label ${shellWord(suggested)}`;
    throw new UsageError(`tripletlens train: --label COL is required. ${labelChoices(table)}${suggestion}`);
  }
  try {
    findLabelColumn(table, label);
  } catch (err) {
    if (!(err instanceof DataImportError)) throw err;
    // the engine's one check; the CLI says it its own way (exit 2, with the flags that fix it)
    throw unknownLabel(table, label, metaFile, metaColumns);
  }
  // training would run, one class a value: a map of nothing (a user trial: --label nGene, 117 'classes')
  if (isContinuousColumn(table, label)) {
    throw new UsageError(
      `tripletlens train: the column '${label}' of ${columnFile(table, label, metaFile)} holds continuous values (${continuousWords(table, label)}), not ${rowWords(table.format?.kind ?? 'text').classes}. ${labelChoices(table)}`,
    );
  }
  const { classes } = labelColumnSummary(table, label);
  // training would stop after preprocessing with "no triplet can be formed", naming neither column nor file
  if (classes.length > 0 && classes.length < ID_LIKE_CLASSES && classes.every((c) => c.count < 2)) {
    throw tooFewCells(table, label, classes.length);
  }
  if (classes.length > 0 && classes.every((c) => c.count < 2)) {
    const suggested = suggestLabelColumn(table);
    const words = rowWords(table.format?.kind ?? 'text');
    throw new UsageError(
      `tripletlens train: the label column '${label}' of ${columnFile(table, label, metaFile)} has no class with two or more ${words.many} (${countText(classes.length)} classes of one ${words.one}): it looks like an id, not a ${words.one === 'cell' ? 'cell type' : 'class'}.${suggested ? ` Suggested label column: ${suggested}` : ''}`,
    );
  }
  return label;
}

function fmt(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(3);
}

/** Trustworthiness, or why it is n/a ("n/a — needs more than 30 cells …" from the report's note). */
function trustText(run: TrainingRun): string {
  const note = run.report.metricNotes?.trustworthiness;
  return run.metrics.trustworthiness === null && note ? note : fmt(run.metrics.trustworthiness);
}

/**
 * " of 7 rows": how many held-out cells the accuracy counts ('' when it is n/a) — a walkthrough on a 38-sample
 * panel read "held-out kNN-5 accuracy 1.000" with nothing saying it was 7 of 7 samples.
 */
function heldOutCount(run: TrainingRun): string {
  if (run.metrics.knn_holdout === null) return '';
  return ` of ${rowsText(run.report.split.holdout, reportFormatKind(run.report), countText)}`;
}

/**
 * `warnings`: the run's, as printed (`run.report.warnings` with the import's naming the file); `outputs`: what
 * each written file is and its path (undefined when not written).
 */
function humanSummary(
  run: TrainingRun,
  warnings: readonly string[],
  outputs: readonly [string, string | undefined][],
): string {
  const m = run.metrics;
  const t = run.report.training;
  const lines = [
    trainedOnLine(run),
    // the reason in words, as the app says it ("(early-stopping)" was the code)
    `backend ${run.report.backend.backend}; ${countText(t.epochs)} epochs, ${countText(t.stepsRun)} steps in ${(run.report.timings.trainMs / 1000).toFixed(1)}s (${stoppedPhrase(t.stoppedReason, t.stopMessage)})`,
    `held-out kNN-5 accuracy ${fmt(m.knn_holdout)}${heldOutCount(run)} (PCA-${run.coords.cols}D ${fmt(m.knn_holdout_pca)}, input space ${fmt(m.knn_holdout_input)}); train ${fmt(m.knn_train)}`,
    // one note a line (on a tiny table both notes made one line of some 400 characters)
    ...(run.report.metricNotes?.knn_holdout ? [`held-out note: ${run.report.metricNotes.knn_holdout}`] : []),
    ...(run.report.metricNotes?.knn_train ? [`train note: ${run.report.metricNotes.knn_train}`] : []),
    `silhouette ${fmt(m.silhouette)}, trustworthiness ${trustText(run)}`,
    `regime ${regimeWords(run.report.regime, run.report.split.train, reportFormatKind(run.report))}` +
      (run.report.objectiveRecipe ? `; objective: ${run.report.objectiveRecipe} recipe` : '') +
      (run.report.stability
        ? `; stability: Procrustes disparity ${run.report.stability.disparity.toFixed(3)} against seed ${run.report.stability.seed}`
        : ''),
    ...warnings.map((w) => `warning: ${w}`),
    ...outputs.filter(([, p]) => p !== undefined).map(([what, p]) => `${what}: ${p}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** One `warning: …` line a warning ('' for none). */
function warningLines(warnings: readonly string[]): string {
  return warnings.map((w) => `warning: ${w}\n`).join('');
}

/** Runs training with Ctrl-C wired to a clean stop (nothing is written when cancelled). */
async function trainWithInterrupt(
  run: { runTraining: typeof runTraining; table: ExpressionTable },
  settings: Parameters<typeof runTraining>[1],
  io: CliIo,
  quiet: boolean,
  onLabelWarning: (warning: string) => void,
): Promise<TrainingRun> {
  const { runTraining, table } = run;
  // a table without a format is a delimited text one (ExpressionTable.format), whose rows are 'rows'
  const words = rowWords(table.format?.kind ?? 'text');
  const progress = createProgressReporter(io, { quiet, words });
  try {
    return await withInterrupt((signal) =>
      runTraining(table, settings, {
        signal,
        onStage: (stage, step) => (step ? progress.step(stage, step) : progress.stage(stage)),
        onProgress: (p) => progress.progress(p),
        onLabelWarning,
      }),
    );
  } finally {
    progress.finish();
  }
}

/**
 * Runs `fn`, and when it fails (not by Ctrl-C) prints the import's warnings before the failure: they reach
 * stderr with the run's summary, so a refused label column or class count — often explained by one of them,
 * a --meta-file that matched few cells — stopped the command without them.
 */
async function importWarnedOnFailure<T>(
  file: string,
  table: ExpressionTable,
  io: CliIo,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!isInterruption(err)) {
      for (const line of importWarningLines(file, table).values()) io.stderr(`warning: ${line}\n`);
    }
    throw err;
  }
}

/** Where `train` writes: --out, --report and --model as given or made from the input's name. */
function trainDestinations(
  args: ParsedArgs,
  file: string,
): { out: string; reportPath: string; model: string | undefined; destinations: CommandOutput[] } {
  const outArg = pathOption(args, 'out');
  const reportArg = pathOption(args, 'report');
  const out = resolve(
    outArg === undefined ? defaultOutPath(file) : checkedFilePath('train', '--out', outArg, 'coords.csv'),
  );
  const reportPath = resolve(
    reportArg === undefined
      ? defaultReportPath(out)
      : checkedFilePath('train', '--report', reportArg, 'run.json'),
  );
  const modelArg = pathOption(args, 'model');
  const model = modelArg === undefined ? undefined : resolve(modelArg);
  // a path the user did not give is named by where it came from: "--out …" read as if they had typed it
  const fromInput = "made from the input's name";
  const destinations: CommandOutput[] = [
    { option: '--out', path: out, ...(outArg === undefined ? { madeFrom: fromInput } : {}) },
    {
      option: '--report',
      path: reportPath,
      ...(reportArg !== undefined
        ? {}
        : { madeFrom: outArg === undefined ? fromInput : "made from --out's name" }),
    },
    ...(model === undefined ? [] : [{ option: '--model', path: model, kind: 'folder' as const }]),
  ];
  return { out, reportPath, model, destinations };
}

export const trainCommand: CliCommand = async (argv, io) => {
  const args = parseCommandArgs('train', argv, OPTIONS, { help: TRAIN_HELP });
  if (flag(args, 'help')) {
    io.stdout(TRAIN_HELP);
    return 0;
  }
  const sample = flag(args, 'sample');
  if (args.positionals.length > 1 || (sample && args.positionals.length > 0)) {
    throw new UsageError(
      `tripletlens train: give one input FILE (or --sample); got ${args.positionals.join(' ')}`,
    );
  }
  const given = sample ? samplePath() : args.positionals[0];
  if (given === undefined)
    throw new UsageError(`tripletlens train: missing input FILE (or --sample).\n\n${TRAIN_HELP}`);
  const file = inputPath('train', given);
  const quiet = flag(args, 'quiet');
  const importOptions = importOptionsFromArgs(args);
  // parse every option before the (slow) import so a typo fails at once
  const labelArg = stringOption(args, 'label') ?? (sample ? 'label' : undefined);
  const settingsDraft = trainSettingsFromArgs(args, labelArg ?? '');
  const { out, reportPath, model, destinations } = trainDestinations(args, file);

  // clashing paths, a --model folder that is not a model, an unwritable disk: all fail now, not after training
  // a previous output a killed run had left aside is put back now, and said even with --quiet (as warnings are)
  const outputs = await prepareOutputs(
    'train',
    await importInputs(file, importOptions),
    destinations,
    (line) => io.stderr(line),
  );
  await lockCommandOutputs('train', argv, destinations, (line) => io.stderr(line));
  // every module the run needs, its writers included, before the work: a package rebuilt or reinstalled
  // during the run must not change the code that writes its results (run-modules.ts)
  const modules = await loadTrainModules(out);
  const { checkReplaceable, fillModelFolder, runTraining } = modules;
  if (model !== undefined) await checkReplaceable(model);
  if (!quiet) io.stderr(`reading ${file}…\n`);
  const table = await importForCommand(file, importOptions);
  // classes differing only in letter case, said as training starts (as inspect says it), not only after it, and
  // not again with the summary: a user saw inspect's warning, then minutes of training as if it were fine
  const early = new Set<string>();
  const { labelColumn, run } = await importWarnedOnFailure(file, table, io, async () => {
    const label = requireLabelColumn(
      table,
      labelArg,
      stringOption(args, 'meta-file'),
      importOptions.metaColumns,
    );
    // --max-memory limits only the import: a run that will hold more is told so once, as it starts
    warnOverMaxMemory(table.values, settingsDraft.preprocess, importOptions.maxMemoryBytes, io);
    return {
      labelColumn: label,
      run: await trainWithInterrupt(
        { runTraining, table },
        { ...settingsDraft, labelColumn: label },
        io,
        quiet,
        (w) => {
          early.add(w);
          io.stderr(`warning: ${w}\n`);
        },
      ),
    };
  });
  const { trainingH5ad, writeH5adFile, freshMapColours, coordinatesCsv, mapClassColours } = modules;
  try {
    let h5adNotes: string[] = [];
    outputs.stage(out, async (temp) => {
      // the classes in the colours the app's map gives them (uns['<label>_colors']), as the page's export
      const colours = freshMapColours(table, run);
      if (isH5adPath(out))
        h5adNotes = await writeH5adFile(temp, trainingH5ad(table, run, null, table.source, colours));
      else await writeFile(temp, await textFileContent(out, coordinatesCsv(table, run, textDelimiter(out))));
    });
    outputs.stage(reportPath, async (temp) =>
      writeFile(temp, await textFileContent(reportPath, runReportJson(run.report))),
    );
    // the map's class colours, which embed's h5ad gives the predicted classes of a file without colours
    if (model !== undefined)
      outputs.stage(model, (temp) =>
        fillModelFolder(run, temp, { classColours: mapClassColours(table, run) }),
      );
    // the outputs are written after the run's last stage line ('writing the report'): a 10⁵-cell h5ad took
    // 12 s more under it, so the file being written is named
    if (!quiet) io.stderr(`writing ${out}…\n`);
    await commitOutputs(outputs);
    const paths = { coordinates: out, report: reportPath, model };
    // the summary names each output by what it is: an .h5ad holds the whole AnnData, not only coordinates
    const written: [string, string | undefined][] = [
      [isH5adPath(out) ? 'AnnData file' : 'coordinates', out],
      ['run report', reportPath],
      ['model folder', model],
    ];
    // on stderr the import's warnings name FILE, as embed's do (run.json and --json name it as `input`)
    const named = importWarningLines(file, table);
    const runWarnings = run.report.warnings.filter((w) => !early.has(w)).map((w) => named.get(w) ?? w);
    // --quiet hides the progress and the summary, never a warning: a script's log must still show them
    const warnings = warningLines(quiet ? [...runWarnings, ...h5adNotes] : h5adNotes);
    if (warnings !== '') io.stderr(warnings);
    if (!quiet) io.stderr(humanSummary(run, runWarnings, written));
    if (flag(args, 'json')) {
      const summary = {
        input: run.report.input,
        labelColumn,
        dims: run.coords.cols,
        backend: run.report.backend.backend,
        backendInfo: run.report.backend,
        metrics: run.metrics,
        split: run.report.split,
        training: {
          epochs: run.report.training.epochs,
          stepsRun: run.report.training.stepsRun,
          stoppedReason: run.report.training.stoppedReason,
        },
        regime: run.report.regime,
        objectiveRecipe: run.report.objectiveRecipe,
        ...(run.report.metricNotes ? { metricNotes: run.report.metricNotes } : {}),
        ...(run.report.stability ? { stability: run.report.stability } : {}),
        timings: run.report.timings,
        paths,
        // what the .h5ad output holds that a user should know (an input without X gives one without X)
        warnings: [...run.report.warnings, ...h5adNotes],
      };
      io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    }
  } finally {
    run.encoder.dispose();
  }
  return 0;
};
