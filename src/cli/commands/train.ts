/**
 * `tripletlens train FILE --label COL …`: imports the file, trains the encoder, and writes the coordinates
 * CSV, the run report and (with --model) the model folder. Scripts depend on this contract: see --help.
 */
import { basename, extname, resolve } from 'node:path';
import type { ExpressionTable } from '../../data/types.js';
import { coordinatesCsv } from '../../engine/coordinates-csv.js';
import { isH5adPath, trainingH5ad, writeH5adFile } from '../../engine/h5ad/index.js';
import { writeFile } from 'node:fs/promises';
import { checkReplaceable, fillModelFolder } from '../../model/model-folder.js';
import { runTraining } from '../../engine/run-training.js';
import { runReportJson } from '../../engine/run-report.js';
import type { TrainingRun } from '../../engine/types.js';
import { samplePath } from '../../util/paths.js';
import { flag, parseCommandArgs, pathOption, stringOption, type OptionSpec } from '../args.js';
import { importInputs, prepareOutputs, type CommandOutput } from '../command-outputs.js';
import { IMPORT_OPTIONS, importForCommand, importOptionsFromArgs } from '../import-args.js';
import type { CliCommand, CliIo } from '../io.js';
import { createProgressReporter } from '../progress-reporter.js';
import {
  DISTANCES,
  LOSSES,
  PREPROCESS_OPTIONS,
  SAMPLERS,
  TRAINING_OPTIONS,
  trainSettingsFromArgs,
} from '../train-args.js';
import { UsageError } from '../usage-error.js';

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

const HELP = `Usage: tripletlens train FILE --label COL [options]
       tripletlens train --sample            (the bundled PBMC sample, label column 'label')

Trains a triplet-loss encoder on the labelled cells of FILE (cells × genes CSV/TSV, .gz allowed) and writes
a 2-D/3-D map. 20% of each class is held out and the report says how well the map places those cells.

Output
  --out FILE            coordinates CSV: id, label, split, x, y[, z]   (default: <input name>.coords.csv)
                        FILE.h5ad: an AnnData file for scanpy/cellxgene: the input's obs + split and
                        predicted labels, var/X of the genes used, obsm['X_tripletlens'], uns report
  --report FILE         run report JSON                               (default: <input name>.run.json)
  --model DIR           save the trained model folder (for 'tripletlens embed')
  --json                print a summary JSON on stdout
  --quiet               no progress on stderr
Training
  --label COL           the metadata column holding cell types (required)
  --dims N              output dimensions, 2 or 3 (1–10 allowed)        (default 3)
  --epochs N            --batch-size N  --learning-rate X  --patience N  --margin X
  --seed N              one seed makes the run reproducible, 0–4294967295 (default 0)
  --holdout F           fraction of each class held out, 0–0.9         (default 0.2)
  --sampler S           ${SAMPLERS.join(' | ')}
  --loss L              ${LOSSES.join(' | ')}
  --distance D          ${DISTANCES.join(' | ')}
  --preset P            default | wide | layer sizes like 256,128
  --center-loss W       weight of the centre-loss term
  --graph-weight W      weight of the neighbour-graph (UMAP cross-entropy) term; 0 = triplet loss only (default 0)
  --regime R            auto | standard | small  (small: tiny tables; auto picks it at ≤ 100 training cells)
  --stability           also fit with seed + 1 and report the Procrustes disparity of the two maps
  --unlabeled U         knn | exclude  (cells with an empty/NA label)
Preprocessing
  --normalize / --no-normalize   --log1p / --no-log1p   (default: on when the values look like counts)
  --top-genes N  --pca N  --no-zscore  --clip X  --target-sum X
Import
  --id COL  --meta COL[,COL]  --genes-from COL  --transpose  --meta-file FILE
  --missing error|zero|drop-row|column-mean
  --layer NAME  (h5ad/loom matrix: a layer or raw; default X)   --input genes|obsm:NAME  (default genes)
Outputs are written together when training succeeds (none are left half-written); an output that is an
input or another output is refused before anything runs.
Exit codes: 0 done, 1 data, training or write error, 2 bad arguments (incl. clashing paths).
  --max-memory SIZE   the most memory the import may use, e.g. 8G (default: the memory available)
`;

function defaultOutPath(input: string): string {
  const name = basename(input).replace(/\.gz$/i, '');
  return resolve(`${name.slice(0, name.length - extname(name).length) || name}.coords.csv`);
}

function defaultReportPath(out: string): string {
  return out.replace(/(\.coords)?(\.csv|\.h5ad)?$/i, '.run.json');
}

/** The label column must be one of the file's text columns; otherwise list them (exit 2). */
export function requireLabelColumn(table: ExpressionTable, label: string | undefined): string {
  const names = table.metadata.map((m) => m.name);
  const choices = names.length
    ? `Valid label columns: ${names.join(', ')}`
    : `${table.source} has no text columns besides the id ('${table.idColumn}'); use --meta COL to mark one as metadata.`;
  if (label === undefined) throw new UsageError(`tripletlens train: --label COL is required. ${choices}`);
  if (!names.includes(label)) {
    const hint = table.genes.includes(label)
      ? ` '${label}' was read as a numeric (gene) column; add --meta ${label} to use it as labels.`
      : '';
    throw new UsageError(
      `tripletlens train: there is no label column '${label}' in ${table.source}. ${choices}${hint}`,
    );
  }
  return label;
}

