/**
 * Test helper: the backends whose behaviour can differ (the dense layer takes a custom gradient path on wasm
 * and the stock one on cpu), switched with the backend module's own loaders.
 */
import { loadCpu, loadWasm } from '../../src/backend/loaders.js';

export const TEST_BACKENDS: { name: 'cpu' | 'wasm'; load: () => Promise<unknown> }[] = [
  { name: 'cpu', load: loadCpu },
  { name: 'wasm', load: loadWasm },
];
