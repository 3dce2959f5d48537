/** Triplet sampling: offline samplers, P × K batches, and online mining. */
export * from './batch.js';
export * from './class-index.js';
export * from './mining.js';
export * from './sampler.js';
export * from '../neighbours/row-neighbours.js';
