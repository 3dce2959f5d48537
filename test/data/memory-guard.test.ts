// The size guard (issue 10 item 3): sizes as people write them, the memory available (cgroup limits
// included), the message naming the estimate, the limit and how to raise it, the recheck while rows stream
// in, and a bounded decompression-bomb test for both importTable and inspect's sample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import {
  DataImportError,
  importTable,
  inspectFile,
  availableMemory,
  parseMemorySize,
} from '../../src/data/index.js';
import { MemoryGuard, rowCost, type MemoryProbe } from '../../src/data/memory-guard.js';
import { packageRoot } from '../../src/util/paths.js';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

test('parseMemorySize reads 8G, 512M, 1.5GB, 64k, 2TiB and bytes; rejects the rest', () => {
  assert.equal(parseMemorySize('8G'), 8 * GiB);
  assert.equal(parseMemorySize('512M'), 512 * MiB);
  assert.equal(parseMemorySize('1.5GB'), 1.5 * GiB);
  assert.equal(parseMemorySize('64k'), 64 * 1024);
  assert.equal(parseMemorySize('2TiB'), 2 * 2 ** 40);
  assert.equal(parseMemorySize('1000'), 1000);
  for (const bad of ['', 'abc', '-1G', '0', '8X', '1e9', 'G'])
    assert.equal(parseMemorySize(bad), undefined, bad);
});

function probe(free: number, files: Record<string, string>): MemoryProbe {
  return { freeBytes: () => free, readText: (path) => files[path] };
}

test('availableMemory: free memory, or the room under a cgroup v2 or v1 limit when smaller', () => {
  assert.deepEqual(availableMemory(probe(8 * GiB, {})), { bytes: 8 * GiB, how: 'the free system memory' });
  const v2 = availableMemory(
    probe(8 * GiB, {
      '/sys/fs/cgroup/memory.max': `${2 * GiB}\n`,
      '/sys/fs/cgroup/memory.current': `${GiB / 2}`,
    }),
  );
  assert.equal(v2.bytes, 1.5 * GiB);
  assert.match(v2.how, /container's memory limit of 2\.0 GB/);
  assert.equal(availableMemory(probe(GiB, { '/sys/fs/cgroup/memory.max': 'max\n' })).bytes, GiB);
  const v1 = {
    '/sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712',
    '/sys/fs/cgroup/memory/memory.usage_in_bytes': '4491100160',
  };
  assert.equal(availableMemory(probe(3 * GiB, v1)).bytes, 3 * GiB, 'v1 "unlimited" is no limit');
  const v1Limited = {
    '/sys/fs/cgroup/memory/memory.limit_in_bytes': String(GiB),
    '/sys/fs/cgroup/memory/memory.usage_in_bytes': String(GiB / 4),
  };
  assert.equal(availableMemory(probe(3 * GiB, v1Limited)).bytes, 0.75 * GiB);
});

const bytesOf = (text: string) => new TextEncoder().encode(text);

test('a table too large for the limit stops before reading, naming the estimate, the limit and --max-memory', async () => {
  const genes = Array.from({ length: 200 }, (_, g) => `G${g}`);
  const rows = Array.from({ length: 2000 }, (_, i) => `c${i},${genes.map((_, g) => (i + g) % 9).join(',')}`);
  const bytes = bytesOf(`id,${genes.join(',')}\n${rows.join('\n')}\n`);
  // 2 000 cells × 200 genes × 4 bytes = 1.6 MB, held twice: 3.2 MB does not fit in 1 MB.
  await assert.rejects(importTable({ name: 'wide.csv', bytes }, { maxMemoryBytes: MiB }), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.equal(err.kind, 'too-large');
    assert.equal(err.line, undefined, 'stopped before reading rows');
    assert.match(
      err.message,
      /^wide\.csv: too large for the memory available: about 2\u202f\d{3} rows × 200 genes/,
    );
    assert.match(
      err.message,
      /need about 3\.\d MB .*a 1\.6 MB float32 matrix.*limit of 1\.0 MB \(set with --max-memory/,
    );
    assert.match(err.message, /raise the limit with --max-memory SIZE/);
    return true;
  });
  const fits = await importTable({ name: 'wide.csv', bytes }, { maxMemoryBytes: 16 * MiB });
  assert.equal(fits.values.rows, 2000);
});

test('the estimate is checked again while rows stream in: long first rows, short later ones', async () => {
  const genes = Array.from({ length: 50 }, (_, g) => `G${g}`);
  const long = genes.map(() => '0.000000000000000000000000000001').join(',');
  const short = genes.map((_, g) => g % 10).join(',');
  const lines = [`id,${genes.join(',')}`];
  for (let i = 0; i < 100_000; i++) lines.push(`c${i},${i < 300 ? long : short}`);
  const bytes = bytesOf(`${lines.join('\n')}\n`);
  // The first rows predict ~7 000 rows (3 MB): they fit 16 MB; the 100 000 rows (about 45 MB) do not.
  await assert.rejects(
    importTable({ name: 'skewed.csv', bytes }, { maxMemoryBytes: 16 * MiB, chunkBytes: 1 << 16 }),
    (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.kind, 'too-large');
      assert.ok(err.line !== undefined && err.line > 300 && err.line < 100_000, `line ${err.line}`);
      assert.match(
        err.message,
        /projected from the rows read so far; stopped at line \d+, nothing was loaded/,
      );
      return true;
    },
  );
});

