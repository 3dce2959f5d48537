import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageRoot } from '../../src/util/paths.js';
import { importTable } from '../../src/data/import-table.js';
import { DataImportError } from '../../src/data/errors.js';
import { explainByteKind, sniffBytes } from '../../src/data/sniff.js';
import { writeZip } from '../../src/util/zip-archive.js';
import { tarDirectory } from '../../src/util/tar-archive.js';

test('binary bytes: the message lists every format TripletLens reads, not only text tables', () => {
  const message = explainByteKind('binary', 'blob.dat');
  assert.match(message, /comma-, tab- or semicolon-separated text/);
  assert.match(message, /\.h5ad/);
  assert.match(message, /\.loom/);
  assert.match(message, /\.mtx/);
});

test('a file named .h5ad/.h5/.loom that is not HDF5 is called a damaged or mislabelled HDF5 file', () => {
  for (const name of ['x.h5ad', 'filtered_feature_bc_matrix.h5', 'cells.loom', 'a.hdf5']) {
    const message = explainByteKind('binary', name);
    assert.match(message, /does not start with the HDF5 signature/, name);
    assert.doesNotMatch(message, /text table/, name);
  }
});

test('importing a non-HDF5 .h5ad says so, naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-sniff-'));
  try {
    const file = join(dir, 'bad.h5ad');
    writeFileSync(file, Buffer.from('this is not\u0000 a matrix\n\u0001\u0002'));
    await assert.rejects(importTable(file), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.match(err.message, /bad\.h5ad/);
      assert.match(err.message, /named like an HDF5 file .* does not start with the HDF5 signature/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a gzip-compressed h5ad is told to be decompressed, not exported to CSV', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-sniff-'));
  try {
    const file = join(dir, 'cells.h5ad.gz');
    const h5ad = readFileSync(join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad'));
    writeFileSync(file, gzipSync(h5ad));
    await assert.rejects(importTable(file), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.match(err.message, /cells\.h5ad\.gz: this is a gzip-compressed HDF5 file/);
      assert.match(err.message, /gunzip/);
      assert.doesNotMatch(err.message, /to_csv/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The table as UTF-32 bytes, little- or big-endian, with or without a byte-order mark. */
function utf32(text: string, littleEndian: boolean, bom: boolean): Buffer {
  const points = [...(bom ? '\uFEFF' : ''), ...text].map((c) => c.codePointAt(0) ?? 0);
  const bytes = Buffer.alloc(points.length * 4);
  points.forEach((p, i) => (littleEndian ? bytes.writeUInt32LE(p, i * 4) : bytes.writeUInt32BE(p, i * 4)));
  return bytes;
}

// a user audit: a UTF-32 file was called UTF-16 (little-endian with a BOM) or binary (the others)
for (const [littleEndian, bom] of [
  [true, true],
  [true, false],
  [false, true],
  [false, false],
] as const) {
  const order = littleEndian ? 'LE' : 'BE';
  test(`a UTF-32${order} table ${bom ? 'with' : 'without'} a byte-order mark is called UTF-32, with the iconv command`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-sniff-'));
    try {
      const file = join(dir, 'cells.csv');
      writeFileSync(file, utf32('id,cell_type,G1,G2\nc1,T cell,1,2\nc2,Zelle ß,3,4\n', littleEndian, bom));
      await assert.rejects(importTable(file), (err: unknown) => {
        assert.ok(err instanceof DataImportError);
        assert.equal(err.kind, 'utf32');
        assert.match(
          err.message,
          new RegExp(`cells\\.csv: the file is UTF-32 text \\(${littleEndian ? 'little' : 'big'}-endian`),
        );
        assert.match(
          err.message,
          new RegExp(`iconv -f UTF-32${order} -t UTF-8 cells\\.csv > cells\\.utf8\\.csv`),
        );
        assert.doesNotMatch(err.message, /UTF-16|binary/);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('the iconv command of a gzipped UTF-32 file decompresses first, and quotes a name with spaces', () => {
  assert.match(
    explainByteKind('utf32be', '/data/my cells.tsv.gz'),
    /gunzip -c 'my cells\.tsv\.gz' \| iconv -f UTF-32BE -t UTF-8 > 'my cells\.utf8\.tsv'/,
  );
});

test('UTF-32 without a mark is told apart from UTF-16, UTF-8 and binary zeros', () => {
  assert.equal(sniffBytes(utf32('细胞,类型\n甲,乙\n', true, false)), 'utf32le');
  assert.equal(sniffBytes(Buffer.from('id,G1\nc1,1\n', 'utf16le')), 'utf16');
  assert.equal(sniffBytes(Buffer.from('id,G1\nc1,é\n', 'utf8')), 'text');
  assert.equal(sniffBytes(new Uint8Array(64)), 'binary');
  // small little-endian int32s have UTF-32's zeros, but no line breaks or field separators: binary, not text
  assert.equal(
    sniffBytes(new Uint8Array(Int32Array.from({ length: 64 }, (_, i) => 1000 + i).buffer)),
    'binary',
  );
  // int32s of 32–30 000 with a single 10 among them: one "line break" in 2048 characters is no table
  const ints = Int32Array.from({ length: 2048 }, (_, i) => 32 + ((i * 7919) % 29969));
  ints[1000] = 10;
  assert.equal(sniffBytes(new Uint8Array(ints.buffer)), 'binary');
  assert.equal(sniffBytes(new Uint8Array(ints.map((v) => swap32(v)).buffer)), 'binary');
  // UTF-32's zeros and line breaks, but a surrogate or a value past U+10FFFF: no UTF-32 text
  for (const bad of [0xd800, 0xdfff, 0x110000]) {
    const codes = Int32Array.from('id,G1\nc1,1\nc2,2\n', (ch) => ch.charCodeAt(0));
    codes[4] = bad;
    assert.equal(sniffBytes(new Uint8Array(codes.buffer)), 'binary', `U+${bad.toString(16)}`);
  }
  // a one-column table (short lines, no separators) is still UTF-32
  const genes = Array.from({ length: 300 }, (_, g) => `GENE${g}\n`).join('');
  assert.equal(sniffBytes(utf32(genes, true, false)), 'utf32le');
  assert.equal(sniffBytes(utf32(genes, false, false)), 'utf32be');
  // a wide table's header fills the first 8 KB (2048 characters) without a line break: still UTF-32
  const header = `id,label,${Array.from({ length: 800 }, (_, g) => `GENE${g}`).join(',')}\n`;
  assert.equal(sniffBytes(utf32(header, true, false).subarray(0, 8192)), 'utf32le');
});

/** An int32's bytes in the other order (big-endian when written little-endian). */
function swap32(v: number): number {
  return ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | ((v >>> 24) & 0xff);
}

test('a saved session opened as data names Open Session…, not "unzip it first"; another zip keeps its words', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-sniff-'));
  try {
    const session = writeZip([
      {
        name: 'tripletlens-session.json',
        data: new TextEncoder().encode('{"format":"tripletlens-session"}'),
      },
      { name: 'coords.f32', data: new Uint8Array(8) },
    ]);
    // the content decides, not the name: a session renamed .csv is still one
    const file = join(dir, 'map.csv');
    writeFileSync(file, session);
    assert.equal(sniffBytes(session.subarray(0, 8192)), 'session');
    await assert.rejects(importTable(file), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      // the page is told its Open session; the command line, which opens no session, where to open it
      assert.match(
        err.appMessage ?? '',
        /map\.csv: this is a saved TripletLens session, not a data file: open it with Open session in Explore's Edit labels panel \(File ▸ Open Session… in the desktop app\)/,
      );
      assert.match(
        err.message,
        /map\.csv: this is a saved TripletLens session, not a data file; the command line does not open sessions\. Open it in the app \(tripletlens serve, or the desktop app\) with Open session, .*; give train, embed or inspect the data file it was made from\.$/,
      );
      assert.doesNotMatch(err.message, /Explore's Edit labels panel/);
      for (const text of [err.message, err.appMessage ?? '']) assert.doesNotMatch(text, /unzip|Excel/);
      return true;
    });
    const other = writeZip([{ name: 'sheet.xml', data: new TextEncoder().encode('<x/>') }]);
    assert.equal(sniffBytes(other), 'xlsx-or-zip');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A walkthrough: GEO's supplementary GSE…_RAW.tar and a Cell Ranger folder packed as tenx.tar.gz were told
// only that they are "not a file TripletLens reads (it contains binary bytes)", as if of no known kind.
test('a tar archive, gzipped or not, is told to be extracted first, naming the folder it makes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-sniff-'));
  try {
    const folder = join(packageRoot(), 'test', 'fixtures', 'formats', 'tenx_v3');
    const tar = await tarDirectory(folder, 'tenx_v3');
    const cases: [string, Uint8Array, RegExp][] = [
      [
        'tenx_v3.tar',
        tar,
        /tenx_v3\.tar: this is a tar archive, not a data file: extract it first \(tar -xf tenx_v3\.tar, which makes the folder tenx_v3\) and open the folder or file it holds\.$/,
      ],
      [
        'tenx v3.tar.gz',
        gzipSync(tar),
        /this is a tar archive, not a data file: extract it first \(tar -xzf 'tenx v3\.tar\.gz', which makes the folder tenx_v3\)/,
      ],
    ];
    for (const [name, bytes, says] of cases) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      await assert.rejects(importTable(file), (err: unknown) => {
        assert.ok(err instanceof DataImportError, String(err));
        assert.match(err.message, says, name);
        return true;
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A Seurat user's first try: the object saved with saveRDS (gzip-compressed XDR, as R writes it by default) or
// save() was told only that it "contains binary bytes".
test('an R data file (saveRDS, save) is named as one, with the ways out of R', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-sniff-'));
  try {
    // R's serialisation header: XDR format, version 3, then R's and the minimal reader's versions
    const xdr = Buffer.concat([
      Buffer.from('X\n'),
      Buffer.from([0, 0, 0, 3, 0, 4, 2, 0, 0, 3, 5, 0]),
      Buffer.alloc(64),
    ]);
    const cases: [string, Uint8Array][] = [
      ['pbmc.rds', gzipSync(xdr)],
      ['pbmc_raw.rds', xdr],
      ['pbmc.RData', gzipSync(Buffer.concat([Buffer.from('RDX3\n'), xdr]))],
    ];
    for (const [name, bytes] of cases) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      await assert.rejects(importTable(file), (err: unknown) => {
        assert.ok(err instanceof DataImportError, String(err));
        assert.match(
          err.message,
          /: this is an R data file \(saveRDS or save: a Seurat or SingleCellExperiment object\?\), which TripletLens does not read\. From R, write an \.h5ad \(zellkonverter::writeH5AD, or SeuratDisk's SaveH5Seurat then Convert\) or a 10x folder \(DropletUtils::write10xCounts\) and open that\.$/,
          name,
        );
        return true;
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
