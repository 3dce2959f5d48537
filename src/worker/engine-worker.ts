/**
 * The engine worker process: runs an EngineSession (which loads tfjs and trains) behind the worker protocol,
 * so training never blocks the server's event loop, the Electron main process or the page. Started by
 * createWorkerEngine through child_process.fork (serve) or an Electron utilityProcess (desktop).
 */
import { toErrorInfo } from '../api/errors.js';
import { EngineSession } from '../engine/session.js';
import { fullCollection } from './full-collection.js';
import { connectParentPort } from './parent-port.js';
import { serveEngine } from './serve-engine.js';
import { sessionOptionsFromEnv } from './session-env.js';

const port = connectParentPort();
const collectGarbage = fullCollection();
const session = new EngineSession({
  ...sessionOptionsFromEnv(process.env),
  ...(collectGarbage ? { collectGarbage } : {}),
});
serveEngine(session, port, (ids) => session.reuseIds(ids));

// A bug in a background task must be reported, not take the user's loaded data down with the process.
const report = (err: unknown) =>
  port.send({ type: 'event', event: { type: 'error', error: toErrorInfo(err) } });
process.on('uncaughtException', report);
process.on('unhandledRejection', report);

port.onMessage((message) => {
  if (message.type === 'configure') session.setIdFloor(message.idFloor);
  else if (message.type === 'shutdown') {
    session.dispose();
    process.exit(0);
  }
});
// The host is gone (its end of the channel closed): nobody can use the results, so stop.
port.onDisconnect(() => process.exit(0));
port.send({ type: 'ready', pid: process.pid });
// The backend and the trainer's code made ready while the user picks a file (the analogue of umap-learn's
// numba compilation); it yields to requests as training does, and a run that starts stops it.
void session.warmUp();
