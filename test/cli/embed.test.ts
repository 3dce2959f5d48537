import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { packageRoot, sharedDataPath } from '../../src/util/paths.js';
import { tarDirectory } from '../../src/util/tar-archive.js';
import { parseCsv, runCli, tempDir } from './helpers.js';
import { writeScaledCsv } from '../engine/scaled-by-gene.js';

const PBMC_SMALL = sharedDataPath('pbmc_small_lognorm.csv');

let dir = '';
let cleanup = async () => {};
let model = '';
before(async () => {
  ({ dir, cleanup } = await tempDir());
  model = join(dir, 'model');
  const r = await runCli([
    'train',
    PBMC_SMALL,
    '--label',
    'label',
    '--epochs',
    '5',
    '--out',
    join(dir, 'train.csv'),
    '--model',
    model,
    '--quiet',
  ]);
  assert.equal(r.code, 0, r.stderr);
});
after(() => cleanup());

test('embed projects a file with fewer genes, reports the missing ones, predicts labels', async () => {
  // drop two gene columns (MS4A1, CD79B are columns 6 and 7) from the training file
  const rows = parseCsv(await readFile(PBMC_SMALL, 'utf8'));
  const trimmed = join(dir, 'fewer-genes.csv');
  await writeFile(trimmed, Papa.unparse(rows.map((row) => row.filter((_, c) => c !== 5 && c !== 6))));
  const out = join(dir, 'embedded.csv');
  const r = await runCli(['embed', trimmed, '--model', model, '--out', out, '--json']);
  assert.equal(r.code, 0, r.stderr);
  // A user walkthrough: "(filled after preprocessing)" said when, not with what; the app and README say
  // "filled with their training average", which is what a user needs to judge the map
  assert.match(
    r.stderr,
    /2 of the model's \d+ genes are missing from \S+ \(filled with their training average\): (MS4A1, CD79B|CD79B, MS4A1)\n/,
  );
  const summary = JSON.parse(r.stdout);
  assert.deepEqual([...summary.missingGenes].sort(), ['CD79B', 'MS4A1']);
  // A scanpy walkthrough: embedding annotated cells said only how many it placed; how far the predictions
  // agree with the file's own labels took a session in scanpy
  const { labelAgreement } = summary;
  assert.equal(labelAgreement.column, 'label');
  assert.equal(labelAgreement.labelled, rows.length - 1);
  assert.equal(labelAgreement.unknownClass, 0);
  const line = new RegExp(
    `^predicted labels agree with the file's label for ${labelAgreement.agree} of ${rows.length - 1} labelled rows \\(\\d+\\.\\d %\\)$`,
    'm',
  );
  assert.match(r.stderr, line);
  const embedded = parseCsv(await readFile(out, 'utf8'));
  assert.deepEqual(embedded[0], ['id', 'label', 'x', 'y', 'z', 'predicted_label', 'confidence']);
  assert.equal(embedded.length, rows.length);
  let agree = 0;
  for (const row of embedded.slice(1)) {
    const confidence = Number(row[6]);
    assert.ok(confidence > 0 && confidence <= 1, row[6]);
    if (row[5] === row[1]) agree++;
  }
  assert.equal(labelAgreement.agree, agree, "the count is the CSV's own agreement");
  // projected cells must mostly land among training cells of their own cluster
  assert.ok(agree / (embedded.length - 1) > 0.7, `agreement ${agree}/${embedded.length - 1}`);
});

