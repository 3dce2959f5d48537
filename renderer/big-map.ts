/**
 * Whether the page's WebGL runs in software (SwiftShader, llvmpipe…: no GPU, as in headless browsers and
 * some virtual machines) and what that means for the first view of a big map. Plotly's scatter3d draws
 * every point as a glyph mesh: 100 000 points take seconds per frame without a GPU, while 2-D scattergl
 * stays fast. The decision rule is pure and unit-tested; webgl-probe.ts asks the browser.
 */

import { SUBSAMPLE_3D_ABOVE } from './map-subsample.js';

/** Above this many cells, a software-rendered page opens the map in 2-D first. */
export const SOFTWARE_3D_LIMIT = 50_000;

/**
 * The most points the 3-D view draws when WebGL has no GPU (above it: the density-preserving subsample of
 * map-subsample.ts). Chosen from `npm run bench -- ui` (bench/README.md, "UI: drawing big maps"): Plotly's
 * scatter3d costs about 0.03 s to open and 0.02 s a rotation frame per 1 000 points in software WebGL, so
 * 20 000 points open in about 2 s and rotate at a few frames a second; 100 000 took 4.4 s and 0.5 frames/s.
 */
export const SOFTWARE_3D_POINTS = 20_000;

/** The most points the 3-D view draws: SOFTWARE_3D_POINTS without a GPU, else SUBSAMPLE_3D_ABOVE. */
export function points3dLimit(softwareWebgl: boolean): number {
  return softwareWebgl ? SOFTWARE_3D_POINTS : SUBSAMPLE_3D_ABOVE;
}

/** True when the WebGL renderer string names a software rasteriser. */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render driver/i.test(renderer);
}

/** The first view of a run's map: 3-D when it has 3 dimensions, unless it is big and WebGL has no GPU. */
export function initialShow3d(cells: number, dims: number, softwareWebgl: boolean): boolean {
  return dims >= 3 && !(softwareWebgl && cells > SOFTWARE_3D_LIMIT);
}
