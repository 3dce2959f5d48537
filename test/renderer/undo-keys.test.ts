import assert from 'node:assert/strict';
import { test } from 'node:test';
import { takesText, undoKeyAction } from '../../renderer/undo-keys.js';

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }>,
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

test('Ctrl/⌘+Z undoes; Ctrl/⌘+Shift+Z and Ctrl+Y redo', () => {
  assert.equal(undoKeyAction(key('z', { ctrlKey: true }), false), 'undo');
  assert.equal(undoKeyAction(key('z', { metaKey: true }), false), 'undo');
  assert.equal(undoKeyAction(key('Z', { ctrlKey: true, shiftKey: true }), false), 'redo');
  assert.equal(undoKeyAction(key('Z', { metaKey: true, shiftKey: true }), false), 'redo');
  assert.equal(undoKeyAction(key('y', { ctrlKey: true }), false), 'redo');
});

test('plain keys, other shortcuts and keys typed into a text field are left alone', () => {
  assert.equal(undoKeyAction(key('z', {}), false), null);
  assert.equal(undoKeyAction(key('z', { shiftKey: true }), false), null);
  assert.equal(undoKeyAction(key('c', { ctrlKey: true }), false), null);
  assert.equal(undoKeyAction(key('z', { ctrlKey: true, altKey: true }), false), null);
  assert.equal(undoKeyAction(key('z', { ctrlKey: true }), true), null);
  assert.equal(undoKeyAction(key('y', { ctrlKey: true }), true), null);
});

test('text inputs and textareas take text; buttons, sliders and checkboxes do not', () => {
  assert.equal(takesText({ tagName: 'INPUT', type: 'text' }), true);
  assert.equal(takesText({ tagName: 'INPUT', type: 'search' }), true);
  assert.equal(takesText({ tagName: 'TEXTAREA' }), true);
  assert.equal(takesText({ tagName: 'DIV', isContentEditable: true }), true);
  assert.equal(takesText({ tagName: 'INPUT', type: 'range' }), false);
  assert.equal(takesText({ tagName: 'INPUT', type: 'checkbox' }), false);
  assert.equal(takesText({ tagName: 'BUTTON' }), false);
  assert.equal(takesText(null), false);
});
