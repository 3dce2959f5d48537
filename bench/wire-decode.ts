/**
 * Decoding what `tripletlens serve` sends the page about a big run (src/api/wire.ts): the run-finished
 * server-sent event of N cells — coordinates (N × 3 float32, base64), ids, labels, predicted labels and
 * splits as N strings each — and the same value as a binary frame (the API calls' replies). Prints one JSON
 * line of medians over 5 decodes after one warm-up. Run with `npx tsx bench/wire-decode.ts [--cells 300000]`
 * (not part of `npm run bench`, and not a timed test).
 */
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { decodeFrame, decodeJson, encodeFrame, encodeJson } from '../src/api/wire.js';
import { seededRandom } from '../src/util/random.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timed(run: () => unknown): number {
  run();
  const ms: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    run();
    ms.push(performance.now() - t);
  }
  return Math.round(median(ms));
}

const { values } = parseArgs({ options: { cells: { type: 'string', default: '300000' } } });
const n = Number(values.cells);
const random = seededRandom(1);
const types = (i: number) => `type${i % 25}`;
const event = {
  type: 'run-finished',
  result: {
    coords: { rows: n, cols: 3, data: Float32Array.from({ length: n * 3 }, () => random() * 40 - 20) },
    ids: Array.from({ length: n }, (_, i) => `cell${String(i).padStart(6, '0')}`),
    labels: Array.from({ length: n }, (_, i) => types(i)),
    predicted: Array.from({ length: n }, (_, i) => types(i + (i % 50 === 0 ? 1 : 0))),
    split: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 'holdout' : 'train')),
  },
};
const text = encodeJson(event);
const frame = encodeFrame(event);
console.log(
  JSON.stringify({
    cells: n,
    eventMB: +(text.length / 1e6).toFixed(1),
    frameMB: +(frame.byteLength / 1e6).toFixed(1),
    decodeJsonMs: timed(() => decodeJson(text)),
    jsonParseAloneMs: timed(() => JSON.parse(text)),
    decodeFrameMs: timed(() => decodeFrame(frame)),
    load: loadavg()[0],
    node: process.version,
  }),
);
