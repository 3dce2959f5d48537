/** Losses for metric learning: per-row reference forms and the distance-matrix forms the trainer uses. */
export * from './distance.js';
export * from './triplet-loss.js';
export * from './contrastive-loss.js';
export * from './quadruplet-loss.js';
export * from './center-loss.js';
export * from './matrix-loss.js';
