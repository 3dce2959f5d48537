/**
 * Whether the page's WebGL runs in software (SwiftShader, llvmpipe…: no GPU, as in headless browsers and
 * some virtual machines) and what that means for the first view of a big map. Plotly's scatter3d draws
 * every point as a glyph mesh: 100 000 points take seconds per frame without a GPU, while 2-D scattergl
 * stays fast. The decision rule is pure and unit-tested; webgl-probe.ts asks the browser.
 */

/** Above this many cells, a software-rendered page opens the map in 2-D first. */
export const SOFTWARE_3D_LIMIT = 50_000;

/** True when the WebGL renderer string names a software rasteriser. */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render driver/i.test(renderer);
}

/** The first view of a run's map: 3-D when it has 3 dimensions, unless it is big and WebGL has no GPU. */
export function initialShow3d(cells: number, dims: number, softwareWebgl: boolean): boolean {
  return dims >= 3 && !(softwareWebgl && cells > SOFTWARE_3D_LIMIT);
}
