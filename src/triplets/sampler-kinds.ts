// The sampler names alone, so the CLI can list and check them without loading the samplers (and tfjs).

export type SamplerKind = 'random' | 'balanced' | 'semi-hard' | 'hard' | 'batch-all';

export const SAMPLER_KINDS: readonly SamplerKind[] = ['random', 'balanced', 'semi-hard', 'hard', 'batch-all'];
