/**
 * h5wasm, loaded once for every HDF5 reader and for the h5ad writer, with what HDF5 and Emscripten print kept
 * off the user's stderr.
 *
 * HDF5 prints a stack of "HDF5-DIAG: Error detected in HDF5 …" lines on its C stderr for every damaged object
 * it meets and for every write the system refuses (a full disk) — beside the one-line error the user is meant
 * to read (a DataImportError, or "Cannot write …: the disk is full"). Emscripten's C stderr (stream 2) writes
 * straight to the host's fd 2, so it is given a write of its own here that drops those lines; with the
 * environment variable `TRIPLETLENS_DEBUG` set (as for the CLI's stack traces) they are passed on to stderr
 * as they come, for a maintainer. The same goes for what Emscripten says on the console during our calls
 * (`quiet`: "Aborted(…)", UTF-8 warnings about damaged strings), whose last line is kept for the message; and
 * h5wasm's own words for a failed call ("error - name not defined!") appear in a reader's message only then
 * (`h5-file.ts`): the user's sentence is ours, naming the file and the element.
 *
 * One loader for readers and writer alike: Emscripten binds console.error/warn once, when the module is
 * created, so whichever side loads it first decides where its console output goes.
 */
import { openSync } from 'node:fs';
import { devNull } from 'node:os';

export type H5Module = typeof import('h5wasm/node');

let loading: Promise<H5Module> | undefined;
let loaded: H5Module | undefined;

/** h5wasm, loaded once and only when an HDF5 file is opened or written (4 MB of JavaScript + WebAssembly). */
export function loadH5wasm(): Promise<H5Module> {
  loading ??= (async () => {
    // Emscripten binds console.error/warn when the module is created: hand it forwarders that drop what it
    // says during our calls and pass on the rest.
    const original = { error: console.error, warn: console.warn };
    console.error = forwarder(original.error);
    console.warn = forwarder(original.warn);
    try {
      const mod = await import('h5wasm/node');
      captureCStderr(await mod.ready);
      loaded = mod;
      return mod;
    } finally {
      console.error = original.error;
      console.warn = original.warn;
    }
  })();
  return loading;
}

/**
 * h5wasm once `loadH5wasm` has loaded it, for a synchronous writer inside a file h5wasm already opened; undefined
 * before.
 */
export function loadedH5wasm(): H5Module | undefined {
  return loaded;
}

/** True when the user asked for diagnostics (`TRIPLETLENS_DEBUG` set and not empty). */
export function debugging(): boolean {
  return Boolean(process.env.TRIPLETLENS_DEBUG);
}

/** > 0 while an h5wasm call runs: its console output is then kept as `lastConsoleLine`, not printed. */
let muted = 0;
let lastLine = '';

/** The last line Emscripten printed on the console during a `quiet` call (at most 200 characters). */
export function lastConsoleLine(): string {
  return lastLine;
}

function forwarder(print: (...args: unknown[]) => void): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    if (muted === 0 || debugging()) print(...args);
    if (muted > 0) lastLine = args.map(String).join(' ').slice(0, 200);
  };
}

/** Runs a synchronous h5wasm call with its console output muted. */
export function quiet<T>(call: () => T): T {
  muted++;
  try {
    return call();
  } finally {
    muted--;
  }
}

/** The corner of Emscripten's file system used here: the C library's stream table (NODERAWFS). */
interface EmscriptenStream {
  nfd?: number;
  node?: { mode: number };
  stream_ops?: { write: (stream: unknown, buffer: Int8Array, offset: number, length: number) => number };
}
interface EmscriptenModule {
  FS?: { getStream?: (fd: number) => EmscriptenStream | null };
}

/** A character device's mode bits: what Emscripten's generic write checks a stream's node against. */
const CHARACTER_DEVICE = 0o020000;

/**
 * Gives the C library's stderr a write that passes HDF5's diagnostics on only when debugging. Emscripten's
 * NODERAWFS writes a stream through its `stream_ops` when it has them, else to its host descriptor `nfd`;
 * that is pointed at the null device too, so a build that ignored `stream_ops` would still keep them off
 * the user's stderr.
 */
function captureCStderr(module: unknown): void {
  try {
    const stream = (module as EmscriptenModule).FS?.getStream?.(2);
    if (!stream || typeof stream.nfd !== 'number') return;
    stream.nfd = openSync(devNull, 'w');
    stream.node ??= { mode: CHARACTER_DEVICE };
    stream.stream_ops = {
      write: (_stream, buffer, offset, length) => {
        if (debugging())
          process.stderr.write(
            Buffer.from(new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length)),
          );
        return length;
      },
    };
  } catch {
    // Diagnostics then stay on stderr: noisy, but harmless.
  }
}
