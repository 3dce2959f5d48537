import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LEGEND_NAME_CHARS, legendNames, shortName } from '../../renderer/legend-names.js';

/** Class names as single-cell files carry them: Cell Ontology labels (cellxgene) and 10x/scanpy annotations. */
const CLASSES = [
  'CD14+ Monocytes',
  'Dendritic cells, plasmacytoid',
  'CD4-positive, alpha-beta memory T cell',
  'CD8-positive, alpha-beta memory T cell',
  'naive thymus-derived CD4-positive, alpha-beta T cell',
  'naive thymus-derived CD8-positive, alpha-beta T cell',
  'effector memory CD8-positive, alpha-beta T cell',
  'effector memory CD8-positive, alpha-beta T cell, terminally differentiated',
  'CD16-positive, CD56-dim natural killer cell, human',
  'CD16-negative, CD56-bright natural killer cell, human',
  'regulatory T cell',
  'unlabeled',
];

const length = (s: string) => Array.from(s).length;

test('shortName: a name that fits stays, a longer one is cut to the limit with an ellipsis', () => {
  assert.equal(shortName('CD14+ Monocytes'), 'CD14+ Monocytes');
  const cut = shortName('CD4-positive, alpha-beta memory T cell');
  assert.ok(length(cut) <= LEGEND_NAME_CHARS, cut);
  assert.ok(cut.endsWith('…'), cut);
  assert.ok('CD4-positive, alpha-beta memory T cell'.startsWith(cut.slice(0, -1)), cut);
  // no space before the ellipsis
  assert.equal(shortName('alpha beta gamma', 7), 'alpha…');
  // characters, not UTF-16 units: a name of astral characters is not cut inside one
  assert.equal(shortName('𝛼𝛽𝛾𝛿𝜀', 4), '𝛼𝛽𝛾…');
});

test('legendNames: every entry within the limit, none two alike, short names untouched', () => {
  const shown = legendNames(CLASSES);
  assert.equal(shown.length, CLASSES.length);
  for (const s of shown) assert.ok(length(s) <= LEGEND_NAME_CHARS, s);
  assert.equal(new Set(shown).size, CLASSES.length, JSON.stringify(shown));
  for (const name of ['CD14+ Monocytes', 'regulatory T cell', 'unlabeled'])
    assert.equal(shown[CLASSES.indexOf(name)], name);
});

test('legendNames: names alike in their first characters keep their ends instead', () => {
  const names = [
    'effector memory CD8-positive, alpha-beta T cell',
    'effector memory CD8-positive, alpha-beta T cell, terminally differentiated',
  ];
  const shown = legendNames(names);
  assert.notEqual(shown[0], shown[1]);
  names.forEach((name, i) => {
    // the start, an ellipsis, the end
    const [head, tail] = shown[i].split('…');
    assert.ok(head && tail && name.startsWith(head) && name.endsWith(tail), shown[i]);
    assert.ok(length(shown[i]) <= LEGEND_NAME_CHARS, shown[i]);
  });
});

test('legendNames: names alike at both ends too are shown whole', () => {
  const names = [
    'subcluster A of the cells in the first sample',
    'subcluster B of the cells in the first sample',
  ];
  assert.deepEqual(legendNames(names, 12), names);
});
