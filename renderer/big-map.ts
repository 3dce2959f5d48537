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
 * scatter3d in software WebGL costs ≈ 0.04 CPU s to open and ≈ 0.02 CPU s a rotation frame per 1 000 points,
 * so 20 000 points open in ~2.3 CPU s (100 000: 5–7) and rotate at a few frames a second (100 000: 0.5).
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
