/**
 * 3-D markers as point sprites inside Plotly's own scene. gl-scatter3d (Plotly's scatter3d) draws each point
 * as a vectorised glyph: 57 vertices a circle, drawn twice a frame (on screen and into the picking buffer).
 * Without a GPU, SwiftShader spends seconds a frame on 100 000 such points. This patches gl-scatter3d's
 * PointCloud prototype so its update keeps one vertex a point (scene-sprite-arrays.ts) and its draw, drawPick
 * and drawTransparent draw gl.POINTS with the same camera uniforms and pick ids (scene-sprite-shaders.ts):
 * Plotly's axes, camera, hover, legend, toImage and our lasso keep working because everything else of the
 * object — `points`, `bounds`, `pick`, `highlight` — is gl-scatter3d's own.
 *
 * The prototype is private to Plotly's bundle: it is reached through the first scene object of a tiny plot
 * (prime). When its shape is not the one expected, nothing is patched, Plotly draws its glyphs and the reason
 * is logged and kept in `document.documentElement.dataset.sceneSprites`.
 */
import Plotly from 'plotly.js-dist';
import type { SpriteArrays } from './scene-sprite-arrays.js';
import {
  patchPointCloud,
  unexpectedShape,
  type Camera,
  type PointCloudLike,
  type PointCloudProto,
  type SpriteBuffers,
} from './scene-sprite-patch.js';
import {
  SPRITE_ATTRIBUTES,
  SPRITE_FRAGMENT,
  SPRITE_PICK_FRAGMENT,
  SPRITE_VERTEX,
} from './scene-sprite-shaders.js';

/** A PointCloud as drawn here: its WebGL context and the buffers uploadSprites made. */
interface GlCloud extends PointCloudLike {
  gl: WebGLRenderingContext;
  sprites?: GlSpriteBuffers | null;
}

interface GlSpriteBuffers extends SpriteBuffers {
  position: WebGLBuffer;
  color: WebGLBuffer;
  id: WebGLBuffer;
  sizeShape: WebGLBuffer;
}

const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

/** The sprite programs of one WebGL context. */
interface Programs {
  draw: WebGLProgram;
  pick: WebGLProgram;
  vao: OES_vertex_array_object | null;
}

const programs = new WeakMap<WebGLRenderingContext, Programs>();
let compileFailed = false;

function compile(gl: WebGLRenderingContext, vertex: string, fragment: string): WebGLProgram {
  const program = gl.createProgram();
  for (const [type, src] of [
    [gl.VERTEX_SHADER, vertex],
    [gl.FRAGMENT_SHADER, fragment],
  ] as const) {
    const shader = gl.createShader(type);
    if (!shader) throw new TypeError('WebGL could not create a shader');
    gl.shaderSource(shader, src);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS))
      throw new TypeError(`sprite shader: ${gl.getShaderInfoLog(shader) ?? 'did not compile'}`);
    gl.attachShader(program, shader);
  }
  for (const [name, loc] of Object.entries(SPRITE_ATTRIBUTES)) gl.bindAttribLocation(program, loc, name);
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS))
    throw new TypeError(`sprite program: ${gl.getProgramInfoLog(program) ?? 'did not link'}`);
  return program;
}

function programsFor(gl: WebGLRenderingContext): Programs {
  let p = programs.get(gl);
  if (!p) {
    p = {
      draw: compile(gl, SPRITE_VERTEX, SPRITE_FRAGMENT),
      pick: compile(gl, SPRITE_VERTEX, SPRITE_PICK_FRAGMENT),
      vao: gl.getExtension('OES_vertex_array_object'),
    };
    programs.set(gl, p);
  }
  return p;
}

function uploadSprites(cloud: PointCloudLike, arrays: SpriteArrays): SpriteBuffers {
  const obj = cloud as GlCloud;
  const gl = obj.gl;
  const buffers: GlSpriteBuffers = obj.sprites ?? {
    position: gl.createBuffer(),
    color: gl.createBuffer(),
    id: gl.createBuffer(),
    sizeShape: gl.createBuffer(),
    count: 0,
  };
  for (const name of ['position', 'color', 'id', 'sizeShape'] as const) {
    gl.bindBuffer(gl.ARRAY_BUFFER, buffers[name]);
    gl.bufferData(gl.ARRAY_BUFFER, arrays[name], gl.STATIC_DRAW);
  }
  buffers.count = arrays.count;
  return buffers;
}

function releaseSprites(cloud: PointCloudLike): void {
  const obj = cloud as GlCloud;
  const b = obj.sprites;
  if (!b) return;
  for (const buffer of [b.position, b.color, b.id, b.sizeShape]) obj.gl.deleteBuffer(buffer);
  obj.sprites = null;
}

/** gl-scatter3d's clip bounds (the axes' ranges), finite as its getClipBounds makes them. */
function clipBounds(obj: PointCloudLike): number[] {
  const b = obj.axes?.bounds;
  const out: number[] = [];
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 3; j++)
      out.push(Math.max(Math.min(b?.[i]?.[j] ?? (i === 0 ? -1e8 : 1e8), 1e8), -1e8));
  return out;
}

