/**
 * tfjs save/load handlers for a folder on disk in the standard tfjs Layers format — `model.json` (topology
 * and weights manifest) plus `weights.bin` — written with node's fs because tfjs-node's file:// handler is
 * not available here. Any tfjs loader (tf.loadLayersModel over http, tfjs-node's file://) reads the result.
 */
import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { CoreError } from '../api/core-error.js';
import { JsonTextError, parseJsonText } from '../util/json-text.js';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

function joinWeights(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  return Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
}

/** A handler that writes `dir/model.json` and `dir/weights.bin` (each atomically; the folder is created). */
export function fileSaveHandler(dir: string): tf.io.IOHandler {
  return {
    save: async (artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
      if (!artifacts.modelTopology || artifacts.modelTopology instanceof ArrayBuffer) {
        throw new CoreError('internal', 'Only Layers models (JSON topology) can be saved to a folder');
      }
      const weights = joinWeights(artifacts.weightData);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      // weights first: a model.json never points at weights that are not there yet
      await writeFileAtomic(join(dir, WEIGHTS_BIN), new Uint8Array(weights));
      await writeFileAtomic(join(dir, MODEL_JSON), JSON.stringify(modelJson));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: weights.byteLength,
        },
      };
    },
  };
}

/** A handler that reads a folder written by fileSaveHandler (or any single-shard Layers model folder). */
export function fileLoadHandler(dir: string): tf.io.IOHandler {
  return {
    load: async (): Promise<tf.io.ModelArtifacts> => {
      const jsonPath = join(dir, MODEL_JSON);
      let modelJson: tf.io.ModelJSON;
      try {
        modelJson = parseJsonText(await readFile(jsonPath, 'utf8'), jsonPath) as tf.io.ModelJSON;
      } catch (err) {
        // "…/model.json, line 3, column 5: not valid JSON: …", as other bad input names its place
        if (err instanceof JsonTextError)
          throw new CoreError('bad-model', `${err.message}; the model folder is damaged`);
        throw new CoreError('bad-model', `Cannot read the encoder model ${jsonPath}: ${readFailure(err)}`);
      }
      if (!modelJson.modelTopology || !Array.isArray(modelJson.weightsManifest)) {
        throw new CoreError(
          'bad-model',
          `${jsonPath} is not a tfjs Layers model (modelTopology or weightsManifest missing)`,
        );
      }
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: ArrayBuffer[] = [];
      for (const group of modelJson.weightsManifest) {
        specs.push(...group.weights);
        for (const path of group.paths) {
          const bytes = await readFile(join(dir, path)).catch((err: unknown) => {
            throw new CoreError(
              'bad-model',
              `Cannot read the encoder weights ${join(dir, path)}: ${readFailure(err)}`,
            );
          });
          buffers.push(
            bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
          );
        }
      }
      const weightData = tf.io.concatenateArrayBuffers(buffers);
      const expected = specs.reduce((sum, s) => sum + 4 * s.shape.reduce((p, q) => p * q, 1), 0);
      const plain = specs.every((s) => !s.quantization && (s.dtype === 'float32' || s.dtype === 'int32'));
      if (plain && weightData.byteLength !== expected) {
        throw new CoreError(
          'bad-model',
          `${join(dir, WEIGHTS_BIN)} holds ${weightData.byteLength} bytes; model.json's manifest needs ${expected}: the file is cut short or damaged (save or copy the model folder again)`,
        );
      }
      if (plain && specs.every((s) => s.dtype === 'float32')) {
        // a weight that is NaN or infinite (damaged bytes) would make every embedded cell NaN
        const values = new Float32Array(weightData);
        const bad = values.findIndex((v) => !Number.isFinite(v));
        if (bad >= 0) {
          throw new CoreError(
            'bad-model',
            `${join(dir, WEIGHTS_BIN)} holds a non-finite weight (${values[bad]}, at byte ${bad * 4}): it is damaged; save or copy the model folder again`,
          );
        }
      }
      return {
        modelTopology: modelJson.modelTopology,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy,
        weightSpecs: specs,
        weightData,
        userDefinedMetadata: modelJson.userDefinedMetadata,
      };
    },
  };
}

/** Why a file of the model could not be read, in words (a missing file, a folder…). */
function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'the file is missing; the model folder is incomplete (save or copy it again)';
  if (code === 'EISDIR') return 'a folder is there instead of the file; the model folder is damaged';
  return code ?? (err instanceof Error ? err.message : String(err));
}
