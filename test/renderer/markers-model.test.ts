import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowWords } from '../../src/api/file-format.js';
import type { MarkerGene, MarkerResult } from '../../src/api/markers.js';
import { EMPTY_HISTORY, recordChange } from '../../renderer/annotation-history.js';
import {
  markersUnavailable,
  DEFAULT_MARKER_SORT,
  columnHint,
  formatPValue,
  MARKER_COLUMNS,
  markerCells,
  markerRequest,
  markersInvitation,
  otherDataNotice,
  markersFileName,
  nextSort,
  previousSelection,
  resultHeading,
  CENTRED_NOTE,
  centredNote,
  centredValues,
  sortMarkers,
  shownValueLog,
  VALUE_LOG_LABEL,
} from '../../renderer/markers-model.js';

const select = (history: typeof EMPTY_HISTORY, rows: number[]) =>
  recordChange(history, { selection: Int32Array.from(rows) }, `Select ${rows.length}`);

test('a map trained on an embedding says why it has no marker genes before testing any cells', () => {
  assert.equal(markersUnavailable({}), null);
  assert.equal(
    markersUnavailable({ format: { kind: 'h5ad', matrix: 'layers/counts', layers: ['X'], obsm: [] } }),
    null,
  );
  assert.equal(
    markersUnavailable({ format: { kind: 'h5ad', matrix: 'obsm/X_scVI', layers: ['X'], obsm: ['X_scVI'] } }),
    'This map was trained on the embedding obsm/X_scVI, which has no genes: to find marker genes, re-open the file with Import settings ▸ Matrix: X and train again.',
  );
  assert.match(
    markersUnavailable({ format: { kind: 'h5ad', matrix: 'obsm/X_scVI', layers: [], obsm: ['X_scVI'] } }) ??
      '',
    /which has no genes: to find marker genes, open a file with genes\.$/,
  );
});

test('no selection, or every cell selected, gives a reason instead of a request', () => {
  assert.match(
    String((markerRequest(EMPTY_HISTORY, 'rest', 10) as { reason: string }).reason),
    /Select cells/,
  );
  const all = select(EMPTY_HISTORY, [0, 1, 2]);
  assert.match(String((markerRequest(all, 'rest', 3) as { reason: string }).reason), /no rest/);
  // a text table's rows (a bulk panel's samples) are rows
  const rows = rowWords('text');
  const reason = (h: typeof all, n: number) =>
    String((markerRequest(h, 'rest', n, rows) as { reason: string }).reason);
  assert.equal(reason(EMPTY_HISTORY, 10), 'Select rows on the map first, then ask for their marker genes.');
  assert.equal(reason(all, 3), 'Every row is selected: there is no rest to compare with.');
  assert.equal(markersInvitation(rows, true), 'Select rows on the map, then find the genes that mark them.');
  assert.equal(
    markersInvitation(rowWords(undefined), true),
    'Select cells on the map, then find the genes that mark them.',
  );
  const hints = MARKER_COLUMNS.map((c) => columnHint(c, rows)).join(' | ');
  assert.match(
    hints,
    /Share of selected rows expressing the gene \(> 0\) \| Share of reference rows expressing/,
  );
  assert.doesNotMatch(hints, /\bcells\b/);
});

// Data opened and not yet trained: the panel said "Select cells on the map…" with no map to select on.
test('before a map, the panel says to train one first, in the data’s words', () => {
  const cells = rowWords('h5ad');
  assert.equal(
    markersInvitation(cells, false),
    'To find marker genes, train a map (or open a session), then select cells on it.',
  );
  assert.equal(
    markersInvitation(rowWords('text'), false),
    'To find marker genes, train a map (or open a session), then select rows on it.',
  );
  // a table of other data cleared: with no map of the new data there is nothing to select again
  assert.equal(
    otherDataNotice(cells, false),
    'Other data was opened: to find its marker genes, train a map of it (or open a session), then select cells on it.',
  );
  assert.equal(
    otherDataNotice(cells, true),
    'Other data was opened: select cells again to find their marker genes.',
  );
});

