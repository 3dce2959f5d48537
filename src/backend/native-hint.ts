/**
 * What scripts/setup-native-offline needs besides Node and npm: the tools its prerequisite check stops
 * without (readelf is binutils') and the python whose pip fetches the wheel. Shared by the hint and `doctor`.
 */
export const NATIVE_OFFLINE_NEEDS = 'python3 with pip, gcc, g++, make and binutils';

/** What to tell a user who is not on the native backend: the two ways to get it. */
export const NATIVE_HINT =
  'Native TensorFlow (@tensorflow/tfjs-node) is an optional dependency: ' +
  "with network access a plain 'npm install' in the TripletLens folder installs it (its install script " +
  'downloads libtensorflow 2.9.1 from storage.googleapis.com). Where that download is blocked but PyPI is ' +
  "reachable (or a pip cache is), run 'scripts/setup-native-offline' (Linux x86_64; needs " +
  `${NATIVE_OFFLINE_NEEDS}): it builds the binding against the TensorFlow C API from the tensorflow-cpu 2.9.1 wheel.`;

/** Why the wasm backend runs one thread in Node; shown by `doctor`. */
export const WASM_THREADS_NOTE =
  'wasm multi-threading is hard-coded off in Node by tfjs-backend-wasm (tfjs issue #3830), so it runs one thread';
