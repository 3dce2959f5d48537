/** Compute backend selection: the public surface of src/backend. */
export {
  initBackend,
  currentBackendInfo,
  chooseBackend,
  backendOrder,
  forcedBackend,
  BACKEND_ENV_VAR,
} from './init.js';
export { selectBackend, BackendUnavailableError, type SelectionMode } from './select.js';
export { NATIVE_HINT, WASM_THREADS_NOTE } from './native-hint.js';
export { wasmBinaryDir, TFJS_NODE_PACKAGE } from './loaders.js';
export { type InitBackendOptions, type BackendLoader, type LoadedBackend } from './types.js';
export {
  BACKEND_NAMES,
  type BackendName,
  type BackendInfo,
  type BackendAttempt,
} from '../api/backend-info.js';