test('vs rest sends the selection; vs previous sends the latest earlier, different, non-empty selection', () => {
  let h = select(EMPTY_HISTORY, [1, 2]);
  assert.match(
    String((markerRequest(h, 'previous', 10) as { reason: string }).reason),
    /no earlier selection/,
  );
  h = select(h, []);
  h = select(h, [5, 6, 7]);
  h = recordChange(h, { editedLabels: null }, 'Label'); // a label edit keeps the same selection
  const rest = markerRequest(h, 'rest', 10);
  assert.ok('request' in rest);
  assert.deepEqual([...rest.request.group], [5, 6, 7]);
  assert.equal(rest.request.reference, 'rest');
  const prev = markerRequest(h, 'previous', 10);
  assert.ok('request' in prev && prev.request.reference instanceof Int32Array);
  assert.deepEqual([...prev.request.reference], [1, 2]);
  assert.deepEqual([...(previousSelection(h) ?? [])], [1, 2]);
});

const gene = (name: string, score: number, lfc: number, padj: number, fg: number): MarkerGene => ({
  gene: name,
  score,
  logFoldChange: lfc,
  pValue: padj / 2,
  pAdjusted: padj,
  fractionGroup: fg,
  fractionReference: 0.1,
  meanGroup: 1,
  meanReference: 0.5,
});
const GENES = [gene('LYZ', 12, 3, 1e-40, 0.9), gene('CD14', 10, 4, 1e-30, 0.8), gene('actb', 9, -1, 0.2, 1)];

test('the table sorts by any column; a second click flips it; ties keep the engine order', () => {
  assert.deepEqual(
    sortMarkers(GENES, DEFAULT_MARKER_SORT).map((g) => g.gene),
    ['LYZ', 'CD14', 'actb'],
  );
  const byFc = nextSort(DEFAULT_MARKER_SORT, 'logFoldChange');
  assert.deepEqual(byFc, { key: 'logFoldChange', descending: true });
  assert.deepEqual(
    sortMarkers(GENES, byFc).map((g) => g.gene),
    ['CD14', 'LYZ', 'actb'],
  );
  assert.deepEqual(
    sortMarkers(GENES, nextSort(byFc, 'logFoldChange')).map((g) => g.gene),
    ['actb', 'LYZ', 'CD14'],
  );
  const byP = nextSort(byFc, 'pAdjusted');
  assert.equal(byP.descending, false);
  assert.deepEqual(
    sortMarkers(GENES, byP).map((g) => g.gene),
    ['LYZ', 'CD14', 'actb'],
  );
  assert.deepEqual(
    sortMarkers(GENES, nextSort(byFc, 'gene')).map((g) => g.gene),
    ['actb', 'CD14', 'LYZ'],
  );
  const tied = [gene('A', 1, 1, 0.5, 0.5), gene('B', 2, 1, 0.5, 0.5)];
  assert.deepEqual(
    sortMarkers(tied, { key: 'pAdjusted', descending: false }).map((g) => g.gene),
    ['A', 'B'],
  );
});

test('rows read as the table shows them; p-values never show NaN or a bare 0', () => {
  assert.deepEqual(markerCells(GENES[0]), ['LYZ', '3.00', '1.0e-40', '90 %', '10 %']);
  assert.equal(formatPValue(0), '< 1e-300');
  assert.equal(formatPValue(0.0321), '0.032');
  assert.equal(formatPValue(1), '1');
  assert.equal(formatPValue(Number.NaN), '—');
  assert.equal(formatPValue(1.26e-7), '1.3e-7');
});

test('the heading says who was compared with whom; the CSV is named after the data file', () => {
  const result: MarkerResult = {
    datasetId: 'data-1',
    groupSize: 120,
    referenceSize: 80,
    reference: 'cells',
    overlapRemoved: 3,
    genesTested: 765,
    tieCorrect: true,
    values: 'as-imported',
    genes: GENES,
    csv: '',
  };
  assert.equal(
    resultHeading(result),
    '120 selected cells vs the previous selection (80 cells; 3 cells in both left out): 765 genes tested (Wilcoxon, values as imported; log₂FC assumes log1p values in natural log, as scanpy does — on log2 or log10 values it is no fold change: change it under “log₂FC of values logged as”).',
  );
  assert.equal(markersFileName('/data/pbmc68k_reduced_lognorm.csv'), 'pbmc68k_reduced_lognorm.markers.csv');
  assert.equal(markersFileName('C:\\x\\atlas.h5ad'), 'atlas.markers.csv');
  assert.equal(markersFileName('/srv/s1/outs/filtered_feature_bc_matrix/'), 's1.markers.csv');
});

