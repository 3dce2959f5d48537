/**
 * Electron main-process entry (bundled to dist/electron/main.js, the package's "main"). It only hands the
 * real Electron module to startApp (app.ts); keeping this file this small is what lets every other part be
 * tested in plain Node with fakes.
 */
import * as electron from 'electron';
import { startApp } from './app.js';

startApp(electron);
