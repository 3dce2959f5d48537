/**
 * `tripletlens train --help`. The training and preprocessing lines, with every default, are generated from the
 * option schema (src/cli/option-help.ts over src/api/option-schema.ts), never restated, so the help cannot
 * drift from what a run does. Loads no TensorFlow.
 */
import { OPTION_SCHEMA } from '../api/option-schema.js';
import { IMPORT_HELP } from './import-args.js';
import { optionsHelp } from './option-help.js';

export const TRAIN_HELP = `Usage: tripletlens train FILE --label COL [options]
       tripletlens train --sample            (the bundled PBMC sample, label column 'label')

Trains a triplet-loss encoder on the labelled cells of FILE and writes a 2-D/3-D map. FILE is a CSV/TSV (.gz
allowed), an AnnData .h5ad, a loom, a Cell Ranger .h5 or output folder, or a MatrixMarket .mtx (by content).
${Math.round(OPTION_SCHEMA.holdout.default * 100)}% of each class is held out and the report says how well the map places those cells.

Output
  --out FILE            coordinates CSV: the input's own id and label column names, then split, x, y[, z]
                        (d4, d5… beyond 3 dims), predicted_label and confidence (hold-out and
                        unlabeled cells: the kNN-5 vote of the training cells in the map and the
                        share that voted for it; empty for training cells)
                        (default: <input name>.coords.csv in the current folder;
                        a Cell Ranger folder's name is its sample's: sampleA/outs/filtered_feature_bc_matrix
                        → sampleA.coords.csv)
                        FILE.h5ad: an AnnData file for scanpy/cellxgene: the input's obs + split and
                        predicted labels, var/X of the genes used, obsm['X_tripletlens'], uns report;
                        trained on --input obsm:NAME: the input's own X and var (copied from FILE as
                        the result is written) and the embedding as obsm[NAME]; FILE.tsv or FILE.txt:
                        tab-separated; FILE.csv.gz: the CSV gzip-compressed (a FILE.h5ad.gz, a FILE.xlsx,
                        .loom or .h5, or a folder/ is refused)
  --report FILE         run report JSON    (default: --out with .run.json in place of .coords.csv, .csv, .tsv,
                        .txt or .h5ad, and of a .gz after them); FILE.json, or FILE.json.gz gzip-compressed
                        (another extension, such as FILE.csv, is refused: the report is JSON only)
  --model DIR           save the trained model folder (for 'tripletlens embed')   (default: not saved)
  --json                print a summary JSON on stdout (a failure too: {"error": …, "kind": …})
  --quiet               no progress or summary on stderr; warnings are still printed there
  -h, --help            show this help
Training
  --label COL           the metadata column holding cell types (required; --sample: label)
${optionsHelp('trainer', 'run')}
Preprocessing
${optionsHelp('preprocess')}
Import
${IMPORT_HELP}
Outputs are written together when training succeeds (none are left half-written); an output that is an
input or another output is refused before anything runs.
Exit codes: 0 done, 1 data, training or write error, 2 bad arguments (incl. clashing paths),
130 stopped by Ctrl-C, 143 by SIGTERM (nothing written).
`;
