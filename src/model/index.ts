/** The encoder: architecture presets, the trainable network, and the saved/loaded inference model. */
export * from './encoder-architecture.js';
export * from './dense-gradient.js';
export * from './encoder-net.js';
export * from './trained-encoder.js';
export * from './file-io-handler.js';