/** A gzip of `copies` × 4 MB of identical rows, as concatenated gzip members: ~1.3 MB per GB of text. */
function gzipBomb(genes: number, copies: number): { bytes: Uint8Array; textBytes: number } {
  const row = `${Array.from({ length: genes }, (_, g) => g % 3).join(',')}\n`;
  const block = Buffer.from(row.repeat(Math.floor((4 * MiB) / row.length)));
  const header = gzipSync(Buffer.from(`${Array.from({ length: genes }, (_, g) => `G${g}`).join(',')}\n`));
  const member = gzipSync(block, { level: 9 });
  return {
    bytes: new Uint8Array(Buffer.concat([header, ...Array<Buffer>(copies).fill(member)])),
    textBytes: block.length * copies,
  };
}

test('a decompression bomb neither fills memory on import nor on inspect', { timeout: 60_000 }, async () => {
  const { bytes, textBytes } = gzipBomb(20, 128); // 512 MB of text from about 1.6 MB
  assert.ok(textBytes / bytes.length > 100, 'the test file is a bomb');
  const rssBefore = process.memoryUsage().rss;
  await assert.rejects(
    importTable({ name: 'bomb.csv.gz', bytes }, { maxMemoryBytes: 64 * MiB }),
    (err: unknown) => err instanceof DataImportError && err.kind === 'too-large',
  );
  const facts = await inspectFile({ name: 'bomb.csv.gz', bytes });
  const grown = process.memoryUsage().rss - rssBefore;
  // Reading it all would hold the 512 MB of text or a 13-million-row matrix; both stay far below that.
  assert.ok(grown < textBytes / 4, `memory grew by ${Math.round(grown / MiB)} MB`);
  assert.ok(facts.sampled, 'inspect read a sample');
  assert.equal(facts.sampled.rowsRead, 5000);
  const trueRows = textBytes / 41;
  assert.ok(Math.abs(facts.rows - trueRows) / trueRows < 0.1, `estimated ${facts.rows} of ${trueRows} rows`);
  assert.match(facts.warnings.find((w) => w.code === 'sampled')?.message ?? '', /first 5\u202f000 rows/);
});