test("the heading says the log base the fold change took values as imported in: the file's, else natural", () => {
  const result: MarkerResult = {
    datasetId: 'data-1',
    groupSize: 20,
    referenceSize: 20,
    reference: 'rest',
    overlapRemoved: 0,
    genesTested: 30,
    tieCorrect: true,
    values: 'as-imported',
    log1pBase: 2,
    genes: GENES,
    csv: '',
  };
  assert.match(
    resultHeading(result),
    /tested \(Wilcoxon, values as imported; log₂FC takes them as log1p values in base 2, as the file’s uns\['log1p'\] says\)\.$/,
  );
  const { log1pBase: _, ...natural } = result;
  assert.match(resultHeading(natural), /log₂FC assumes log1p values in natural log, as scanpy does/);
  // the natural log is guessed: the heading names the select that changes it; the file's base is not guessed
  assert.ok(resultHeading(natural).endsWith(`change it under “${VALUE_LOG_LABEL}”).`));
  assert.ok(!resultHeading(result).includes(VALUE_LOG_LABEL));
  assert.ok(
    !resultHeading({ ...natural, valueLog: 'log1p' }).includes(VALUE_LOG_LABEL),
    'chosen, not guessed',
  );
  // the engine's own log1p of counts: natural, nothing assumed
  assert.match(
    resultHeading({ ...natural, values: 'log1p-normalised' }),
    /tested \(Wilcoxon, normalised, log1p\)\.$/,
  );
});

test('on centred values (X scaled by sc.pp.scale) the heading says why there is no fold change and where the log values are', () => {
  // CD79A on a scaled X: positive in the B cells, negative in the rest → scanpy's log2(expm1(mean)) is NaN
  const scaled = { ...gene('CD79A', 19.6, Number.NaN, 2.6e-83, 1), meanGroup: 2.22, meanReference: -0.37 };
  const result: MarkerResult = {
    datasetId: 'data-1',
    groupSize: 69,
    referenceSize: 431,
    reference: 'rest',
    overlapRemoved: 0,
    genesTested: 300,
    tieCorrect: true,
    values: 'as-imported',
    genes: [scaled, GENES[0]],
    csv: '',
  };
  assert.equal(
    resultHeading(result),
    `69 selected cells vs the rest (431 cells): 300 genes tested (Wilcoxon, values as imported). ${CENTRED_NOTE}`,
  );
  // a text table's rows (a bulk panel's samples, as Golub's centred microarray values) are rows, in the note too
  const rows = resultHeading(result, rowWords('text'));
  assert.match(rows, /^69 selected rows vs the rest \(431 rows\): 300 genes tested/);
  assert.match(rows, /on centred values the rows above the gene’s mean, not the rows expressing it\.$/);
  assert.doesNotMatch(rows, /\bcells?\b/);
  assert.match(CENTRED_NOTE, /raw\/X — with Import settings ▸ Matrix/);
  // the % columns count values above 0, which on centred values is above the mean, not expressed
  assert.match(
    CENTRED_NOTE,
    /% columns count values above 0: on centred values the cells above the gene’s mean/,
  );
  // log values (every mean ≥ 0) keep the plain heading, a gene without fold change or not
  const zeroGene = { ...gene('X', 1, Number.NaN, 0.5, 0), meanGroup: 0, meanReference: 0 };
  assert.doesNotMatch(resultHeading({ ...result, genes: [GENES[0], zeroGene] }), /No fold change/);
});

// A walkthrough (the Golub panel: log10 values standardised per array): the table showed "—" where a mean was
// negative and "7.58" where both were small positives — log2(expm1(1.2) / expm1(0.05)), no fold change at all.
test('on centred values no gene shows a fold change, positive means or not; log values keep theirs', () => {
  const negative = { ...gene('CST3', 5, Number.NaN, 1e-5, 0.9), meanGroup: 1.3, meanReference: -0.4 };
  const positive = { ...gene('M96326_rna1_at', 4, 7.58, 1e-4, 1), meanGroup: 1.2, meanReference: 0.05 };
  const genes = [negative, positive];
  assert.equal(centredValues(genes), true);
  assert.deepEqual(
    genes.map((g) => markerCells(g, centredValues(genes))[1]),
    ['—', '—'],
  );
  assert.match(CENTRED_NOTE, /^No fold change \(—\): these values are centred/);
  assert.equal(centredValues([GENES[0], positive]), false);
  assert.equal(markerCells(positive, centredValues([GENES[0], positive]))[1], '7.58');
});

