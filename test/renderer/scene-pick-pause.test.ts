import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pausePickWhilePressed, sceneObjects, wrapPickDraws } from '../../renderer/scene-pick-pause.js';

/** A stand-in for one of gl-plot3d's scene objects, counting its picking draws. */
function sceneObject() {
  const obj = {
    picks: [] as unknown[],
    dirty: false as boolean | undefined,
    drawPick(camera: unknown) {
      obj.picks.push(camera);
    },
  };
  return obj;
}

test('the picking draw is skipped only while paused, with its arguments passed on otherwise', () => {
  const obj = sceneObject();
  let paused = false;
  wrapPickDraws([obj], () => paused);
  obj.drawPick('camera 1');
  paused = true;
  obj.drawPick('camera 2');
  paused = false;
  obj.drawPick('camera 3');
  assert.deepEqual(obj.picks, ['camera 1', 'camera 3']);
  // wrapping again does not wrap twice (one draw a call)
  wrapPickDraws([obj], () => false);
  obj.drawPick('camera 4');
  assert.deepEqual(obj.picks, ['camera 1', 'camera 3', 'camera 4']);
});

test('no scene, or one without objects: nothing to wrap', () => {
  assert.deepEqual(sceneObjects({}), []);
  assert.deepEqual(sceneObjects({ _fullLayout: { scene: { _scene: {} } } }), []);
  assert.deepEqual(sceneObjects(null), []);
});

test('a press on the plot pauses the picking draws; the release redraws them once (dirty)', () => {
  const obj = sceneObject();
  const gd = Object.assign(new EventTarget(), {
    _fullLayout: { scene: { _scene: { glplot: { objects: [obj] } } } },
  });
  const win = new EventTarget();
  pausePickWhilePressed(gd, win);
  obj.drawPick('before');
  gd.dispatchEvent(new Event('pointerdown'));
  obj.drawPick('while rotating');
  assert.equal(obj.dirty, false);
  win.dispatchEvent(new Event('pointerup'));
  assert.equal(obj.dirty, true, 'the scene draws its picking buffer again on the next frame');
  obj.drawPick('after');
  assert.deepEqual(obj.picks, ['before', 'after']);
  // a release elsewhere without a press on the plot leaves the scene alone
  obj.dirty = false;
  win.dispatchEvent(new Event('pointerup'));
  assert.equal(obj.dirty, false);
});