function fmt(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(3);
}

function humanSummary(run: TrainingRun, paths: Record<string, string | undefined>): string {
  const m = run.metrics;
  const lines = [
    `backend ${run.report.backend.backend}; ${run.report.training.epochs} epochs (${run.report.training.stoppedReason}) in ${(run.report.timings.trainMs / 1000).toFixed(1)}s`,
    `held-out kNN-5 accuracy ${fmt(m.knn_holdout)} (PCA-${run.coords.cols}D ${fmt(m.knn_holdout_pca)}, input space ${fmt(m.knn_holdout_input)}); train ${fmt(m.knn_train)}` +
      (run.report.metricNotes?.knn_holdout ? ` — note: ${run.report.metricNotes.knn_holdout}` : ''),
    `silhouette ${fmt(m.silhouette)}, trustworthiness ${fmt(m.trustworthiness)}; regime ${run.report.regime}` +
      (run.report.stability
        ? `; stability: Procrustes disparity ${run.report.stability.disparity.toFixed(3)} against seed ${run.report.stability.seed}`
        : ''),
    ...run.report.warnings.map((w) => `warning: ${w}`),
    ...Object.entries(paths)
      .filter(([, p]) => p !== undefined)
      .map(([what, p]) => `${what}: ${p}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Runs training with Ctrl-C wired to a clean stop (nothing is written when cancelled). */
async function trainWithInterrupt(
  table: ExpressionTable,
  settings: Parameters<typeof runTraining>[1],
  io: CliIo,
  quiet: boolean,
): Promise<TrainingRun> {
  const progress = createProgressReporter(io, { quiet });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await runTraining(table, settings, {
      signal: controller.signal,
      onStage: (stage) => progress.stage(stage),
      onProgress: (p) => progress.progress(p),
    });
  } finally {
    process.off('SIGINT', onSigint);
    progress.finish();
  }
}

export const trainCommand: CliCommand = async (argv, io) => {
  const args = parseCommandArgs('train', argv, OPTIONS);
  if (flag(args, 'help')) {
    io.stdout(HELP);
    return 0;
  }
  const sample = flag(args, 'sample');
  if (args.positionals.length > 1 || (sample && args.positionals.length > 0)) {
    throw new UsageError(
      `tripletlens train: give one input FILE (or --sample); got ${args.positionals.join(' ')}`,
    );
  }
  const file = sample ? samplePath() : args.positionals[0];
  if (file === undefined)
    throw new UsageError(`tripletlens train: missing input FILE (or --sample).\n\n${HELP}`);
  const quiet = flag(args, 'quiet');
  const importOptions = importOptionsFromArgs(args);
  // parse every option before the (slow) import so a typo fails at once
  const labelArg = stringOption(args, 'label') ?? (sample ? 'label' : undefined);
  const settingsDraft = trainSettingsFromArgs(args, labelArg ?? '');
  const out = resolve(pathOption(args, 'out') ?? defaultOutPath(file));
  const reportPath = resolve(pathOption(args, 'report') ?? defaultReportPath(out));
  const modelArg = pathOption(args, 'model');
  const model = modelArg === undefined ? undefined : resolve(modelArg);
  const destinations: CommandOutput[] = [
    { option: '--out', path: out },
    { option: '--report', path: reportPath },
    ...(model === undefined ? [] : [{ option: '--model', path: model, kind: 'folder' as const }]),
  ];

  // clashing paths, a --model folder that is not a model, an unwritable disk: all fail now, not after training
  const outputs = await prepareOutputs('train', importInputs(file, importOptions), destinations);
  if (model !== undefined) await checkReplaceable(model);
  if (!quiet) io.stderr(`reading ${file}…\n`);
  const table = await importForCommand(file, importOptions);
  const labelColumn = requireLabelColumn(table, labelArg);
  const run = await trainWithInterrupt(table, { ...settingsDraft, labelColumn }, io, quiet);
  try {
    outputs.stage(out, (temp) =>
      isH5adPath(out)
        ? writeH5adFile(temp, trainingH5ad(table, run))
        : writeFile(temp, coordinatesCsv(table, run)),
    );
    outputs.stage(reportPath, (temp) => writeFile(temp, runReportJson(run.report)));
    if (model !== undefined) outputs.stage(model, (temp) => fillModelFolder(run, temp));
    await outputs.commit();
    const paths = { coordinates: out, report: reportPath, model };
    if (!quiet) io.stderr(humanSummary(run, paths));
    if (flag(args, 'json')) {
      const summary = {
        input: run.report.input,
        labelColumn,
        dims: run.coords.cols,
        backend: run.report.backend.backend,
        backendInfo: run.report.backend,
        metrics: run.metrics,
        split: run.report.split,
        training: { epochs: run.report.training.epochs, stoppedReason: run.report.training.stoppedReason },
        regime: run.report.regime,
        ...(run.report.metricNotes ? { metricNotes: run.report.metricNotes } : {}),
        ...(run.report.stability ? { stability: run.report.stability } : {}),
        timings: run.report.timings,
        paths,
        warnings: run.report.warnings,
      };
      io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    }
  } finally {
    run.encoder.dispose();
  }
  return 0;
};
