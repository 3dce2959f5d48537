/**
 * A synthetic EngineApi for driving the renderer without the real engine: the UI benchmark (100 000 points
 * in headless Chromium) and renderer development. It is built to an IIFE and injected (through
 * asPreloadBridge) as `window.tripletlens` before the page loads, so the page takes its Electron-preload path. Data are
 * Gaussian blobs, one per class, seeded; training is simulated with timed progress events and snapshots.
 * Never used by the product.
 */
import type {
  ColumnRequest,
  ColumnValues,
  DatasetSummary,
  EngineApi,
  EngineEvent,
  EngineEventListener,
  RunResult,
  TrainRequest,
} from '../../src/api/engine-api.js';
import { ENGINE_REQUEST_METHODS } from '../../src/api/engine-api.js';
import { toErrorInfo } from '../../src/api/errors.js';
import type { EngineBridge } from '../../src/api/ipc-channels.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';

/** `engine` in the shape the Electron preload exposes (every call resolves to { ok, value | error }). */
export function asPreloadBridge(engine: EngineApi): EngineBridge {
  const methods = Object.fromEntries(
    ENGINE_REQUEST_METHODS.map((method) => [
      method,
      async (...args: unknown[]) => {
        try {
          return {
            ok: true,
            value: await (engine[method] as (...a: unknown[]) => Promise<unknown>)(...args),
          };
        } catch (err) {
          return { ok: false, error: toErrorInfo(err) };
        }
      },
    ]),
  ) as unknown as Omit<EngineBridge, 'onEvent'>;
  return { ...methods, onEvent: (listener) => engine.onEvent(listener) };
}

export interface FakeEngineOptions {
  /** Cells in the synthetic dataset. Default 700. */
  cells?: number;
  /** Classes. Default 10. */
  classes?: number;
  /** Milliseconds between simulated progress events. Default 30. */
  stepMs?: number;
  /** Seed. Default 1. */
  seed?: number;
}

