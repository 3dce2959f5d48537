/**
 * Whether the page's WebGL runs in software (SwiftShader, llvmpipe…: no GPU, as in headless browsers and
 * some virtual machines) and what that means for the first view of a big map. Plotly's scatter3d draws
 * every point as a glyph mesh: 100 000 points take seconds per frame without a GPU unless its markers are
 * drawn as point sprites (scene-sprites.ts), while 2-D scattergl stays fast. The decision rule is pure and unit-tested; webgl-probe.ts asks the browser.
 */

import { SUBSAMPLE_3D_ABOVE } from './map-subsample.js';

/** Above this many cells, a software-rendered page opens the map in 2-D first. */
export const SOFTWARE_3D_LIMIT = 50_000;

/**
 * The most points the 3-D view draws when WebGL has no GPU and Plotly draws its own glyph markers (the point
 * sprites of scene-sprites.ts could not be installed; above it: the density-preserving subsample of
 * map-subsample.ts). Chosen from `npm run bench -- ui` (bench/README.md, "UI: drawing big maps"): glyphs in
 * software WebGL cost ≈ 0.04 CPU s to open and ≈ 0.02 CPU s a rotation frame per 1 000 points.
 */
export const SOFTWARE_3D_POINTS = 20_000;

/**
 * The most points the 3-D view draws: SUBSAMPLE_3D_ABOVE, or SOFTWARE_3D_POINTS without a GPU when the point
 * sprites are off (`spritesOff`, default false: with sprites, 100 000 points open in < 3 s without a GPU).
 */
export function points3dLimit(softwareWebgl: boolean, spritesOff = false): number {
  return softwareWebgl && spritesOff ? SOFTWARE_3D_POINTS : SUBSAMPLE_3D_ABOVE;
}

/** True when the WebGL renderer string names a software rasteriser. */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render driver/i.test(renderer);
}

/** The first view of a run's map: 3-D when it has 3 dimensions, unless it is big and WebGL has no GPU. */
export function initialShow3d(cells: number, dims: number, softwareWebgl: boolean): boolean {
  return dims >= 3 && !(softwareWebgl && cells > SOFTWARE_3D_LIMIT);
}