// A walkthrough: embed's import warnings ("line 1, column 7 repeats …") named no file; on stderr they name it.
test("embed reports the import's warnings (a duplicate gene renamed) on stderr, naming the file, and in --json", async () => {
  const rows = parseCsv(await readFile(PBMC_SMALL, 'utf8'));
  rows[0][6] = rows[0][5]; // CD79B's column named MS4A1 as well
  const input = join(dir, 'duplicate-gene.csv');
  await writeFile(input, Papa.unparse(rows));
  const r = await runCli(['embed', input, '--model', model, '--out', join(dir, 'dup.csv'), '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /^warning: \S+duplicate-gene\.csv: Duplicate gene names renamed: MS4A1 → MS4A1\.1\. The first repeat: line 1, column 7 repeats the name of column 6\.$/m,
  );
  assert.ok(r.stderr.includes(`warning: ${input}: Duplicate gene names`), r.stderr);
  const summary = JSON.parse(r.stdout) as { warnings: string[] };
  assert.ok(
    summary.warnings.some((w) => w.startsWith('Duplicate gene names renamed: MS4A1')),
    r.stdout,
  );
  // --quiet hides the summary line, never a warning (as train's --quiet)
  const quiet = await runCli(['embed', input, '--model', model, '--out', join(dir, 'dup.csv'), '--quiet']);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.ok(quiet.stderr.includes(`warning: ${input}: Duplicate gene names renamed`), quiet.stderr);
  assert.doesNotMatch(quiet.stderr, /^embedded /m);
});

// bench/README.md ('scaled itself'): the user's own sc.pp.scale of a query embedded silently worse (78 of 80
// cells agreeing as given, 55 after), as the model scales with the training's gene means.
test('embed warns about a query scaled per gene onto a model of log values, and not about the original', async () => {
  // every gene scaled as sc.pp.scale leaves X (a constant gene 0)
  const scaled = join(dir, 'scaled.csv');
  writeScaledCsv(PBMC_SMALL, 'MS4A1', scaled);
  const warning =
    /^warning: the model was trained on values not centred per gene .* but (\S+) holds values centred per gene .* Give the log-normalised matrix, not a scaled one\.$/m;
  const r = await runCli(['embed', scaled, '--model', model, '--out', join(dir, 'scaled-out.csv'), '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(warning.exec(r.stderr)?.[1], scaled, r.stderr);
  const summary = JSON.parse(r.stdout) as { warnings: string[] };
  assert.equal(summary.warnings.filter((w) => /centred per gene/.test(w)).length, 1, r.stdout);
  const original = await runCli(['embed', PBMC_SMALL, '--model', model, '--out', join(dir, 'orig.csv')]);
  assert.equal(original.code, 0, original.stderr);
  assert.doesNotMatch(original.stderr, /centred|^warning/m);
});

// A model trained with --no-zscore stores no scales; its recipe's spreads let the check judge it all the same.
test('embed warns alike onto a --no-zscore model; its recipe saved without spreads still loads, unjudged', async () => {
  const plain = join(dir, 'model-no-zscore');
  const trained = await runCli([
    'train',
    PBMC_SMALL,
    '--label',
    'label',
    '--no-zscore',
    '--epochs',
    '2',
    '--out',
    join(dir, 'no-zscore.csv'),
    '--model',
    plain,
    '--quiet',
  ]);
  assert.equal(trained.code, 0, trained.stderr);
  const scaled = join(dir, 'scaled-for-plain.csv');
  writeScaledCsv(PBMC_SMALL, 'MS4A1', scaled);
  const embed = (model: string, file: string) =>
    runCli(['embed', file, '--model', model, '--out', join(dir, 'plain-out.csv')]);
  const r = await embed(plain, scaled);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /^warning: the model was trained on values not centred per gene \(it takes new cells' values as they are\), but \S+ holds values centred per gene .* not a scaled one\.$/m,
  );
  const original = await embed(plain, PBMC_SMALL);
  assert.equal(original.code, 0, original.stderr);
  assert.doesNotMatch(original.stderr, /centred|^warning/m);
  // the recipe of a version before the spreads were stored
  const older = join(dir, 'model-no-zscore-older');
  await cp(plain, older, { recursive: true });
  const recipe = JSON.parse(await readFile(join(older, 'recipe.json'), 'utf8')) as Record<string, unknown>;
  assert.ok(Array.isArray(recipe.spreads) && recipe.scales === null);
  delete recipe.spreads;
  await writeFile(join(older, 'recipe.json'), JSON.stringify(recipe));
  const unjudged = await embed(older, scaled);
  assert.equal(unjudged.code, 0, unjudged.stderr);
  assert.doesNotMatch(unjudged.stderr, /centred/);
});

// A user trial: embed new.h5 --meta-file new.csv printed 'warning: Metadata file new.csv: 300 of 300 cells
// matched.', which train (and inspect, as a Note) treat as information.
test('embed --meta-file: a file matching every cell is no warning; a partial match is', async () => {
  const rows = parseCsv(await readFile(PBMC_SMALL, 'utf8')).slice(1);
  const full = join(dir, 'obs-full.csv');
  await writeFile(full, Papa.unparse([['id', 'sample'], ...rows.map((r) => [r[0], 'donor1'])]));
  const partial = join(dir, 'obs-partial.csv');
  await writeFile(partial, Papa.unparse([['id', 'sample'], ...rows.slice(5).map((r) => [r[0], 'donor1'])]));
  const out = join(dir, 'meta.csv');
  const matched = await runCli([
    'embed',
    PBMC_SMALL,
    '--model',
    model,
    '--meta-file',
    full,
    '--out',
    out,
    '--json',
  ]);
  assert.equal(matched.code, 0, matched.stderr);
  assert.doesNotMatch(matched.stderr, /Metadata file/);
  assert.ok(
    !(JSON.parse(matched.stdout) as { warnings: string[] }).warnings.some((w) => /Metadata file/.test(w)),
  );
  // the joined column is kept in the output, after the predictions (as the app's projected cells' CSV)
  const written = (await readFile(out, 'utf8')).split('\n');
  assert.match(written[0], /,predicted_label,confidence,sample$/);
  assert.match(written[1], /,donor1$/);
  const some = await runCli(['embed', PBMC_SMALL, '--model', model, '--meta-file', partial, '--out', out]);
  assert.equal(some.code, 0, some.stderr);
  assert.match(
    some.stderr,
    /^warning: \S+pbmc_small_lognorm\.csv: Metadata file .*obs-partial\.csv: \d+ of \d+ rows matched; 5 rows have no metadata/m,
  );
});

test('embed without --model or with a folder that is not a model fails clearly', async () => {
  const noModel = await runCli(['embed', PBMC_SMALL]);
  assert.equal(noModel.code, 2);
  assert.match(noModel.stderr, /--model DIR is required/);
  const notModel = await runCli(['embed', PBMC_SMALL, '--model', dir, '--out', join(dir, 'e.csv')]);
  assert.equal(notModel.code, 1);
  assert.match(notModel.stderr, /not a TripletLens model folder: model\.json is missing/);
});

// a user audit: a mistyped path said "model.json is missing", a file gave a raw ENOTDIR, and the app's
// exported archive was not recognised
test('embed --model with a missing folder, a file or the .tar archive says what it is and what to do', async () => {
  const embed = (modelPath: string) =>
    runCli(['embed', PBMC_SMALL, '--model', modelPath, '--out', join(dir, 'e.csv')]);
  const missing = await embed(join(dir, 'no-such-model'));
  assert.equal(missing.code, 1);
  assert.match(
    missing.stderr,
    /^tripletlens embed: the model folder .*no-such-model does not exist \(check the path;/,
  );
  const file = await embed(join(dir, 'train.csv'));
  assert.equal(file.code, 1);
  assert.match(file.stderr, /train\.csv is a file, not a folder: a model is given as its folder/);
  assert.doesNotMatch(file.stderr, /ENOTDIR/);
  const archive = join(dir, 'train.model.tar');
  await writeFile(archive, await tarDirectory(model, 'train.model'));
  const tar = await embed(archive);
  assert.equal(tar.code, 1);
  assert.match(
    tar.stderr,
    /is a tar archive .*extract it first \(tar -xf train\.model\.tar, which makes the folder train\.model\)/,
  );
});

test('embed refuses an --out that is its input or inside the model folder it reads (exit 2)', async () => {
  const input = join(dir, 'embed-input.csv');
  await writeFile(input, await readFile(PBMC_SMALL, 'utf8'));
  const same = await runCli(['embed', input, '--model', model, '--out', input]);
  assert.equal(same.code, 2, same.stderr);
  assert.match(same.stderr, /the input FILE and --out are the same path/);
  const inside = await runCli(['embed', input, '--model', model, '--out', join(model, 'model.json')]);
  assert.equal(inside.code, 2, inside.stderr);
  assert.match(inside.stderr, /--out \(.*model\.json\) is inside the --model folder .*which embed reads/);
  assert.equal(await readFile(input, 'utf8'), await readFile(PBMC_SMALL, 'utf8'));
  assert.match(await readFile(join(model, 'model.json'), 'utf8'), /tripletlens-model/);
});

test('a model trained on an obsm embedding records it, and embed with another matrix says which --input to give', async () => {
  const h5ad = join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad');
  const pcaModel = join(dir, 'pca-model');
  const trained = await runCli([
    ...['train', h5ad, '--label', 'cell_type', '--input', 'obsm:X_pca', '--epochs', '2', '--quiet'],
    ...['--out', join(dir, 'pca.csv'), '--model', pcaModel],
  ]);
  assert.equal(trained.code, 0, trained.stderr);
  const report = JSON.parse(await readFile(join(dir, 'pca.run.json'), 'utf8')) as {
    input: { format?: { kind: string; matrix: string } };
    recipe: { scales: number[] | null };
  };
  assert.deepEqual(report.input.format, { kind: 'h5ad', matrix: 'obsm/X_pca' });
  assert.equal(report.recipe.scales, null, 'an embedding keeps its scales unless --zscore');
  const scaled = await runCli([
    ...['train', h5ad, '--label', 'cell_type', '--input', 'obsm:X_pca', '--epochs', '1', '--quiet'],
    ...['--zscore', '--out', join(dir, 'pca-z.csv')],
  ]);
  assert.equal(scaled.code, 0, scaled.stderr);
  const zReport = JSON.parse(await readFile(join(dir, 'pca-z.run.json'), 'utf8')) as typeof report;
  assert.equal(zReport.recipe.scales?.length, 5);
  const r = await runCli([
    'embed',
    h5ad,
    '--model',
    pcaModel,
    '--input',
    'genes',
    '--out',
    join(dir, 'pe.csv'),
  ]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    /^tripletlens embed: the model was trained on obsm\/X_pca .*: give --input obsm:X_pca\n$/,
  );
  const ok = await runCli([
    'embed',
    h5ad,
    '--model',
    pcaModel,
    '--input',
    'obsm:X_pca',
    '--out',
    join(dir, 'pe.csv'),
  ]);
  assert.equal(ok.code, 0, ok.stderr);
});

test('embed refuses a file holding fewer than half of the model genes, naming it; --allow-missing-genes embeds it', async () => {
  // the id, the metadata columns and the first ten genes only
  const rows = parseCsv(await readFile(PBMC_SMALL, 'utf8'));
  const few = join(dir, 'ten-genes.csv');
  await writeFile(few, Papa.unparse(rows.map((row) => row.slice(0, 15))));
  const out = join(dir, 'ten-genes.embedded.csv');
  const refused = await runCli(['embed', few, '--model', model, '--out', out]);
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, new RegExp(`${few} holds only 10 of the \\d+ genes of the model in ${model}`));
  assert.match(refused.stderr, /--allow-missing-genes/);
  // the refusal follows the reading line, with no "embedding N rows…" announced before it
  assert.match(refused.stderr, /^reading \S*ten-genes\.csv…\n(?:warning: .*\n)*tripletlens embed: /);
  assert.doesNotMatch(refused.stderr, /^embedding/m);
  await assert.rejects(readFile(out), 'no output written');
  const allowed = await runCli(['embed', few, '--model', model, '--out', out, '--allow-missing-genes']);
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.equal(parseCsv(await readFile(out, 'utf8')).length, rows.length);
});

// a text table's rows may be samples: "1 row" (api/file-format.ts rowWords), an h5ad's "40 cells" (embed-matrix)
test('embedding a CSV of one row says "1 row"', async () => {
  const lines = (await readFile(PBMC_SMALL, 'utf8')).split('\n');
  const one = join(dir, 'one-cell.csv');
  await writeFile(one, `${lines[0]}\n${lines[1]}\n`);
  const r = await runCli(['embed', one, '--model', model, '--out', join(dir, 'one.csv')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /embedded 1 row → /);
  // each step said as it starts, as train's are (10⁵ cells were 23 s of silence), then the summary
  // and within embedding its steps: the recipe's passes with their counts, the encoder, the labels
  const steps = [
    'projecting onto the components, 0 of 1 row',
    'class evidence, 0 of 1 row',
    'the encoder (1 row)',
    'predicting labels (1 row)',
  ].map((step) => `embedding: ${step}\n`);
  assert.match(r.stderr, /^reading \S*one-cell\.csv…\nembedding 1 row…\n/);
  assert.ok(r.stderr.includes(`embedding 1 row…\n${steps.join('')}writing `), r.stderr);
  const quiet = await runCli(['embed', one, '--model', model, '--out', join(dir, 'one.csv'), '--quiet']);
  assert.equal(quiet.stderr, '');
});

// counts grouped as the Import summary groups them: "embedded 1 200 rows", not "embedded 1200 rows"
test('embedding a CSV of 1 200 rows groups the count', async () => {
  const lines = (await readFile(PBMC_SMALL, 'utf8')).trim().split('\n');
  const body = Array.from({ length: 1200 }, (_, i) =>
    lines[1 + (i % (lines.length - 1))].replace(/^[^,]*/, `r${i}`),
  );
  const many = join(dir, 'many-cells.csv');
  await writeFile(many, `${lines[0]}\n${body.join('\n')}\n`);
  const r = await runCli(['embed', many, '--model', model, '--out', join(dir, 'many.csv')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /embedded 1\u202f200 rows → /);
});

// A user walkthrough: a MatrixMarket file copied without its genes file was refused with "shares no gene with
// the model (… the file's genes are e.g. gene_1, gene_2 …)", while the import's warning that says why — no gene
// names file beside it — was never printed: the refusal came before the warnings.
test("the import's warnings are printed before a refusal for genes, which they may explain", async () => {
  const alone = join(dir, 'alone');
  await mkdir(alone);
  await copyFile(
    join(packageRoot(), 'test', 'fixtures', 'formats', 'plain', 'cells.mtx'),
    join(alone, 'cells.mtx'),
  );
  const r = await runCli([
    'embed',
    join(alone, 'cells.mtx'),
    '--model',
    model,
    '--out',
    join(dir, 'alone.csv'),
  ]);
  assert.notEqual(r.code, 0);
  assert.match(
    r.stderr,
    /^warning: .*cells\.mtx: No gene names file was found beside the matrix .*\n(?:warning: .*\n)*tripletlens embed: .*cells\.mtx shares no gene with the model/m,
  );
  // refused before the work is announced: "embedding 40 cells…" came first, as if it had begun
  assert.doesNotMatch(r.stderr, /^embedding/m);
});
