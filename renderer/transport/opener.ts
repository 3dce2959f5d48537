/**
 * The page's calls that replace the engine's data — an open, a metadata join, a session opened, a session's input
 * attached — carry this page's id (`opener`), which the engine gives back in its 'data-opened' event: the page
 * tells its own open from another window's by it, also when its reply was lost on the way (a dropped
 * connection), where it took its own file for another window's (app/opened-elsewhere.ts).
 */
import type { EngineApi } from '../../src/api/engine-api.js';

/** A new id for this page: random, so two tabs (or a tab reloaded) never share one. */
export function newPageId(): string {
  // getRandomValues, not randomUUID: a page served over plain http on another host is no secure context
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `page-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** `engine` with `opener` passed to every call that replaces the data; the other calls as they are. */
export function withOpener(engine: EngineApi, opener: string): EngineApi {
  return {
    ...engine,
    openFile: (source, settings = {}, stopsRun = null) => engine.openFile(source, settings, stopsRun, opener),
    openMetadata: (source, settings = {}, stopsRun = null) =>
      engine.openMetadata(source, settings, stopsRun, opener),
    openSession: (source, confine, stopsRun = null) => engine.openSession(source, confine, stopsRun, opener),
    attachSessionInput: (source) => engine.attachSessionInput(source, opener),
  };
}
