/**
 * Rotating a 3-D scene without a GPU: Plotly's gl-plot3d draws every point twice a frame while the camera
 * moves — once on screen and once into its picking buffer (for hover), which it then reads back whole —
 * although it does not pick while a button is down. While a press lasts over the plot, this skips the
 * objects' picking draw; on release it marks them dirty, so the next frame draws the picking buffer again
 * and hover and click work as before. Reaches into Plotly's private scene (`_fullLayout.scene._scene.glplot`):
 * when that is missing, nothing is changed.
 */

/** The parts of gl-plot3d's scene objects used here. */
interface PickObject {
  drawPick?: (...args: unknown[]) => void;
  dirty?: boolean;
  /** Marks an object whose drawPick is wrapped already. */
  pickPausable?: true;
}

/** The scene objects of the graph div's 3-D scene, or [] when there is none. */
export function sceneObjects(gd: unknown): PickObject[] {
  const layout = (gd as { _fullLayout?: { scene?: { _scene?: { glplot?: { objects?: unknown } } } } } | null)
    ?._fullLayout;
  const objects = layout?.scene?._scene?.glplot?.objects;
  return Array.isArray(objects) ? (objects as PickObject[]) : [];
}

/** Wraps each object's drawPick to do nothing while `paused()`; objects already wrapped are left. */
export function wrapPickDraws(objects: PickObject[], paused: () => boolean): void {
  for (const obj of objects) {
    const draw = obj.drawPick;
    if (obj.pickPausable || typeof draw !== 'function') continue;
    obj.drawPick = function (this: unknown, ...args: unknown[]) {
      if (!paused()) draw.apply(this, args);
    };
    obj.pickPausable = true;
  }
}

/**
 * Pauses the picking draws of `gd`'s 3-D scene from each press on it to the release anywhere in `win`
 * (default: the page's window).
 */
export function pausePickWhilePressed(
  gd: EventTarget,
  // the page's window (globalThis in a page; the Node build that type-checks tests has no DOM types)
  win: EventTarget = globalThis as unknown as EventTarget,
): void {
  let pressed = false;
  gd.addEventListener(
    'pointerdown',
    () => {
      pressed = true;
      // the scene's objects change with each full draw: wrap what is there now
      wrapPickDraws(sceneObjects(gd), () => pressed);
    },
    true,
  );
  win.addEventListener(
    'pointerup',
    () => {
      if (!pressed) return;
      pressed = false;
      // the picking buffer was left empty while pressed: the next frame draws it again
      for (const obj of sceneObjects(gd)) if (obj.pickPausable) obj.dirty = true;
    },
    true,
  );
}
