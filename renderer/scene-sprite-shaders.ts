/**
 * The GLSL of the 3-D point sprites (scene-sprites.ts): gl-scatter3d's orthographic-marker shaders with one
 * vertex a point (gl.POINTS, the shape cut out in the fragment shader) instead of a glyph mesh. The picking
 * shader writes what gl-scatter3d's does (the scene's pick group, then the point's index), so its own
 * `pick` reads the buffer unchanged.
 */

/** Attribute locations, bound before linking. */
export const SPRITE_ATTRIBUTES = { position: 0, color: 1, id: 2, sizeShape: 3 } as const;

export const SPRITE_VERTEX = `precision highp float;
attribute vec3 position;
attribute vec4 color;
attribute vec4 id;
attribute vec2 sizeShape;
uniform mat4 model, view, projection;
uniform vec3 clipBounds[2];
uniform float pixelRatio;
varying vec4 interpColor;
varying vec4 pickId;
varying float shape;
void main() {
  vec3 lo = min(clipBounds[0], clipBounds[1]);
  vec3 hi = max(clipBounds[0], clipBounds[1]);
  if (sizeShape.x <= 0.0 || any(lessThan(position, lo)) || any(greaterThan(position, hi))) {
    // outside the axes' ranges (or not a point): outside the clip volume, as gl-scatter3d does
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    gl_PointSize = 0.0;
  } else {
    gl_Position = projection * (view * (model * vec4(position, 1.0)));
    gl_PointSize = sizeShape.x * pixelRatio;
  }
  interpColor = color;
  pickId = id;
  shape = sizeShape.y;
}`;

/** The shape test: discards the fragments of the sprite's square that the marker does not cover. */
const SHAPE_TEST = `varying float shape;
void cutShape() {
  vec2 d = abs(gl_PointCoord - vec2(0.5));
  float r = length(d);
  float m = d.x + d.y;
  bool keep;
  if (shape < 0.5) keep = r <= 0.5;
  else if (shape < 1.5) keep = r <= 0.5 && r >= 0.36;
  else if (shape < 2.5) keep = true;
  else if (shape < 3.5) keep = max(d.x, d.y) >= 0.4;
  else if (shape < 4.5) keep = m <= 0.5;
  else if (shape < 5.5) keep = m <= 0.5 && m >= 0.36;
  else if (shape < 6.5) keep = min(d.x, d.y) <= 0.09;
  else keep = abs(d.x - d.y) <= 0.12 && m <= 0.7;
  if (!keep) discard;
}`;

export const SPRITE_FRAGMENT = `precision highp float;
uniform float opacity;
varying vec4 interpColor;
${SHAPE_TEST}
void main() {
  cutShape();
  if (interpColor.a * opacity == 0.0) discard;
  gl_FragColor = interpColor * opacity;
}`;

export const SPRITE_PICK_FRAGMENT = `precision highp float;
uniform float pickGroup;
varying vec4 pickId;
${SHAPE_TEST}
void main() {
  cutShape();
  gl_FragColor = vec4(pickGroup, pickId.bgr);
}`;
