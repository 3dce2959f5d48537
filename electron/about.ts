/** The Help ▸ About text: app, Electron, Node, Chromium and tfjs versions, and the backend the engine uses. */
import type { BackendInfo } from '../src/api/engine-api.js';

export interface AboutFacts {
  appVersion: string;
  electron: string;
  chrome: string;
  node: string;
  /** @tensorflow/tfjs's version, read from its package.json (main never loads tfjs itself). */
  tfjs: string;
  /** The engine's backend, or the reason it could not be found out. */
  backend: BackendInfo | { error: string };
}

export function aboutDetail(facts: AboutFacts): string {
  const b = facts.backend;
  const backend =
    'error' in b
      ? `unknown (${b.error})`
      : `${b.backend}${b.backend === 'wasm' && b.simd !== undefined ? (b.simd ? ' (SIMD)' : ' (no SIMD)') : ''}, ${b.threads} thread${b.threads === 1 ? '' : 's'} — ${b.reason}`;
  const lines = [
    `TripletLens ${facts.appVersion}`,
    `Electron ${facts.electron} (Chromium ${facts.chrome}, Node ${facts.node})`,
    `TensorFlow.js ${facts.tfjs}`,
    `Backend: ${backend}`,
  ];
  if (!('error' in b) && b.nativeHint) lines.push(b.nativeHint);
  return lines.join('\n');
}