function drawSpritesGl(cloud: PointCloudLike, camera: Camera, pick: boolean): void {
  const obj = cloud as GlCloud;
  const b = obj.sprites;
  if (!b || b.count === 0) return;
  const gl = obj.gl;
  let p: Programs;
  try {
    p = programsFor(gl);
  } catch (err) {
    // they compiled in the priming plot's context; a failure here must not stop the scene's render loop
    if (!compileFailed) console.error('3-D point sprites could not be drawn', err);
    compileFailed = true;
    return;
  }
  const program = pick ? p.pick : p.draw;
  gl.useProgram(program);
  const u = (name: string) => gl.getUniformLocation(program, name);
  gl.uniformMatrix4fv(u('model'), false, Array.from(camera.model ?? IDENTITY));
  gl.uniformMatrix4fv(u('view'), false, Array.from(camera.view ?? IDENTITY));
  gl.uniformMatrix4fv(u('projection'), false, Array.from(camera.projection ?? IDENTITY));
  gl.uniform3fv(u('clipBounds'), clipBounds(obj));
  // the picking draw is at pixel ratio 1, as gl-scatter3d's
  gl.uniform1f(u('pixelRatio'), pick ? 1 : obj.pixelRatio);
  if (pick) gl.uniform1f(u('pickGroup'), obj.pickId / 255);
  else gl.uniform1f(u('opacity'), obj.opacity);
  // attributes on the default vertex array, switched off again after: other objects use gl-vao
  p.vao?.bindVertexArrayOES(null);
  const layout = [
    [SPRITE_ATTRIBUTES.position, b.position, 3, gl.FLOAT, false],
    [SPRITE_ATTRIBUTES.color, b.color, 4, gl.UNSIGNED_BYTE, true],
    [SPRITE_ATTRIBUTES.id, b.id, 4, gl.UNSIGNED_BYTE, true],
    [SPRITE_ATTRIBUTES.sizeShape, b.sizeShape, 2, gl.FLOAT, false],
  ] as const;
  for (const [loc, buffer, size, type, normalized] of layout) {
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.enableVertexAttribArray(loc);
    gl.vertexAttribPointer(loc, size, type, normalized, 0, 0);
  }
  gl.drawArrays(gl.POINTS, 0, b.count);
  for (const [loc] of layout) gl.disableVertexAttribArray(loc);
}

let installed: Promise<string> | null = null;
let off = false;

/** True once installSceneSprites found that it cannot patch gl-scatter3d (Plotly then draws its glyphs). */
export function sceneSpritesOff(): boolean {
  return off;
}

/**
 * Installs the sprites when the page is next idle (before the user opens a 3-D view, so that view does not
 * wait for the hidden priming plot).
 */
export function installSceneSpritesWhenIdle(): void {
  if (installed) return;
  if (typeof requestIdleCallback === 'function')
    requestIdleCallback(() => void installSceneSprites(), { timeout: 2000 });
  else setTimeout(() => void installSceneSprites(), 200);
}

/**
 * Patches gl-scatter3d once per page (later calls return the same promise): plots one point in a hidden
 * scene to reach its prototype, patches it, and frees that scene. Resolves to 'on' or 'off: <reason>'.
 */
export function installSceneSprites(): Promise<string> {
  installed ??= prime().then((status) => {
    document.documentElement.dataset.sceneSprites = status;
    off = status !== 'on';
    if (off) console.info(`3-D markers drawn as Plotly's glyphs (${status})`);
    return status;
  });
  return installed;
}

async function prime(): Promise<string> {
  const div = document.createElement('div');
  div.style.cssText = 'position:fixed;left:-200px;top:0;width:40px;height:40px;visibility:hidden';
  document.body.append(div);
  try {
    await Plotly.newPlot(
      div,
      [{ type: 'scatter3d', mode: 'markers', x: [0], y: [0], z: [0] }],
      { width: 40, height: 40, margin: { l: 0, r: 0, t: 0, b: 0 } },
      { staticPlot: true },
    );
    const objects = (
      div as unknown as { _fullLayout?: { scene?: { _scene?: { glplot?: { objects?: unknown[] } } } } }
    )._fullLayout?.scene?._scene?.glplot?.objects;
    const cloud = objects?.find((o) => typeof (o as { pointCount?: unknown }).pointCount === 'number');
    const proto: unknown = cloud ? Object.getPrototypeOf(cloud) : null;
    const why = unexpectedShape(proto);
    if (why) return `off: gl-scatter3d's PointCloud has ${why}`;
    // the shaders must compile here, before any scene draws with them
    programsFor((cloud as GlCloud).gl);
    patchPointCloud(proto as PointCloudProto, uploadSprites, drawSpritesGl, releaseSprites);
    return 'on';
  } catch (err) {
    return `off: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    Plotly.purge(div);
    div.remove();
  }
}
