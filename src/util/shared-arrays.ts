/**
 * Typed arrays on SharedArrayBuffers: worker threads read and write them without a copy (a plain
 * ArrayBuffer is copied into every thread it is sent to). Everywhere else they behave as ordinary typed
 * arrays, so big matrices are allocated on shared memory from the start (the sparse importers) and never
 * need copying when a threaded job takes them.
 */

/** The typed arrays kept on shared memory. */
export type SharedView = Int32Array | Uint32Array | Float32Array | Float64Array;

type ViewConstructor<A extends SharedView> = new (buffer: SharedArrayBuffer) => A;

/** A zero-filled array of `length` elements on a SharedArrayBuffer. */
export function sharedArray<A extends SharedView>(
  Ctor: ViewConstructor<A> & { BYTES_PER_ELEMENT: number },
  length: number,
): A {
  return new Ctor(new SharedArrayBuffer(length * Ctor.BYTES_PER_ELEMENT));
}

/** Whether `array` lives on shared memory (threads can take it without a copy). */
export function isShared(array: ArrayBufferView): boolean {
  return array.buffer instanceof SharedArrayBuffer;
}

/** `array` itself when it is on shared memory, else a copy of it there. */
export function onSharedMemory<A extends SharedView>(array: A): A {
  if (isShared(array)) return array;
  const Ctor = array.constructor as ViewConstructor<A> & { BYTES_PER_ELEMENT: number };
  const copy = sharedArray(Ctor, array.length);
  copy.set(array);
  return copy;
}
