/** The encoder's layer list, from a preset name or a custom list of hidden widths. */
import { CoreError } from '../api/core-error.js';

/** 'default': 3 × 128 SELU + AlphaDropout 0.1 (ivis); 'wide': 512-256-128 ReLU; or hidden widths (SELU). */
export type EncoderPreset = 'default' | 'wide' | number[];

export interface LayerSpec {
  units: number;
  activation: 'selu' | 'relu' | 'linear';
  /** AlphaDropout rate after this layer (0 = none). */
  dropout: number;
  /** Weight initialisation: LeCun normal (for SELU, as ivis) or He normal (for ReLU). */
  init: 'lecun-normal' | 'he-normal';
}

/** The hidden layers followed by the linear output layer of `dims` units. */
export function resolveArchitecture(preset: EncoderPreset, dims: number): LayerSpec[] {
  if (!Number.isInteger(dims) || dims < 1 || dims > 10) {
    throw new CoreError(
      'bad-request',
      `dims must be an integer from 1 to 10 (2 or 3 for a map); got ${dims}`,
    );
  }
  let hidden: LayerSpec[];
  if (preset === 'default') {
    hidden = [128, 128, 128].map((units) => ({
      units,
      activation: 'selu',
      dropout: 0.1,
      init: 'lecun-normal',
    }));
  } else if (preset === 'wide') {
    hidden = [512, 256, 128].map((units) => ({ units, activation: 'relu', dropout: 0, init: 'he-normal' }));
  } else if (Array.isArray(preset)) {
    if (preset.length === 0 || preset.some((u) => !Number.isInteger(u) || u < 1 || u > 65536)) {
      throw new CoreError(
        'bad-request',
        `A custom preset is a list of hidden layer widths (integers 1–65536); got [${preset.join(', ')}]`,
      );
    }
    hidden = preset.map((units) => ({ units, activation: 'selu', dropout: 0.1, init: 'lecun-normal' }));
  } else {
    throw new CoreError(
      'bad-request',
      `Unknown preset '${String(preset)}'; valid presets: default, wide, or a list of widths`,
    );
  }
  return [...hidden, { units: dims, activation: 'linear', dropout: 0, init: 'lecun-normal' }];
}
