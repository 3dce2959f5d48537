/**
 * The encoder's layer list, from a preset name or a custom list of hidden widths. The two are checked against
 * the option schema (`checkOption`), so a refusal is an OptionError in each side's words — the CLI's flag
 * (--dims, --preset), the Train screen's field (Map dimensions, Network) — and with the schema's bounds: it
 * named the API's fields (`dims`, "a custom preset") and allowed layers of up to 65536 where the schema
 * allows 4096.
 */
import { checkOption } from '../api/option-resolve.js';

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
  checkOption('dims', dims);
  checkOption('preset', preset);
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
  } else {
    hidden = preset.map((units) => ({ units, activation: 'selu', dropout: 0.1, init: 'lecun-normal' }));
  }
  return [...hidden, { units: dims, activation: 'linear', dropout: 0, init: 'lecun-normal' }];
}
