/**
 * The trainer's dropout generator with its masks drawn ahead on a worker thread (issue 15 goal 4). A mask is
 * one seeded draw an element (~300 000 a step of the default encoder at 768 rows, ~1.2 ms of JavaScript;
 * four times that at 3 072 rows): on the wasm backend the step runs on one thread while the other core
 * idles, so the draws move there and the trainer only copies bytes. The numbers are exactly those of
 * `seededRandom(seed)` — the worker draws the same positions of the same sequence (mulberry32's state at any
 * position is known in O(1): `stateAfter`) — so seeded runs keep their results whichever thread drew a mask,
 * and whenever the worker is behind, missing or failed, the trainer draws the chunk itself.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { threadEntry, type ThreadEntry } from '../neighbours/thread-pool.js';
import { fillAtLeastFrom, seededRandom, stateAfter, type SeededRandom } from '../util/random.js';
import { CTRL, MASK_CHUNK, MASK_SLOTS, maskRing, type MaskRing } from './mask-ring.js';

/** A seeded generator whose `fillAtLeast` is served from a worker's ring; `close` ends the worker. */
export interface PrefetchingRandom extends SeededRandom {
  /** Elements whose decisions came from the worker, and those drawn on this thread (for tests and benches). */
  readonly served: Readonly<Served>;
  /** Whether a worker thread is drawing ahead (started by a big mask, not yet closed or failed). */
  drawingAhead(): boolean;
  /** Elements after the current position whose decisions the worker has drawn already (0 without one). */
  ahead(): number;
  /** Ends the worker thread (idempotent); the generator keeps working, drawing on this thread. */
  close(): Promise<void>;
}

/** Counts of elements by the thread that drew them. */
interface Served {
  fromWorker: number;
  here: number;
}

/** The consumer's side of the ring: the current generation and how far into it the sequence is. */
class RingReader {
  private generation = 0;
  private threshold = Number.NaN;
  private start = 0;
  private offset = 0;
  constructor(
    private readonly ring: MaskRing | undefined,
    state: number,
    readonly served: Served,
  ) {
    this.start = state;
  }

  /** The generator state at the current position. */
  state(): number {
    return stateAfter(this.start, this.offset);
  }

  /** Moves the position by `count` numbers drawn elsewhere (a scalar draw or `fill`). */
  skip(count: number): void {
    this.offset += count;
    this.release();
  }

  /** The next out.length decisions against `threshold`: copied from the ring where ready, else drawn here. */
  fillAtLeast(threshold: number, out: Uint8Array): void {
    if (!this.ring) {
      this.start = fillAtLeastFrom(this.state(), threshold, out, 0, out.length);
      this.offset = 0;
      this.served.here += out.length;
      return;
    }
    if (threshold !== this.threshold) this.restart(threshold);
    let done = 0;
    while (done < out.length) {
      const chunk = Math.floor(this.offset / MASK_CHUNK);
      const within = this.offset - chunk * MASK_CHUNK;
      const take = Math.min(MASK_CHUNK - within, out.length - done);
      const slot = chunk % MASK_SLOTS;
      if (this.ready(slot, chunk)) {
        const from = slot * MASK_CHUNK + within;
        out.set(this.ring.bytes.subarray(from, from + take), done);
        this.served.fromWorker += take;
      } else {
        fillAtLeastFrom(this.state(), threshold, out, done, done + take);
        this.served.here += take;
      }
      done += take;
      this.offset += take;
    }
    this.release();
  }

  hasRing(): boolean {
    return this.ring !== undefined;
  }

  /** Elements after the current position ready in the ring, for the current threshold. */
  ahead(): number {
    if (!this.ring) return 0;
    let chunk = Math.floor(this.offset / MASK_CHUNK);
    let ready = 0;
    while (ready < MASK_SLOTS * MASK_CHUNK && this.ready(chunk % MASK_SLOTS, chunk)) {
      ready += (chunk + 1) * MASK_CHUNK - Math.max(this.offset, chunk * MASK_CHUNK);
      chunk++;
    }
    return ready;
  }