// Golub's panel, three arrays against four: every listed gene's two means had one sign, so none was NaN — and
// the table showed "−0.30" for means −0.94 and −1.40, the heading assumed log1p and the select was offered.
test('centred values whose fold changes are all finite (both means negative) still show none, nor the select', () => {
  const bothNegative = {
    ...gene('AC002073_cds1_at', 3, -0.3, 1e-3, 0.2),
    meanGroup: -0.94,
    meanReference: -1.4,
  };
  const positive = {
    ...gene('AFFX-HSAC07/X00351_M_at', 4, 0.72, 1e-4, 1),
    meanGroup: 3.52,
    meanReference: 3.04,
  };
  const genes = [positive, bothNegative];
  assert.equal(centredValues(genes), true);
  assert.deepEqual(
    genes.map((g) => markerCells(g, centredValues(genes))[1]),
    ['—', '—'],
  );
  const result: MarkerResult = {
    datasetId: 'data-1',
    groupSize: 3,
    referenceSize: 4,
    reference: 'cells',
    overlapRemoved: 0,
    genesTested: 3051,
    tieCorrect: true,
    values: 'as-imported',
    genes,
    csv: '',
  };
  assert.ok(resultHeading(result, rowWords('text')).includes(centredNote(rowWords('text'))));
  assert.doesNotMatch(resultHeading(result), /log₂FC assumes/);
  assert.equal(shownValueLog(result), null);
  // log2 values as chosen may be below 0 (log ratios): their difference of means is the fold change
  assert.equal(centredValues(genes, 'log2'), false);
  assert.equal(shownValueLog({ ...result, valueLog: 'log2' }), 'log2');
  assert.match(resultHeading({ ...result, valueLog: 'log2' }), /difference of the group means/);
});

test("the heading follows the panel's choice of how the values were logged; the select shows it", () => {
  const result: MarkerResult = {
    datasetId: 'data-1',
    groupSize: 20,
    referenceSize: 20,
    reference: 'rest',
    overlapRemoved: 0,
    genesTested: 30,
    tieCorrect: true,
    values: 'as-imported',
    genes: GENES,
    csv: '',
  };
  assert.match(
    resultHeading({ ...result, valueLog: 'log2' }),
    /\(Wilcoxon, values as imported; log₂FC is the difference of the group means, taken as log2 values as chosen\)\.$/,
  );
  assert.match(
    resultHeading({ ...result, valueLog: 'log1p-base10', log1pBase: 10 }),
    /values as imported; log₂FC takes them as log1p values in base 10, as chosen\)\.$/,
  );
  // natural log chosen on a file that said base 2: the choice, not the file
  assert.match(
    resultHeading({ ...result, valueLog: 'log1p' }),
    /values as imported; log₂FC takes them as log1p values in natural log, as chosen\)\.$/,
  );
  assert.equal(shownValueLog(result), 'log1p');
  assert.equal(shownValueLog({ ...result, log1pBase: 2 }), 'log1p-base2');
  assert.equal(shownValueLog({ ...result, log1pBase: 10 }), 'log1p-base10');
  assert.equal(shownValueLog({ ...result, log1pBase: 3 }), 'file');
  assert.equal(shownValueLog({ ...result, valueLog: 'log2' }), 'log2');
  // no choice for counts the engine log1p'd itself, nor for centred values, which show no fold change
  assert.equal(shownValueLog({ ...result, values: 'log1p-normalised' }), null);
  const scaled = { ...gene('CD79A', 19.6, Number.NaN, 2.6e-83, 1), meanGroup: 2.22, meanReference: -0.37 };
  assert.equal(shownValueLog({ ...result, genes: [scaled] }), null);
  // the choice goes with the request; without one none is sent (the file's base decides)
  const h = select(EMPTY_HISTORY, [1, 2]);
  const asked = markerRequest(h, 'rest', 10, rowWords(undefined), 'log2');
  assert.ok('request' in asked && asked.request.valueLog === 'log2');
  const plain = markerRequest(h, 'rest', 10);
  assert.ok('request' in plain && !('valueLog' in plain.request));
});
