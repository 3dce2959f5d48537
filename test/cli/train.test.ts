import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { withTmpfs } from '../util/tmpfs.js';
import { copyFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot, sharedDataPath } from '../../src/util/paths.js';
import { parseCsv, runCli, spawnCli, tempDir } from './helpers.js';
import { requireLabelColumn } from '../../src/cli/commands/train.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { OPTION_SCHEMA } from '../../src/api/option-schema.js';
import { noHoldoutNote } from '../../src/engine/regime.js';
import { rowWords } from '../../src/api/file-format.js';
import type { ExpressionTable } from '../../src/data/types.js';

const PBMC_SMALL = sharedDataPath('pbmc_small_lognorm.csv');
const IRIS = sharedDataPath('sklearn_iris.csv');

let dir = '';
let cleanup = async () => {};
before(async () => ({ dir, cleanup } = await tempDir()));
after(() => cleanup());

test('train writes coordinates, report and model; --json prints the summary', async () => {
  const out = join(dir, 'pbmc.csv');
  const report = join(dir, 'run.json');
  const model = join(dir, 'model');
  const r = await runCli([
    'train',
    PBMC_SMALL,
    '--label',
    'label',
    '--epochs',
    '3',
    '--out',
    out,
    '--report',
    report,
    '--model',
    model,
    '--json',
    '--quiet',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', '--quiet keeps stderr empty');
  const rows = parseCsv(await readFile(out, 'utf8'));
  assert.deepEqual(rows[0], ['id', 'label', 'split', 'x', 'y', 'z', 'predicted_label', 'confidence']);
  assert.equal(rows.length, 81);
  const input = parseCsv(await readFile(PBMC_SMALL, 'utf8'));
  assert.deepEqual(
    rows.slice(1).map((row) => row[0]),
    input.slice(1).map((row) => row[0]),
    'one row per input cell, input order',
  );
  assert.deepEqual(new Set(rows.slice(1).map((row) => row[2])), new Set(['train', 'holdout']));
  for (const row of rows.slice(1)) for (const v of row.slice(3, 6)) assert.ok(Number.isFinite(Number(v)), v);

  const run = JSON.parse(await readFile(report, 'utf8'));
  const sha = createHash('sha256')
    .update(await readFile(PBMC_SMALL))
    .digest('hex');
  assert.equal(run.input.sha256, sha);
  assert.equal(run.seed, 0);
  assert.ok(run.backend.backend);
  assert.ok(run.versions.tripletlens);
  assert.ok(run.recipe);
  assert.equal(run.parameters.epochs, 3);
  // every option of the one schema with the value the run used, defaults included (parameters leaves the
  // preprocessing defaults and the engine's computed values out): a run can be repeated after a default changes
  assert.deepEqual(Object.keys(run.options), Object.keys(OPTION_SCHEMA));
  assert.equal(run.options.epochs, 3);
  assert.equal(run.options.classEvidence, OPTION_SCHEMA.classEvidence.default);
  assert.equal(run.options.topGenes, OPTION_SCHEMA.topGenes.default);
  assert.equal(run.options.zscore, true);
  assert.equal(run.options.normalize, 'auto');
  assert.equal(run.options.learningRate, run.training.learningRate);
  assert.equal(run.options.splitSeed, run.seed, 'an unset split seed is the run seed');
  assert.equal(run.options.snapshotEvery, 0, 'the CLI draws no live map');
  for (const [key, value] of Object.entries(run.parameters)) {
    if (key in OPTION_SCHEMA) assert.deepEqual(run.options[key], value, key);
  }
  // how many steps ran, in all and per epoch (80 cells: 64 train at most, one step an epoch of 128)
  assert.equal(run.training.stepsRun, 3);
  // the learning rate used is recorded (64 training cells whose classes overlap in the input: the base 0.001)
  assert.equal(run.training.learningRate, 0.001);
  assert.deepEqual(
    run.training.history.map((h: { steps: number }) => h.steps),
    [1, 1, 1],
  );
  for (const key of [
    'knn_holdout',
    'knn_train',
    'knn_holdout_pca',
    'knn_holdout_input',
    'silhouette',
    'trustworthiness',
  ]) {
    assert.equal(typeof run.metrics[key], 'number', key);
  }
  const summary = JSON.parse(r.stdout);
  assert.deepEqual(summary.metrics, run.metrics);
  assert.equal(summary.backend, run.backend.backend);
  assert.equal(summary.paths.model, model);
  assert.ok((await readFile(join(model, 'model.json'), 'utf8')).includes('tripletlens-model'));
});

test('train --dims 2 writes x and y only; progress lines go to stderr when not quiet', async () => {
  const out = join(dir, 'iris2d.csv');
  const r = await runCli(['train', IRIS, '--label', 'label', '--dims', '2', '--epochs', '2', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /epoch 2\/2/);
  // the last progress line has no step left: it says finishing, not a time left; the summary counts the steps run
  assert.match(r.stderr, /epoch 2\/2 .* {2}finishing\n/);
  // how the run ended in words, as the app says it, not the code "(completed)"
  assert.match(r.stderr, /2 epochs, \d+ steps in [\d.]+s \(all epochs completed\)\n/);
  assert.match(r.stderr, /held-out kNN-5 accuracy/);
  // the outputs named by what they are
  assert.ok(
    r.stderr.endsWith(`coordinates: ${out}\nrun report: ${join(dir, 'iris2d.run.json')}\n`),
    r.stderr,
  );
  // the outputs' writing is said, naming the coordinates file, before the summary
  assert.match(r.stderr, /\nwriting \S*iris2d\.csv…\n(?:.*\n)*held-out kNN-5 accuracy/);
  assert.deepEqual(parseCsv(await readFile(out, 'utf8'))[0], [
    'id',
    'label',
    'split',
    'x',
    'y',
    'predicted_label',
    'confidence',
  ]);
});

test('train --out x.h5ad: the summary calls it an AnnData file, which holds more than coordinates', async () => {
  const out = join(dir, 'iris.h5ad');
  const r = await runCli(['train', IRIS, '--label', 'label', '--epochs', '1', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`^AnnData file: ${out.replace(/[.\\/]/g, '\\$&')}$`, 'm'));
  assert.doesNotMatch(r.stderr, /^coordinates: /m);
});

test('without --report the report goes beside --out, named after it (as train --help says)', async () => {
  const sub = join(dir, 'report-beside-out');
  await mkdir(sub);
  const r = await runCli([
    'train',
    IRIS,
    '--label',
    'label',
    '--epochs',
    '2',
    '--quiet',
    '--out',
    join(sub, 'map.csv'),
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual((await readdir(sub)).sort(), ['map.csv', 'map.run.json']);
});

test('the same seed gives byte-identical coordinates', async () => {
  const a = join(dir, 'a.csv');
  const b = join(dir, 'b.csv');
  const base = ['train', IRIS, '--label', 'label', '--epochs', '3', '--seed', '11', '--quiet'];
  assert.equal((await runCli([...base, '--out', a])).code, 0);
  assert.equal((await runCli([...base, '--out', b])).code, 0);
  assert.equal(await readFile(a, 'utf8'), await readFile(b, 'utf8'));
});

test('a label column that does not exist is exit 2 listing the valid columns', async () => {
  const r = await runCli(['train', PBMC_SMALL, '--label', 'celltype', '--out', join(dir, 'x.csv')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /'celltype'/);
  assert.match(r.stderr, /label, RNA_snn_res\.0\.8, letter\.idents, groups/);
  // a near miss names the one column it likely meant, before the list
  const near = await runCli(['train', PBMC_SMALL, '--label', 'Labels', '--out', join(dir, 'x.csv')]);
  assert.equal(near.code, 2);
  assert.match(
    near.stderr,
    /no label column 'Labels' in .*\. Did you mean 'label'\? Valid label columns: label,/,
  );
  assert.doesNotMatch(r.stderr, /Did you mean/);
  const gene = await runCli(['train', PBMC_SMALL, '--label', 'CD79B', '--out', join(dir, 'x.csv')]);
  assert.equal(gene.code, 2);
  assert.match(gene.stderr, /add --meta CD79B/);
  // two sentences, not "…letter.idents, groups 'CD79B' was read…"
  assert.match(
    gene.stderr,
    /Valid label columns: label, RNA_snn_res\.0\.8, letter\.idents, groups\. 'CD79B' was read/,
  );
});

// A user trial: a loom whose col_attrs are only QC numbers (TotalUMI, nGene) listed them as 'Valid label
// columns', and --label nGene trained a map of 117 one-number 'classes' (held-out kNN 0.025) without a word;
// the app's label picker offers neither.
test('a continuous column is no label: not listed, refused, and a file of only such columns is told to add labels', () => {
  const cells = 60;
  const loom: ExpressionTable = {
    source: 'velocyto.loom',
    idColumn: 'CellID',
    ids: Array.from({ length: cells }, (_, i) => `c${i}`),
    genes: ['G0'],
    values: { rows: cells, cols: 1, data: new Float32Array(cells) },
    metadata: [
      { name: 'TotalUMI', values: Array.from({ length: cells }, (_, i) => String(500 + i * 7)) },
      { name: 'nGene', values: Array.from({ length: cells }, (_, i) => String(100 + i)) },
    ],
    warnings: [],
    format: { kind: 'loom', matrix: 'matrix', layers: [], obsm: [] },
  };
  const usage = (label: string | undefined, table: ExpressionTable) => {
    try {
      requireLabelColumn(table, label);
    } catch (err) {
      assert.ok(err instanceof UsageError, String(err));
      return err.message;
    }
    assert.fail(`--label ${label} was accepted`);
  };
  assert.match(
    usage(undefined, loom),
    /No column of velocyto\.loom holds cell labels \(TotalUMI, nGene: continuous values\); add cell types with --meta-file FILE/,
  );
  assert.match(
    usage('nGene', loom),
    /'nGene' of velocyto\.loom holds continuous values \(60 distinct numbers\), not cell types\. No column/,
  );
  const withClusters: ExpressionTable = {
    ...loom,
    metadata: [...loom.metadata, { name: 'Clusters', values: loom.ids.map((_, i) => String(i % 4)) }],
  };
  assert.match(
    usage(undefined, withClusters),
    /Valid label columns: Clusters\. Suggested: --label Clusters$/,
  );
  assert.match(usage('TotalUMI', withClusters), /not cell types\. Valid label columns: Clusters\.$/);
  assert.equal(requireLabelColumn(withClusters, 'Clusters'), 'Clusters');
});

test('a refused label column counts its classes or numbers grouped, as the app writes counts', () => {
  const cells = 1200;
  const table: ExpressionTable = {
    source: 'atlas.h5ad',
    idColumn: 'obs_names',
    ids: Array.from({ length: cells }, (_, i) => `c${i}`),
    genes: ['G0'],
    values: { rows: cells, cols: 1, data: new Float32Array(cells) },
    metadata: [
      { name: 'barcode', values: Array.from({ length: cells }, (_, i) => `AAAC${i}`) },
      { name: 'pct_mt', values: Array.from({ length: cells }, (_, i) => String(i + 0.5)) },
    ],
    warnings: [],
    format: { kind: 'h5ad', matrix: 'X', layers: [], obsm: [] },
  };
  const message = (label: string) => {
    try {
      requireLabelColumn(table, label);
    } catch (err) {
      return String((err as Error).message);
    }
    return assert.fail(`--label ${label} was accepted`);
  };
  assert.match(message('barcode'), /\(1\u202f200 classes of one cell\): it looks like an id/);
  assert.match(message('pct_mt'), /holds continuous values \(1\u202f200 distinct numbers\)/);
});

test('bad arguments are exit 2 naming the valid choices, before reading the file', async () => {
  const sampler = await runCli(['train', 'does-not-matter.csv', '--label', 'x', '--sampler', 'best']);
  assert.equal(sampler.code, 2);
  assert.match(sampler.stderr, /random, balanced, semi-hard, hard, batch-all/);
  // a mistyped choice gets the nearest one, as a mistyped option name does
  const typo = await runCli(['train', 'f.csv', '--label', 'x', '--sampler', 'semihard']);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /--sampler must be one of: .*; got 'semihard'; did you mean 'semi-hard'\?/);
  assert.doesNotMatch(sampler.stderr, /did you mean/, "'best' is no typo of a sampler");
  const dims = await runCli(['train', 'f.csv', '--label', 'x', '--dims', 'three']);
  assert.equal(dims.code, 2);
  assert.match(dims.stderr, /--dims must be an integer/);
  const unknown = await runCli(['train', 'f.csv', '--labels', 'x']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--label,/);
  const none = await runCli(['train']);
  assert.equal(none.code, 2);
});

test('a missing --label lists the candidate columns (exit 2)', async () => {
  const r = await runCli(['train', IRIS, '--out', join(dir, 'y.csv')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--label COL is required.*label/);
});

test('data errors are exit 1 with file, line and column, and no stack trace (built CLI)', async () => {
  const bad = join(dir, 'bad.csv');
  await writeFile(bad, 'id,label,g1,g2\na,x,1,2\nb,y,3,4,5\nc,x,5,6\n');
  const out = join(dir, 'never.csv');
  const r = spawnCli(['train', bad, '--label', 'label', '--out', out, '--quiet'], dir);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /bad\.csv, line 3, column 5/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  await assert.rejects(readFile(out), { code: 'ENOENT' });
  const missing = spawnCli(['train', join(dir, 'nope.csv'), '--label', 'label'], dir);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nope\.csv/);
});

test('--help documents every contract option and exits 0', async () => {
  const r = await runCli(['train', '--help']);
  assert.equal(r.code, 0);
  for (const option of [
    '--label',
    '--dims',
    '--out',
    '--model',
    '--report',
    '--seed',
    '--epochs',
    '--holdout',
    '--sampler',
    '--loss',
    '--distance',
    '--margin',
    '--preset',
    '--quiet',
    '--json',
    '--sample',
  ]) {
    assert.ok(r.stdout.includes(option), option);
  }
  const embed = await runCli(['embed', '--help']);
  assert.equal(embed.code, 0);
  assert.match(embed.stdout, /--model DIR/);
});

test('--model pointing at a folder that is not a model is refused before training (exit 1)', async () => {
  const notes = join(dir, 'notes');
  await mkdir(notes, { recursive: true });
  await writeFile(join(notes, 'keep.txt'), 'mine');
  const out = join(dir, 'z.csv');
  const r = await runCli(['train', IRIS, '--label', 'label', '--model', notes, '--out', out, '--quiet']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /not a TripletLens model folder/);
  await assert.rejects(readFile(out), { code: 'ENOENT' });
  assert.equal(await readFile(join(notes, 'keep.txt'), 'utf8'), 'mine');
});

test('numeric arguments are checked before the import: exit 2 with the valid range (issue 10)', async () => {
  // the file does not exist, so reaching the import would be exit 1
  const cases: [string[], RegExp][] = [
    [['--margin', '-1'], /--margin must be a number from 0 to 1000000; got '-1'/],
    [['--batch-size', '1'], /--batch-size must be an integer from 2 to 100000; got '1'/],
    [['--seed', ''], /--seed must be an integer from 0 to 4294967295; got ''/],
    [['--seed', '0x10'], /--seed must be an integer from 0 to 4294967295; got '0x10'/],
    [['--seed', '1e3'], /--seed must be an integer from 0 to 4294967295; got '1e3'/],
    [['--seed', '-3'], /--seed must be an integer from 0 to 4294967295; got '-3'/],
    [['--epochs', '2.5'], /--epochs must be an integer from 1 to 1000000/],
    [['--dims', '-2'], /--dims must be an integer from 1 to 10; got '-2'/],
    [['--holdout', '0.95'], /--holdout must be a number from 0 to 0\.9/],
    [['--learning-rate', '0x1'], /--learning-rate must be a number from 1e-9 to 10/],
    [['--patience', '-1'], /--patience must be an integer from 0 to 1000000/],
    [['--center-loss', '-0.5'], /--center-loss must be a number from 0 to 1000000/],
    [['--top-genes', '1e3'], /--top-genes must be an integer from 0 to 1000000/],
    [['--pca', '-1'], /--pca must be an integer from 0 to 10000/],
    [['--clip', '-1'], /--clip must be a number ≥ 0/],
    [['--target-sum', '0'], /--target-sum must be a number ≥ 1/],
  ];
  for (const [option, message] of cases) {
    const r = await runCli(['train', join(dir, 'no-such-input.csv'), '--label', 'label', ...option]);
    assert.equal(r.code, 2, `${option.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /ambiguous/);
  }
});

test('an output that is an input or another output is refused before any work (exit 2, issue 10)', async () => {
  const data = join(dir, 'clash-input.csv');
  await copyFile(IRIS, data);
  const before = await readFile(data, 'utf8');
  await symlink(data, join(dir, 'clash-link.csv'));
  await symlink(data, join(dir, 'clash-link.json'));
  const base = ['train', data, '--label', 'label', '--epochs', '1', '--quiet'];
  const cases: [string[], RegExp][] = [
    [['--out', data], /the input FILE and --out are the same path \(.*clash-input\.csv\)/],
    [['--out', join(dir, 'clash-link.csv')], /the input FILE and --out are the same path/],
    [
      ['--out', join(dir, 'c.json'), '--report', join(dir, 'c.json')],
      /--out and --report are the same path \(.*c\.json\)/,
    ],
    // through a link named .json: a --report name of another extension is refused before the clash check
    [['--report', join(dir, 'clash-link.json')], /the input FILE and --report are the same path/],
    [['--meta-file', IRIS, '--out', IRIS], /--meta-file and --out are the same path|the input FILE/],
    [
      ['--model', join(dir, 'm'), '--report', join(dir, 'm', 'run.json')],
      /--report \(.*run\.json\) is inside the --model folder/,
    ],
    [['--model', dir], /the input FILE \(.*\) is inside the --model folder/],
    [['--out', ''], /--out needs a path; got ''/],
  ];
  for (const [options, message] of cases) {
    const r = await runCli([...base, ...options]);
    assert.equal(r.code, 2, `${options.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  assert.equal(await readFile(data, 'utf8'), before, 'the input is untouched');
  await assert.rejects(readFile(join(dir, 'c.csv')), { code: 'ENOENT' });
});

test('--model on a read-only disk fails before training, naming the destination (exit 1)', async (t) => {
  const mount = join(dir, 'ro-disk');
  await mkdir(mount);
  await withTmpfs(t, mount, 'ro,size=64k', async () => {
    const out = join(dir, 'ro-coords.csv');
    const r = await runCli([
      'train',
      IRIS,
      '--label',
      'label',
      '--out',
      out,
      '--model',
      join(mount, 'model'),
    ]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(
        `tripletlens train: cannot write --model ${join(mount, 'model')}: the file system is read-only`,
      ),
    );
    assert.doesNotMatch(r.stderr, /reading|epoch|\.tmp-|probe/, 'nothing ran, no temporary named');
    await assert.rejects(readFile(out), { code: 'ENOENT' });
  });
});

test('a disk that fills up at the end leaves no new output and the old ones intact (exit 1)', async (t) => {
  const mount = join(dir, 'full-disk');
  await mkdir(mount);
  await withTmpfs(t, mount, 'size=64k', async () => {
    const out = join(mount, 'coords.csv');
    await writeFile(out, 'old coordinates');
    const r = await runCli([
      'train',
      PBMC_SMALL,
      '--label',
      'label',
      '--epochs',
      '1',
      '--quiet',
      '--out',
      out,
      '--report',
      join(mount, 'run.json'),
      '--model',
      join(mount, 'model'),
    ]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /^tripletlens train: cannot write --\w+ .*full-disk.*: the disk is full \(no space left on device\)/m,
    );
    assert.doesNotMatch(r.stderr, /\.tmp-/, 'the message names the destination, not a temporary file');
    assert.equal(await readFile(out, 'utf8'), 'old coordinates');
    assert.deepEqual(await readdir(mount), ['coords.csv'], 'no run.json, no model, no temporaries');
  });
});

test('formula-like ids and labels reach coords.csv as text, never as formulas (OWASP, issue 10)', async () => {
  const ids = [
    '=1+1',
    '"\t=2+2"',
    '@SUM(1)',
    '+cmd',
    '-1+1',
    '"\r=3"',
    'plain',
    '-7',
    'c9',
    'c10',
    'c11',
    'c12',
  ];
  const labels = ['"=HYPERLINK(""http://x"")"', '"\t@SUM(2)"', '-b'];
  const lines = ids.map((id, i) => `${id},${labels[i % 3]},${i % 3},${(i * 7) % 5},${i % 2}`);
  const data = join(dir, 'formulas.csv');
  await writeFile(data, `id,label,g1,g2,g3\n${lines.join('\n')}\n`);
  const out = join(dir, 'formulas.coords.csv');
  const r = await runCli([
    'train',
    data,
    '--label',
    'label',
    '--epochs',
    '1',
    '--dims',
    '2',
    '--quiet',
    '--out',
    out,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const rows = parseCsv(await readFile(out, 'utf8')).slice(1);
  assert.equal(rows.length, ids.length);
  for (const row of rows) {
    // the predicted label is a label too
    for (const field of [...row.slice(0, 2), row[5]]) {
      assert.doesNotMatch(field, /^[=+@\t\r]|^-(?!\d+$)/, field);
    }
    for (const field of row.slice(3, 5)) assert.ok(Number.isFinite(Number(field)), `coordinate ${field}`);
  }
  assert.deepEqual(
    rows.map((row) => row[0]).filter((id) => id.startsWith("'")),
    ["'=1+1", "'=2+2", "'@SUM(1)", "'+cmd", "'-1+1", "'=3"],
  );
  assert.equal(rows[7][0], '-7', 'a numeric id stays a number');
  // a label's spaces around it are not kept (a tab too: '\t@SUM(2)' is read as '@SUM(2)'), and it is escaped
  assert.deepEqual(
    new Set(rows.map((row) => row[1])),
    new Set(['\'=HYPERLINK("http://x")', "'@SUM(2)", "'-b"]),
  );
});

test('a Cell Ranger folder has no labels: train says to add them with --meta-file (not --meta)', async () => {
  const tenx = join(packageRoot(), 'test', 'fixtures', 'formats', 'tenx_v3');
  for (const label of [[], ['--label', 'cell_type']]) {
    const r = await runCli(['train', tenx, ...label, '--out', join(dir, 'tenx.csv')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /tenx_v3 holds no cell metadata; add cell types with --meta-file FILE/);
    assert.doesNotMatch(r.stderr, /--meta COL/);
  }
});

// A walkthrough: two samples' Cell Ranger folders both gave filtered_feature_bc_matrix.coords.csv (and .run.json),
// the second run's over the first's. The default names are the sample's, above outs (src/api/output-stem.ts).
test('default output names of a Cell Ranger folder are its sample name, for train and embed (built CLI)', async () => {
  const formats = join(packageRoot(), 'test', 'fixtures', 'formats');
  const work = join(dir, 'samples');
  for (const sample of ['sampleA', 'sampleB']) {
    await mkdir(join(work, sample, 'outs', 'filtered_feature_bc_matrix'), { recursive: true });
    for (const name of await readdir(join(formats, 'tenx_v3'))) {
      const folder = join(work, sample, 'outs', 'filtered_feature_bc_matrix');
      await copyFile(join(formats, 'tenx_v3', name), join(folder, name));
    }
  }
  const meta = join(formats, 'cells_meta.csv');
  const train = ['train', '--label', 'cell_type', '--meta-file', meta, '--epochs', '1', '--quiet'];
  for (const sample of ['sampleA', 'sampleB']) {
    const input = join(work, sample, 'outs', 'filtered_feature_bc_matrix');
    const r = spawnCli([...train.slice(0, 1), input, ...train.slice(1), '--model', `${sample}.model`], work);
    assert.equal(r.code, 0, r.stderr);
  }
  // a relative path from inside outs is named by the folders above it
  const embed = ['embed', 'filtered_feature_bc_matrix', '--model', join(work, 'sampleA.model'), '--quiet'];
  const e = spawnCli(embed, join(work, 'sampleA', 'outs'));
  assert.equal(e.code, 0, e.stderr);
  const written = (await readdir(work)).filter((n) => n.endsWith('.csv') || n.endsWith('.json'));
  assert.deepEqual(written.sort(), [
    'sampleA.coords.csv',
    'sampleA.run.json',
    'sampleB.coords.csv',
    'sampleB.run.json',
  ]);
  assert.ok((await readdir(join(work, 'sampleA', 'outs'))).includes('sampleA.embedded.csv'));
});

// A walkthrough: a 10x folder's labels come from its --meta-file, and a mistyped --label was refused as "no label
// column 'CellType' in …/tenx_v3", naming only the folder, which holds no columns at all.
test('a mistyped --label with a --meta-file names both the data and the metadata file', async () => {
  const formats = join(packageRoot(), 'test', 'fixtures', 'formats');
  const tenx = join(formats, 'tenx_v3');
  const meta = join(formats, 'cells_meta.csv');
  const r = await runCli([
    ...['train', tenx, '--meta-file', meta, '--label', 'CellType'],
    ...['--out', join(dir, 'tenx-meta.csv')],
  ]);
  assert.equal(r.code, 2, r.stderr);
  assert.ok(
    r.stderr.includes(
      `there is no label column 'CellType' in ${tenx} or its --meta-file ${meta}. Did you mean 'cell_type'?`,
    ),
    r.stderr,
  );
});

// A user audit: --missing drop-row left 1 of 150 cells, and the message said the label column "looks like an
// id, not a cell type" (exit 2).
test('a table left with a few cells, none sharing a class, is exit 1 saying so and what the import left out', async () => {
  const file = join(dir, 'mostly-na.csv');
  const rows = Array.from({ length: 30 }, (_, i) => `c${i},${'AB'[i % 2]},${i},${i === 0 ? 1 : 'NA'}`);
  await writeFile(file, `id,label,G1,G2\n${rows.join('\n')}\n`);
  const r = await runCli([
    'train',
    file,
    '--label',
    'label',
    '--missing',
    'drop-row',
    '--out',
    join(dir, 'na.csv'),
  ]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /tripletlens train: .*mostly-na\.csv holds only 1 labelled row in 'label': triplet training needs two or more rows of one class\. 29 row\(s\) with missing values were left out \(29 missing values; the first on line 3\)\.\n$/,
  );
});

test('a label column of one cell per class (an id or barcode column) is exit 2 naming the column and a better one', async () => {
  const h5ad = join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad');
  const r = await runCli(['train', h5ad, '--label', 'barcode_seq', '--out', join(dir, 'bs.csv')]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    /\ntripletlens train: the label column 'barcode_seq' of .*csr\.h5ad has no class with two or more cells \(40 classes of one cell\): it looks like an id, not a cell type\. Suggested label column: cell_type\n$/,
  );
});

test('on a table of 30 cells or fewer, trustworthiness is n/a and the summary, run.json and --json say why', async () => {
  const file = join(dir, 'tiny-trust.csv');
  const lines = ['cell,label,g1,g2,g3,g4,g5,g6'];
  for (let c = 0; c < 24; c++) {
    const cls = c % 3;
    const genes = Array.from({ length: 6 }, (_, g) =>
      ((g === cls * 2 ? 5 : 0) + ((c * 7 + g * 3) % 5) / 4).toFixed(2),
    );
    lines.push([`c${c}`, `t${cls}`, ...genes].join(','));
  }
  await writeFile(file, `${lines.join('\n')}\n`);
  const out = join(dir, 'tiny-trust.coords.csv');
  const r = await runCli(['train', file, '--label', 'label', '--epochs', '1', '--out', out, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const why =
    // a CSV's rows are rows (api/file-format.ts rowWords): it may be a bulk panel of samples
    "n/a — needs more than 30 rows, this table has 24 (it compares each row's 15 nearest neighbours in the data and in the map)";
  assert.match(r.stderr, new RegExp(`trustworthiness ${why.replace(/[()]/g, '\\$&')}\n`));
  // a walkthrough: the line ended in a bare "regime small"
  assert.match(
    r.stderr,
    /\nregime small \(19 training rows, at most 100: the settings measured on tables of tens of cells or samples, such as bulk panels: no neighbour-graph term\)\n/,
  );
  const report = JSON.parse(await readFile(join(dir, 'tiny-trust.run.json'), 'utf8')) as {
    metrics: { trustworthiness: number | null };
    metricNotes?: Record<string, string>;
  };
  assert.equal(report.metrics.trustworthiness, null);
  assert.equal(report.metricNotes?.trustworthiness, why);
  assert.equal(
    (JSON.parse(r.stdout) as { metricNotes?: Record<string, string> }).metricNotes?.trustworthiness,
    why,
  );
});

/**
 * Trains `file` one epoch at `holdout`, writing `<name>.coords.csv`; the CLI's stderr, and run.json's split and
 * held-out metrics, each checked to be null, with their notes.
 */
async function heldOutNotes(
  name: string,
  file: string,
  holdout: string,
): Promise<{ stderr: string; holdout: number; notes: Record<string, string> }> {
  const out = join(dir, `${name}.coords.csv`);
  const r = await runCli([
    'train',
    file,
    '--label',
    'label',
    '--epochs',
    '1',
    '--holdout',
    holdout,
    '--out',
    out,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(await readFile(join(dir, `${name}.run.json`), 'utf8')) as {
    split: { holdout: number };
    metrics: Record<string, number | null>;
    metricNotes?: Record<string, string>;
  };
  for (const metric of HELD_OUT_METRICS) assert.equal(report.metrics[metric], null, metric);
  return { stderr: r.stderr, holdout: report.split.holdout, notes: report.metricNotes ?? {} };
}

const HELD_OUT_METRICS = ['knn_holdout', 'knn_holdout_pca', 'knn_holdout_input'];

// A walkthrough: `--holdout 0` printed "held-out kNN-5 accuracy n/a" without saying why.
test('--holdout 0: the summary and run.json say there is no hold-out; the metrics stay null', async () => {
  const r = await heldOutNotes('no-holdout', PBMC_SMALL, '0');
  assert.equal(r.holdout, 0);
  // a CSV's rows are rows (api/file-format.ts rowWords)
  const note = noHoldoutNote(rowWords('text'));
  for (const metric of HELD_OUT_METRICS) assert.equal(r.notes[metric], note, metric);
  assert.match(note, /^no hold-out \(holdout 0\): every labelled row trained the map/);
  assert.ok(r.stderr.includes(note), r.stderr);
});

// A walkthrough (a bulk panel of 26 samples): --holdout 0.01 held out no sample (round(26 × 0.01) is 0) and the
// summary read a bare "held-out kNN-5 accuracy n/a".
test('a hold-out > 0 that holds out no cell: the summary and run.json say why the held-out metrics are n/a', async () => {
  const r = await heldOutNotes('empty-holdout', IRIS, '0.001');
  assert.equal(r.holdout, 0);
  for (const metric of HELD_OUT_METRICS) {
    assert.match(
      r.notes[metric] ?? '',
      /^no row held out \(holdout 0\.001\): 0\.1% of 150 labelled rows rounds to 0/,
      metric,
    );
  }
  assert.match(r.stderr, /held-out note: no row held out/);
});

// A walkthrough (a bulk panel of 26 samples in classes of 2–5): the summary read "held-out kNN-5 accuracy 1.000
// (…); train 0.524" with a note on the hold-out only, as if the map placed its own training samples badly.
test('classes of under 4 training cells: the summary, run.json and the app read why the training kNN-5 is low', async () => {
  const file = join(dir, 'tiny-train.csv');
  const sizes = [2, 3, 3, 5, 5, 6];
  const lines = ['sample,label,g1,g2,g3,g4,g5,g6'];
  sizes.forEach((n, cls) => {
    for (let c = 0; c < n; c++) {
      const genes = Array.from({ length: 6 }, (_, g) =>
        ((g === cls ? 6 : 0) + ((c * 7 + g * 3) % 5) / 4).toFixed(2),
      );
      lines.push([`s${cls}_${c}`, `t${cls}`, ...genes].join(','));
    }
  });
  await writeFile(file, `${lines.join('\n')}\n`);
  const out = join(dir, 'tiny-train.coords.csv');
  const r = await runCli(['train', file, '--label', 'label', '--epochs', '1', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(await readFile(join(dir, 'tiny-train.run.json'), 'utf8')) as {
    classes: { train: number }[];
    metricNotes?: Record<string, string>;
    metrics: { knn_holdout: number };
    split: { holdout: number };
  };
  const small = report.classes.filter((c) => c.train > 0 && c.train < 4);
  const total = report.classes.reduce((n, c) => n + c.train, 0);
  assert.ok(small.length > 0, JSON.stringify(report.classes));
  const note = report.metricNotes?.knn_train ?? '';
  assert.match(
    note,
    new RegExp(
      `^${small.reduce((n, c) => n + c.train, 0)} of ${total} training rows are in classes of fewer than 4 ` +
        `training rows \\(${small.length} of ${report.classes.length} classes\\): each has at most 2 of its class`,
    ),
  );
  // one note a line (a walkthrough: both notes made one line of ~400 characters after the accuracies)
  const hold = report.metricNotes?.knn_holdout ?? '';
  assert.match(hold, /^too small a hold-out/);
  const said = r.stderr.split('\n');
  assert.ok(said.includes(`held-out note: ${hold}`), r.stderr);
  assert.ok(said.includes(`train note: ${note}`), r.stderr);
  assert.ok(
    said.some((l) => /^held-out kNN-5 accuracy [^—]*; train \d\.\d{3}$/.test(l)),
    r.stderr,
  );
  // the accuracy says how many held-out rows it counts (a walkthrough read a bare "1.000" of 7 samples)
  assert.ok(
    said.some((l) =>
      l.startsWith(
        `held-out kNN-5 accuracy ${report.metrics.knn_holdout.toFixed(3)} of ${report.split.holdout} rows (PCA-`,
      ),
    ),
    r.stderr,
  );
});

// A walkthrough: `train … --meta-file` printed "warning: Metadata file …: 40 of 40 cells matched." when every
// cell matched. A full match is information (inspect shows it as a Note); a partial match stays a warning.
test('--meta-file that matches every cell prints no warning; a partial match does', async () => {
  const formats = join(packageRoot(), 'test', 'fixtures', 'formats');
  const meta = join(formats, 'cells_meta.csv');
  const args = (metaFile: string, out: string) => [
    'train',
    join(formats, 'tenx_v3'),
    '--label',
    'cell_type',
    '--meta-file',
    metaFile,
    '--epochs',
    '2',
    '--out',
    join(dir, out),
  ];
  const full = await runCli(args(meta, 'meta-full.csv'));
  assert.equal(full.code, 0, full.stderr);
  assert.doesNotMatch(full.stderr + full.stdout, /warning: .*Metadata file/);
  const report = JSON.parse(await readFile(join(dir, 'meta-full.run.json'), 'utf8')) as {
    warnings: string[];
  };
  assert.ok(!report.warnings.some((w) => w.startsWith('Metadata file')), JSON.stringify(report.warnings));
  const lines = (await readFile(meta, 'utf8')).trimEnd().split('\n');
  const partialMeta = join(dir, 'partial_meta.csv');
  await writeFile(partialMeta, `${lines.slice(0, lines.length - 4).join('\n')}\n`);
  const partial = await runCli(args(partialMeta, 'meta-partial.csv'));
  assert.equal(partial.code, 0, partial.stderr);
  assert.match(
    partial.stderr + partial.stdout,
    /warning: \S*tenx_v3: Metadata file .*36 of 40 cells matched; 4 cells have no metadata/,
  );
  const inspect = await runCli(['inspect', join(formats, 'tenx_v3'), '--meta-file', meta]);
  assert.match(inspect.stdout, /Note: Metadata file .*40 of 40 cells matched\./);
});

// A walkthrough: `train --quiet` said it hides progress, but it hid the warnings too (a repeated cell id
// renamed, cells without a label): a script's log lost them. --quiet keeps every warning on stderr.
test('--quiet hides progress and the summary, never the warnings', async () => {
  const rows = (await readFile(IRIS, 'utf8')).trimEnd().split('\n').slice(0, 61);
  rows[4] = rows[4]!.replace(/^([^,]+),[^,]+,/, '$1,,'); // one cell without a label
  const input = join(dir, 'quiet-warnings.csv');
  await writeFile(input, `${[...rows, rows[1]].join('\n')}\n`); // the first cell's id repeated
  const base = ['train', input, '--label', 'label', '--epochs', '1'];
  const loud = await runCli([...base, '--out', join(dir, 'loud.csv')]);
  assert.equal(loud.code, 0, loud.stderr);
  const warnings = loud.stderr.split('\n').filter((line) => line.startsWith('warning: '));
  assert.equal(warnings.length, 2, loud.stderr);
  // an import warning names the file (without the progress, no "reading FILE…" line says it)
  assert.ok(
    warnings.includes(
      `warning: ${input}: Duplicate row ids renamed: iris_000 → iris_000.1. The first repeat: line 62 repeats the id of line 2. Every row is kept; the outputs use the new ids.`,
    ),
    loud.stderr,
  );
  assert.match(warnings.join('\n'), /1 row has no label/);
  const quiet = await runCli([...base, '--out', join(dir, 'quiet.csv'), '--quiet']);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.equal(quiet.stderr, `${warnings.join('\n')}\n`, 'the same warnings, and nothing else');
  const help = await runCli(['train', '--help']);
  assert.match(help.stdout, /--quiet +no progress or summary on stderr; warnings are still printed/);
});

// A user walkthrough: a --meta-file that matched 2 of 6 cells left one class, and train stopped with "holds
// only one class" — the warning that said why (4 cells without metadata) came only with a finished run's summary.
test("a refused label column is preceded by the import's warnings, which may explain it", async () => {
  const data = join(dir, 'few-matched.csv');
  const meta = join(dir, 'few-matched-meta.csv');
  const cells = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
  await writeFile(data, ['id,G1,G2,G3', ...cells.map((c, i) => `${c},${i},${i + 1},${6 - i}`)].join('\n'));
  await writeFile(meta, 'id,cell_type\nc1,B\nc2,B\nx9,T\n');
  const r = await runCli([
    ...['train', data, '--meta-file', meta, '--label', 'cell_type', '--quiet'],
    ...['--out', join(dir, 'few-matched.coords.csv')],
  ]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /^warning: .*Metadata file .*few-matched-meta\.csv: 2 of 6 rows matched.*\ntripletlens train: .*holds only one class, 'B' \(2 rows\)/m,
  );
});

// `inspect` warns of classes spelt alike but for letter case ('Setosa' beside 'setosa'); train then said so only
// after the run, with its summary — minutes of training as if nothing were wrong. Said as training starts now,
// once, with --quiet too; kept apart (not merged silently), and in --json and the run report.
test('classes differing only in letter case are warned about once, before training, and in --json and the report', async () => {
  const rows = parseCsv(await readFile(IRIS, 'utf8'));
  const label = rows[0].indexOf('label');
  const first = rows[1][label];
  const capital = first.charAt(0).toUpperCase() + first.slice(1);
  // the first few rows of the first class spelt with a capital
  const spelt = rows.map((row, i) =>
    i > 0 && i <= 5 ? row.map((v, c) => (c === label ? capital : v)) : row,
  );
  const file = join(dir, 'case-variants.csv');
  await writeFile(file, spelt.map((row) => row.join(',')).join('\n') + '\n');
  const warning =
    /^warning: Label column 'label': classes differing only in letter case are trained as different classes: .*\n/gm;
  for (const quiet of [false, true]) {
    const report = join(dir, `case-variants-${quiet}.json`);
    const r = await runCli([
      ...['train', file, '--label', 'label', '--epochs', '1', '--json', ...(quiet ? ['--quiet'] : [])],
      ...['--out', join(dir, `case-variants-${quiet}.csv`), '--report', report],
    ]);
    assert.equal(r.code, 0, r.stderr);
    const printed = r.stderr.match(warning) ?? [];
    assert.equal(printed.length, 1, r.stderr);
    assert.ok(printed[0].includes(`'${capital}' (5) and '${first}' (`), printed[0]);
    // before the run's first stage, not with the summary
    if (!quiet) assert.match(r.stderr, /^reading .*…\nwarning: Label column 'label': .*\npreprocessing…\n/);
    else assert.equal(r.stderr, printed[0]);
    const text = printed[0].slice('warning: '.length, -1);
    const summary = JSON.parse(r.stdout) as { warnings: string[] };
    assert.ok(summary.warnings.includes(text), JSON.stringify(summary.warnings));
    const saved = JSON.parse(await readFile(report, 'utf8')) as { warnings: string[]; classes?: unknown };
    assert.ok(saved.warnings.includes(text), JSON.stringify(saved.warnings));
    // not merged: both spellings are classes of the map
    const coords = parseCsv(await readFile(join(dir, `case-variants-${quiet}.csv`), 'utf8'));
    const labels = new Set(coords.slice(1).map((row) => row[1]));
    assert.ok(labels.has(capital) && labels.has(first), [...labels].join(', '));
  }
});
