/**
 * A trained encoder: a standard tfjs Layers model (Dense/AlphaDropout, stock layers) plus what TripletLens
 * needs to use it — output normalisation for directional distances, the training history and why training
 * stopped. Saved as model.json + weights.bin with that information in `userDefinedMetadata.tripletlens`.
 */
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../api/matrix.js';
import type { StoppedReason, TrainHistoryEntry } from '../api/progress.js';
import { embedRows, embedRowsPausing, type EmbedPlan } from './embed-rows.js';
import type { LayerSpec } from './encoder-architecture.js';
import { fileLoadHandler, fileSaveHandler } from './file-io-handler.js';
import { CoreError } from '../api/core-error.js';

/** Moved to src/api/progress.ts (the contract layer); re-exported for code written before the move. */
export type { StoppedReason, TrainHistoryEntry };

/** What is saved beside the weights. */
export interface EncoderMetadata {
  dims: number;
  inputDim: number;
  /** Outputs are scaled to unit length (cosine/angular distance). */
  normalizeOutput: boolean;
  history: TrainHistoryEntry[];
  stoppedReason: StoppedReason;
  /** Why training stopped, when not completed normally. */
  message?: string;
  /** Training options as used (for the record; not needed to embed). */
  options?: Record<string, unknown>;
}

export interface TrainedEncoder {
  /** Output dimensions. */
  readonly dims: number;
  /** Input columns expected by embed. */
  readonly inputDim: number;
  readonly history: TrainHistoryEntry[];
  readonly stoppedReason: StoppedReason;
  /** A clear explanation when training stopped early for a reason other than completion. */
  readonly message?: string;
  /** Non-fatal findings from training (e.g. classes with one cell that could not anchor). */
  readonly warnings: string[];
  /** The learning rate training used (the one `auto` picked), when the encoder's record has it. */
  readonly learningRate?: number;
  /** Embeds rows of x (x.cols must equal inputDim) → rows × dims. */
  embed(x: DenseMatrix): DenseMatrix;
  /**
   * The same values as `embed`, a slice of rows at a time, awaiting `pause(done)` between slices with the rows
   * embedded so far: the run's embed stage says 'n of N cells' there and yields to the event loop.
   */
  embedPausing(x: DenseMatrix, pause: (done: number) => Promise<void>): Promise<DenseMatrix>;
  /** Writes model.json + weights.bin into dir (created if missing; files replaced atomically). */
  save(dir: string): Promise<void>;
  /** The dense layers' weights, [kernel, bias] per layer (copies): what fine-tuning starts from. */
  weightValues(): { kernel: Float32Array; bias: Float32Array }[];
  /** Frees the tensors. The encoder cannot be used afterwards. */
  dispose(): void;
}

const METADATA_KEY = 'tripletlens';

/** Builds the inference model from layer specs and trained weights ([kernel, bias] per layer). */
export function buildLayersModel(
  inputDim: number,
  specs: LayerSpec[],
  weights: { kernel: Float32Array; bias: Float32Array }[],
): tf.Sequential {
  const model = tf.sequential();
  specs.forEach((spec, i) => {
    model.add(
      tf.layers.dense({
        units: spec.units,
        activation: spec.activation,
        ...(i === 0 ? { inputShape: [inputDim] } : {}),
      }),
    );
    if (spec.dropout > 0) model.add(tf.layers.alphaDropout({ rate: spec.dropout }));
  });
  const tensors: tf.Tensor[] = [];
  let previous = inputDim;
  try {
    specs.forEach((spec, i) => {
      tensors.push(tf.tensor2d(weights[i].kernel, [previous, spec.units]), tf.tensor1d(weights[i].bias));
      previous = spec.units;
    });
    model.setWeights(tensors);
  } catch (err) {
    // weights that do not fit the specs: the half-built model is freed with them
    model.dispose();
    throw err;
  } finally {
    tf.dispose(tensors);
  }
  return model;
}

class LayersEncoder implements TrainedEncoder {
  readonly warnings: string[];

  constructor(
    private readonly model: tf.LayersModel,
    private readonly meta: EncoderMetadata,
    warnings: string[] = [],
  ) {
    this.warnings = warnings;
  }

  get dims(): number {
    return this.meta.dims;
  }
  get inputDim(): number {
    return this.meta.inputDim;
  }
  get history(): TrainHistoryEntry[] {
    return this.meta.history;
  }
  get stoppedReason(): StoppedReason {
    return this.meta.stoppedReason;
  }
  get message(): string | undefined {
    return this.meta.message;
  }
  get learningRate(): number | undefined {
    const rate = this.meta.options?.learningRate;
    return typeof rate === 'number' ? rate : undefined;
  }

  embed(x: DenseMatrix): DenseMatrix {
    return embedRows(x, this.plan(x));
  }

  embedPausing(x: DenseMatrix, pause: (done: number) => Promise<void>): Promise<DenseMatrix> {
    return embedRowsPausing(x, this.plan(x), pause);
  }

  /** How x is embedded, once its width is checked. */
  private plan(x: DenseMatrix): EmbedPlan {
    if (x.cols !== this.meta.inputDim) {
      throw new CoreError(
        'bad-input',
        `The encoder expects ${this.meta.inputDim} input columns; got ${x.cols}`,
      );
    }
    return {
      // the whole chunk in one call: predict's default batch of 32 rows made embedding 1 000 000 rows take ~30 s
      forward: (input) => this.model.predict(input, { batchSize: input.shape[0] }) as tf.Tensor2D,
      dims: this.meta.dims,
      normalize: this.meta.normalizeOutput,
    };
  }

  weightValues(): { kernel: Float32Array; bias: Float32Array }[] {
    const values = this.model.getWeights().map((w) => w.dataSync() as Float32Array);
    const layers: { kernel: Float32Array; bias: Float32Array }[] = [];
    for (let i = 0; i + 1 < values.length; i += 2) {
      layers.push({ kernel: values[i].slice(), bias: values[i + 1].slice() });
    }
    return layers;
  }

  async save(dir: string): Promise<void> {
    this.model.setUserDefinedMetadata({ [METADATA_KEY]: this.meta as unknown as Record<string, unknown> });
    await this.model.save(fileSaveHandler(dir));
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Wraps an inference model and its metadata as a TrainedEncoder. */
export function wrapEncoder(
  model: tf.LayersModel,
  meta: EncoderMetadata,
  warnings: string[] = [],
): TrainedEncoder {
  return new LayersEncoder(model, meta, warnings);
}

/** Loads an encoder saved by TrainedEncoder.save(dir). */
export async function loadEncoder(dir: string): Promise<TrainedEncoder> {
  const model = await tf.loadLayersModel(fileLoadHandler(dir));
  const stored = (model.getUserDefinedMetadata() as Record<string, unknown> | undefined)?.[METADATA_KEY] as
    EncoderMetadata | undefined;
  const inputShape = model.inputs[0].shape;
  const outputShape = model.outputs[0].shape;
  const inputDim = Number(inputShape[inputShape.length - 1]);
  const dims = Number(outputShape[outputShape.length - 1]);
  const meta: EncoderMetadata = {
    history: [],
    stoppedReason: 'completed',
    normalizeOutput: false,
    ...stored,
    dims,
    inputDim,
  };
  return new LayersEncoder(model, meta);
}
