/**
 * Test helper: the backends whose behaviour can differ (the dense layer takes a custom gradient path on wasm
 * and the stock one on cpu and tensorflow), switched with the backend module's own loaders. Native TensorFlow
 * joins the list when a run forces it (TRIPLETLENS_BACKEND=tensorflow, as .ci/run does after
 * scripts/setup-native-offline), so the same tests then also cover it.
 */
import { forcedBackend } from '../../src/backend/init.js';
import { loadCpu, loadTensorflow, loadWasm } from '../../src/backend/loaders.js';

export const TEST_BACKENDS: { name: 'cpu' | 'wasm' | 'tensorflow'; load: () => Promise<unknown> }[] = [
  { name: 'cpu', load: loadCpu },
  { name: 'wasm', load: loadWasm },
  ...(forcedBackend() === 'tensorflow' ? [{ name: 'tensorflow' as const, load: loadTensorflow }] : []),
];
