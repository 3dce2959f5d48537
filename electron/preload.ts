/**
 * The sandboxed preload (bundled to dist/electron/preload.cjs by scripts/build.mjs: a sandboxed preload must
 * be one CommonJS file and may require only 'electron'). Everything it does lives in preload-api.ts.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { exposeApis } from './preload-api.js';

exposeApis(contextBridge, ipcRenderer, webUtils);