export function createFakeEngine(options: FakeEngineOptions = {}): EngineApi {
  const { cells = 700, classes = 10, stepMs = 30, seed = 1 } = options;
  const random = seededRandom(seed);
  const labels = Array.from({ length: cells }, (_, i) => (i % 17 === 16 ? '' : `type_${i % classes}`));
  const ids = Array.from({ length: cells }, (_, i) => `cell_${i}`);
  const batch = Array.from({ length: cells }, () => (random() < 0.5 ? 'batch_A' : 'batch_B'));
  const centers = Array.from({ length: classes }, () => [
    randomNormal(random) * 6,
    randomNormal(random) * 6,
    randomNormal(random) * 6,
  ]);
  const genes = Array.from({ length: 50 }, (_, g) => `GENE${g}`);
  const listeners = new Set<EngineEventListener>();
  const emit = (e: EngineEvent) => listeners.forEach((l) => l(e));
  let dataset: DatasetSummary | null = null;
  let lastRun: RunResult | null = null;
  let stop = false;
  let active: string | null = null;
  let runs = 0;

  const embed = (dims: number, progress: number): Float32Array => {
    const out = new Float32Array(cells * dims);
    const r = seededRandom(seed + 7);
    for (let i = 0; i < cells; i++) {
      const k = i % classes;
      for (let d = 0; d < dims; d++)
        out[i * dims + d] = centers[k][d] * progress + randomNormal(r) * (1.5 - progress);
    }
    return out;
  };

  const summary = (source: string): DatasetSummary => ({
    datasetId: `fake-${++runs}`,
    source,
    rows: cells,
    genes: genes.length,
    geneNames: genes,
    idColumn: 'id',
    metadata: [
      { name: 'cell_type', distinct: classes, missing: labels.filter((l) => !l).length, topValues: [] },
      { name: 'batch', distinct: 2, missing: 0, topValues: [] },
      { name: 'n_genes', distinct: cells, missing: 0, topValues: [] },
    ],
    suggestedLabel: 'cell_type',
    valueKind: 'log',
    orientation: { applied: 'cells-as-rows', reason: 'synthetic data' },
    preview: {
      header: ['id', 'cell_type', 'batch', 'n_genes', ...genes.slice(0, 4)],
      rows: ids
        .slice(0, 8)
        .map((id, i) => [id, labels[i], batch[i], String(500 + i), '0.1', '0', '2.3', '1.1']),
      totalColumns: 3 + genes.length + 1,
      delimiter: ',',
    },
    recommendedPreprocess: {
      normalize: false,
      log1p: false,
      topGenes: 2000,
      zscore: true,
      pcaComponents: 50,
    },
    warnings: [],
    metadataSource: null,
  });

  const engine: EngineApi = {
    async openFile(source) {
      if (source.kind === 'upload' && source.name.includes('bad')) {
        throw Object.assign(new Error(`${source.name}, line 3, column 2: 'x' is not a number`), {
          kind: 'import',
        });
      }
      dataset = summary(
        source.kind === 'upload' ? source.name : source.kind === 'path' ? source.path : 'synthetic.csv',
      );
      lastRun = null;
      return dataset;
    },
    async openMetadata() {
      if (!dataset) throw new Error('Open a file first');
      return dataset;
    },
    async cancelImport() {},
    async labelSummary(column) {
      const counts = new Map<string, number>();
      for (const l of labels) if (l) counts.set(l, (counts.get(l) ?? 0) + 1);
      return {
        column,
        classes: [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count),
        unlabeled: labels.filter((l) => !l).length,
        tooSmall: [],
      };
    },
    async columnValues(request: ColumnRequest): Promise<ColumnValues> {
      if (request.kind === 'gene') {
        const g = genes.indexOf(request.gene);
        if (g < 0)
          throw Object.assign(new Error(`No gene named ${request.gene}`), { kind: 'invalid-request' });
        const values = Float32Array.from(labels, (_, i) =>
          Math.max(0, (i % classes === g % classes ? 3 : 0) + randomNormal(random)),
        );
        return { kind: 'numeric', name: request.gene, values, min: 0, max: 6 };
      }
      if (request.column === 'cell_type') return { kind: 'text', name: 'cell_type', values: labels };
      if (request.column === 'batch') return { kind: 'text', name: 'batch', values: batch };
      const values = Float32Array.from(labels, (_, i) => 500 + i);
      return { kind: 'numeric', name: request.column, values, min: 500, max: 500 + cells };
    },
    async backendInfo() {
      return {
        backend: 'wasm',
        reason: 'synthetic engine',
        attempts: [],
        versions: { fake: '1' },
        threads: 1,
        simd: true,
        nativeHint: 'This is the fake engine used by the UI benchmark.',
      };
    },
    async getState() {
      return { dataset, activeRunId: active, lastRun };
    },
    async startTraining(request: TrainRequest) {
      if (!dataset) throw new Error('Open a file first');
      const runId = `run-${++runs}`;
      const epochs = request.epochs ?? 50;
      const dims = request.dims ?? 3;
      const steps = 4;
      active = runId;
      stop = false;
      const t0 = Date.now();
      void (async () => {
        let epoch = 1;
        for (; epoch <= epochs && !stop; epoch++) {
          for (let step = 1; step <= steps; step++) {
            await new Promise((r) => setTimeout(r, stepMs));
            const elapsedMs = Date.now() - t0;
            const done = (epoch - 1 + step / steps) / epochs;
            emit({
              type: 'train-progress',
              runId,
              epoch,
              epochs,
              step,
              steps,
              loss: 1 / (1 + 5 * done) + 0.05 * random(),
              activeFraction: 1 - done * 0.8,
              elapsedMs,
              etaMs: (elapsedMs / done) * (1 - done),
            });
          }
          if ((request.snapshotEvery ?? 5) > 0 && epoch % (request.snapshotEvery ?? 5) === 0) {
            emit({
              type: 'embedding-snapshot',
              runId,
              epoch,
              coords: { data: embed(dims, epoch / epochs), rows: cells, cols: dims },
            });
          }
        }
        active = null;
        lastRun = {
          runId,
          datasetId: dataset!.datasetId,
          labelColumn: request.labelColumn,
          coords: { data: embed(dims, 1), rows: cells, cols: dims },
          ids,
          labels,
          split: labels.map((l, i) => (!l ? 'unlabeled' : i % 5 === 0 ? 'holdout' : 'train')),
          metrics: {
            knn_holdout: 0.91,
            knn_train: 0.95,
            knn_holdout_pca: 0.78,
            knn_holdout_input: 0.8,
            silhouette: 0.42,
            trustworthiness: 0.93,
          },
          stoppedReason: stop ? 'stopped' : 'completed',
          history: Array.from({ length: epoch - 1 }, (_, e) => ({
            epoch: e + 1,
            loss: 1 / (1 + e),
            activeFraction: 0.5,
          })),
          report: { fake: true },
        };
        emit({ type: 'run-finished', result: lastRun });
      })();
      return { runId };
    },
    async stopTraining() {
      stop = true;
    },
    async embedFile(source) {
      if (!lastRun) throw new Error('Train first');
      const n = Math.min(200, cells);
      const dims = lastRun.coords.cols;
      return {
        source: source.kind === 'upload' ? source.name : 'file',
        format: { kind: 'text', matrix: '', layers: [], obsm: [] },
        ids: ids.slice(0, n).map((id) => `new_${id}`),
        coords: { data: lastRun.coords.data.slice(0, n * dims).map((v) => v + 0.3), rows: n, cols: dims },
        predicted: labels.slice(0, n).map((l) => l || 'type_0'),
        confidence: new Float32Array(n).fill(0.8),
        missingGenes: [],
        warnings: [],
        labels: null,
        notes: [],
        metadataSource: null,
        joinedMetadata: [],
        projectionId: 'projection-1',
        file: { kind: 'path', path: '', name: 'query.csv', size: -1, sha256: null },
      };
    },
    async exportCoordinates() {
      return { fileName: 'coords.csv', mimeType: 'text/csv', text: 'id,label,split,dim1,dim2,dim3\n' };
    },
    async exportProjected() {
      return {
        fileName: 'file.projected.csv',
        mimeType: 'text/csv',
        text: 'id,x,y,predicted_label,confidence\n',
      };
    },
    async exportReport() {
      return { fileName: 'report.json', mimeType: 'application/json', text: '{}' };
    },
    async exportAnnData(_edited, target) {
      // runs in the page: nothing is written, the page is told where the file would be
      const at = target.kind === 'path' ? target.path : '/tmp/result.h5ad';
      return { kind: 'path', path: at, fileName: 'result.h5ad', mimeType: 'application/x-hdf5', bytes: 0 };
    },
    async exportModel() {
      return {
        kind: 'archive',
        fileName: 'model.tar',
        mimeType: 'application/x-tar',
        bytes: new Uint8Array(1024),
      };
    },
    async cellNeighbours(cell, k = 15) {
      if (!lastRun) throw new Error('Train first');
      // the map stands in for the input space: nearest k by squared distance, by brute force
      const { data, rows, cols } = lastRun.coords;
      const d2 = (j: number) => {
        let s = 0;
        for (let c = 0; c < cols; c++) s += (data[cell * cols + c] - data[j * cols + c]) ** 2;
        return s;
      };
      const order = Array.from({ length: rows }, (_, j) => j).filter((j) => j !== cell);
      const nearest = Int32Array.from(order.sort((a, b) => d2(a) - d2(b)).slice(0, k));
      return { runId: lastRun.runId, cell, k, inputNeighbours: nearest, mapNeighbours: nearest, shared: k };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // annotate methods: not part of the UI benchmarks
    retrainWithLabels: () => Promise.reject(new Error('Not in the fake engine')),
    runPredictions: () => Promise.reject(new Error('Not in the fake engine')),
    exportEditedLabels: () => Promise.reject(new Error('Not in the fake engine')),
    saveSession: () => Promise.reject(new Error('Not in the fake engine')),
    openSession: () => Promise.reject(new Error('Not in the fake engine')),
    attachSessionInput: () => Promise.reject(new Error('Not in the fake engine')),
    async markerGenes() {
      throw new Error('Marker genes are not part of the UI benchmark (bench markers measures them)');
    },
  };
  return engine;
}