test('a read limit returns the first rows and an estimate of the rest', async () => {
  const rows = Array.from(
    { length: 1000 },
    (_, i) => `c${String(i).padStart(4, '0')},T${i % 3},${i % 7},${i % 5}`,
  );
  const bytes = bytesOf(`id,label,g1,g2\n${rows.join('\n')}\n`);
  const byRows = await importTable({ name: 'r.csv', bytes }, { readLimit: { rows: 100, textChars: 1e9 } });
  assert.equal(byRows.values.rows, 100);
  assert.equal(byRows.sampled?.rowsRead, 100);
  assert.ok(
    Math.abs((byRows.sampled?.estimatedRows ?? 0) - 1000) <= 50,
    String(byRows.sampled?.estimatedRows),
  );
  const whole = await importTable({ name: 'r.csv', bytes }, { readLimit: { rows: 1000, textChars: 1e9 } });
  assert.equal(whole.sampled, undefined, 'a limit the file does not reach leaves it whole');
  const byChars = await importTable(
    { name: 'r.csv', bytes },
    { readLimit: { rows: 1e6, textChars: 2000 }, chunkBytes: 1024 },
  );
  assert.ok(byChars.sampled && byChars.values.rows < 1000, String(byChars.values.rows));
});

// An audit: the CLI's refusal read "(set with --max-memory / maxMemoryBytes)" — an API field no user sets —
// and "for the desktop app start it with TRIPLETLENS_MAX_MEMORY=16G"; the page got the same sentence.
// Each side is now told its own way to raise the limit, by the text reader and the structured ones alike.
test('a limit set by the user: the CLI is told --max-memory, the page how the app sets it', async () => {
  const genes = Array.from({ length: 200 }, (_, g) => `G${g}`);
  const rows = Array.from({ length: 2000 }, (_, i) => `c${i},${genes.map((_, g) => (i + g) % 9).join(',')}`);
  const wide = { name: 'wide.csv', bytes: bytesOf(`id,${genes.join(',')}\n${rows.join('\n')}\n`) };
  const mtx = join(packageRoot(), 'test', 'fixtures', 'formats', 'plain', 'cells.mtx');
  for (const source of [wide, mtx]) {
    await assert.rejects(importTable(source, { maxMemoryBytes: 1000 }), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.kind, 'too-large');
      assert.match(err.message, /limit of 1000 bytes \(set with --max-memory\)/);
      assert.match(
        err.message,
        /raise the limit with --max-memory SIZE \(e\.g\. --max-memory 16G\) if you know it fits\.$/,
      );
      assert.doesNotMatch(err.message, /maxMemoryBytes|desktop app|TRIPLETLENS_MAX_MEMORY/);
      const app = err.appMessage ?? '';
      assert.match(app, /limit of 1000 bytes \(set as TripletLens started\)/);
      assert.match(
        app,
        /start the desktop app with TRIPLETLENS_MAX_MEMORY=16G, or tripletlens serve with --max-memory 16G/,
      );
      assert.doesNotMatch(app, /maxMemoryBytes/);
      return true;
    });
  }
});

test('ids and labels are checked against the JavaScript heap, which --max-memory cannot raise', () => {
  const limit = { bytes: 64 * GiB, how: 'set with --max-memory' };
  // 1 gene and two 20-character text columns: 168 bytes per row of text, 10 million rows = 1.6 GB.
  const guard = new MemoryGuard('narrow.csv', limit, 1, rowCost(1, 2, 20), { heapBytes: 1 * GiB });
  guard.check(1_000_000);
  assert.throws(
    () => guard.check(10_000_000, 5000),
    (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.kind, 'too-large');
      assert.equal(err.line, 5000);
      assert.match(err.message, /1\.6 GB of ids and metadata text.*768 MB.*--max-old-space-size/);
      return true;
    },
  );
});