  private ready(slot: number, chunk: number): boolean {
    const ring = this.ring!;
    return (
      Atomics.load(ring.slotGeneration, slot) === this.generation &&
      Atomics.load(ring.slotChunk, slot) === chunk
    );
  }

  /** Starts a new generation at the current position (the worker drops what it drew for the old one). */
  private restart(threshold: number): void {
    const { control } = this.ring!;
    this.start = this.state();
    this.offset = 0;
    this.threshold = threshold;
    this.generation++;
    // consumed first: a producer that still sees the old generation then cannot overwrite a new chunk
    Atomics.store(control, CTRL.consumed, 0);
    Atomics.store(control, CTRL.state, this.start | 0);
    this.ring!.threshold[0] = threshold;
    Atomics.store(control, CTRL.generation, this.generation);
    this.signal();
  }

  /** Tells the worker which chunks it may overwrite. */
  private release(): void {
    if (!this.ring) return;
    const passed = Math.floor(this.offset / MASK_CHUNK);
    if (passed !== Atomics.load(this.ring.control, CTRL.consumed)) {
      Atomics.store(this.ring.control, CTRL.consumed, passed);
      this.signal();
    }
  }

  signal(): void {
    if (!this.ring) return;
    Atomics.add(this.ring.control, CTRL.signal, 1);
    Atomics.notify(this.ring.control, CTRL.signal);
  }
}

/** Starts the worker on `ring`, or returns undefined when its script is not there (e.g. no build yet). */
function startWorker(ring: MaskRing, entry: ThreadEntry, onFailure: () => void): Worker | undefined {
  if (!existsSync(entry.file)) return undefined;
  let worker: Worker;
  try {
    worker = new Worker(entry.script, { eval: entry.evaluate, execArgv: [], workerData: ring.buffer });
  } catch {
    // no thread to be had (resource limits): the masks are drawn here, as with --threads 1
    return undefined;
  }
  // a generator nobody closed must not keep the process alive
  worker.unref();
  worker.on('error', onFailure);
  worker.on('exit', onFailure);
  return worker;
}

/**
 * `seededRandom(seed)` with its masks drawn ahead on a worker thread when `threads` ≥ 2; with 1 thread (or
 * no worker script) the same generator drawing everything on this thread. The worker starts at the first
 * mask of at least a chunk (65 536 elements): the default step's masks (semi-hard over 128 cells, ~17 000
 * elements a layer) cost well under a millisecond, less than a thread's start. `entry` (tests) replaces the
 * worker's script.
 */
export function prefetchingRandom(
  seed: number,
  threads: number,
  entry: ThreadEntry = threadEntry('mask-worker', 'train'),
): PrefetchingRandom {
  const served: Served = { fromWorker: 0, here: 0 };
  let reader = new RingReader(undefined, seed >>> 0, served);
  let ring: MaskRing | undefined;
  let worker: Worker | undefined;
  let closed = threads < 2;
  // the worker is gone: go on from the same position without the ring
  const local = (): void => {
    reader = new RingReader(undefined, reader.state(), served);
  };
  const start = (): void => {
    closed = true;
    ring = maskRing();
    worker = startWorker(ring, entry, local);
    if (worker) reader = new RingReader(ring, reader.state(), served);
  };
  const scalar = (): number => {
    const value = seededRandom(reader.state())();
    reader.skip(1);
    return value;
  };
  return Object.assign(scalar, {
    fill(out: Float64Array) {
      seededRandom(reader.state()).fill(out);
      reader.skip(out.length);
    },
    fillAtLeast(threshold: number, out: Uint8Array) {
      if (!closed && out.length >= MASK_CHUNK) start();
      reader.fillAtLeast(threshold, out);
    },
    served,
    ahead: () => reader.ahead(),
    drawingAhead: () => reader.hasRing(),
    async close() {
      closed = true;
      const running = worker;
      worker = undefined;
      if (!running) return;
      running.removeAllListeners('exit');
      Atomics.store(ring!.control, CTRL.stop, 1);
      reader.signal();
      local();
      await running.terminate();
    },
  });
}
