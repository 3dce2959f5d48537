/** Types for renderer-assets.mjs (used by bench/ui.ts, which builds its own copy of the page). */
export function writeRendererAssets(root: string, outDir: string): Promise<void>;
export function plotlyCss(source: string): string;
export function inlineStyleIds(source: string): string[];