// The guard of the HDF5 and MatrixMarket readers (issue 10 item 3 for every format): the bytes a reader will
// allocate are known before it does, from the dataset shapes or the size line. Each case below is the
// reader's estimate for a fixture (40 cells × 30 genes, 589 non-zeros; tenx files add 2 antibody features):
// one byte less than it is refused with the text reader's message, the estimate itself imports.
const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const csr = (rows: number, nonZeros: number) => nonZeros * 8 + (rows + 1) * 8;
// The HDF5 readers add one chunk of their read buffer, 8 B a value (the whole dataset, at this size).
const readBuffer = (values: number) => values * 8;
const READER_NEEDS: { file: string; bytes: number; where: RegExp; what: RegExp }[] = [
  {
    file: 'csr.h5ad',
    bytes: csr(40, 589) + readBuffer(589),
    where: /dataset \/X\/data/,
    what: /589 non-zeros/,
  },
  {
    file: 'csc.h5ad',
    // Column pointer (31), next slot per cell (40) and one chunk of scratch (the whole 589 here).
    bytes: csr(40, 589) + readBuffer(589) + 31 * 8 + 40 * 8 + 589 * 8,
    where: /dataset \/X\/data/,
    what: /column-major \(CSC\)/,
  },
  {
    file: 'dense.h5ad',
    bytes: 40 * 30 * 4 + readBuffer(1200),
    where: /dataset \/X:/,
    what: /dense float32 matrix/,
  },
  // The loom matrix is dense genes × cells: its non-zeros are counted in a first pass (pointers + one block
  // as float32 and in the read buffer first).
  {
    file: 'cells.loom',
    bytes: csr(40, 589) + 30 * 40 * 4 + readBuffer(1200),
    where: /dataset \/matrix/,
    what: /first pass/,
  },
  // 613 stored values with the antibodies; the kept values are copied out once.
  {
    file: 'tenx-v3.h5',
    bytes: csr(40, 613) + readBuffer(613) + 613 * 8,
    where: /dataset \/matrix\/data/,
    what: /left out/,
  },
  { file: 'plain/cells.mtx', bytes: csr(40, 589), where: /cells\.mtx, line 3/, what: /589 non-zeros/ },
  // 629 entries with the antibodies; trimming them out copies up to 7/8 of the arrays.
  { file: 'tenx_v3', bytes: csr(40, 629) + 629 * 7, where: /matrix\.mtx\.gz, line 3/, what: /size line/ },
];

for (const { file, bytes, where, what } of READER_NEEDS) {
  test(`${file}: refused one byte under the reader's estimate (${bytes} B), imported at it`, async () => {
    const path = join(FORMATS, file);
    await assert.rejects(importTable(path, { maxMemoryBytes: bytes - 1 }), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.kind, 'too-large');
      assert.match(err.message, /too large for the memory available: 40 cells × \d+ genes/);
      assert.match(err.message, where);
      assert.match(err.message, what);
      assert.match(err.message, /set with --max-memory.*raise the limit with --max-memory SIZE/);
      return true;
    });
    const table = await importTable(path, { maxMemoryBytes: bytes });
    assert.equal(table.values.rows, 40);
  });
}

test('MatrixMarket entries out of cell order are checked again before the sorting buffers are allocated', async () => {
  const entries: string[] = [];
  for (let cell = 40; cell >= 1; cell--)
    for (let gene = 1; gene <= 5; gene++) entries.push(`${cell} ${gene} 1`);
  const bytes = bytesOf(
    `%%MatrixMarket matrix coordinate integer general\n40 5 200\n${entries.join('\n')}\n`,
  );
  const ordered = csr(40, 200);
  // The second entry line (line 8: cell 40's five entries, then cell 39) is where the order breaks.
  await assert.rejects(
    importTable({ name: 'reversed.mtx', bytes }, { maxMemoryBytes: ordered }),
    (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.kind, 'too-large');
      assert.equal(err.line, 8);
      assert.match(err.message, /stopped being in cell order at line 8, nothing was loaded/);
      assert.match(err.message, /12 B per entry/);
      return true;
    },
  );
  const table = await importTable(
    { name: 'reversed.mtx', bytes },
    { maxMemoryBytes: ordered + 200 * 12 + 40 * 8 },
  );
  assert.equal(table.values.rows, 40);
});
