// Proves the native backend works from the project: loads @tensorflow/tfjs-node the way src/backend does
// (resolved from the package root), checks tf.getBackend() is 'tensorflow', and runs real training steps
// (a small dense model fitted with Adam) whose loss must be finite and fall. Exit 0 only if all hold.
// usage: node scripts/native/verify.mjs [PACKAGE_ROOT]
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
const root = resolve(process.argv[2] ?? '.');
const require = createRequire(join(root, 'package.json'));

function fail(message) {
  console.error(`verify: ${message}`);
  process.exit(1);
}

let tf;
try {
  tf = require('@tensorflow/tfjs-node');
} catch (err) {
  fail(`@tensorflow/tfjs-node does not load: ${err instanceof Error ? err.message.split('\n')[0] : err}`);
}
await tf.ready();
if (tf.getBackend() !== 'tensorflow') fail(`tf.getBackend() is '${tf.getBackend()}', not 'tensorflow'`);
const libtensorflow = tf.backend().binding?.TF_Version ?? 'unknown';

// y = x·w + noise: a dense layer must learn it, so the loss has to drop a lot in a few epochs.
const rows = 256;
const cols = 16;
const x = tf.randomNormal([rows, cols], 0, 1, 'float32', 1);
const y = tf.tidy(() => x.matMul(tf.randomNormal([cols, 1], 0, 1, 'float32', 2)));
const model = tf.sequential({
  layers: [
    tf.layers.dense({ units: 32, inputShape: [cols], activation: 'relu' }),
    tf.layers.dense({ units: 1 }),
  ],
});
model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
const history = await model.fit(x, y, { epochs: 20, batchSize: 32, verbose: 0, shuffle: false });
const losses = history.history.loss.map(Number);
const first = losses[0];
const last = losses[losses.length - 1];
if (!losses.every(Number.isFinite)) fail(`training produced a non-finite loss: ${losses.join(', ')}`);
if (!(last < first * 0.5)) fail(`training did not learn: loss ${first} → ${last}`);
model.dispose();
x.dispose();
y.dispose();

console.log(
  `verify: ok: backend tensorflow, libtensorflow ${libtensorflow}, tfjs-node ${tf.version['tfjs-node']}; ` +
    `dense fit 20 epochs × 8 steps: loss ${first.toFixed(4)} → ${last.toFixed(4)}`,
);
