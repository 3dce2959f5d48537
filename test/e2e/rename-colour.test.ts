/**
 * End-to-end, naming clusters in Explore's Edit labels panel: a class renamed — or merged into a new name — is
 * the same cells and keeps its colour on the map (a walkthrough naming leiden clusters saw each renamed
 * cluster take the next palette colour), while a rename onto an existing class takes that class's colour;
 * Enter in the new-name field renames as the button does; the Colour picker recolours the chosen class.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSampleTraining, waitFor } from './browser-session.js';
import { browserSessionHooks } from './session-hooks.js';

/** The marker colour of each legend group the Explore map draws (its class traces; held-out cells alike). */
const GROUP_COLOURS = `(() => {
  const el = document.querySelector('[data-testid="explore-plot"]');
  if (!el || !el.data) return {};
  const out = {};
  for (const t of el.data)
    if (t.customdata && t.marker && typeof t.marker.color === 'string') out[String(t.legendgroup)] = t.marker.color;
  return out;
})()`;
type Colours = Record<string, string>;

describe('renaming a class on the map', { timeout: 300_000 }, () => {
  const opened = browserSessionHooks('rename-colour', {
    ready: async ({ page }) => {
      await startSampleTraining(page, { epochs: 2, dims: 2 });
      await page.getByTestId('screen-explore').waitFor({ timeout: 120_000 });
    },
  });

  async function renameOrMerge(button: 'rename' | 'merge', from: string, to: string): Promise<void> {
    const { page } = opened;
    await page.getByTestId('label-edit-class').selectOption(from);
    await page.getByTestId('label-edit-new-name').fill(to);
    await page.getByTestId(`label-edit-${button}`).click();
  }

  test('a renamed class and a class merged into a new name keep their colours', async () => {
    const { page } = opened;
    const before = await waitFor<Colours>(page, GROUP_COLOURS, (c) => Object.keys(c).length >= 4);
    const [first, second] = Object.keys(before);
    await renameOrMerge('rename', first, 'Named one');
    let after = await waitFor<Colours>(page, GROUP_COLOURS, (c) => 'Named one' in c);
    assert.equal(after['Named one'], before[first], JSON.stringify({ before, after }));
    await renameOrMerge('merge', second, 'Named two');
    after = await waitFor<Colours>(page, GROUP_COLOURS, (c) => 'Named two' in c);
    assert.equal(after['Named two'], before[second], JSON.stringify({ before, after }));
  });

  test('a rename onto an existing class takes that class’s colour', async () => {
    const { page } = opened;
    const before = await waitFor<Colours>(page, GROUP_COLOURS, (c) => 'Named two' in c);
    await renameOrMerge('rename', 'Named two', 'Named one');
    const after = await waitFor<Colours>(page, GROUP_COLOURS, (c) => !('Named two' in c));
    assert.equal(after['Named one'], before['Named one'], JSON.stringify({ before, after }));
  });

  test('Enter in the new-name field renames, as the Rename button does', async () => {
    const { page } = opened;
    const before = await waitFor<Colours>(page, GROUP_COLOURS, (c) => 'Named one' in c);
    await page.getByTestId('label-edit-class').selectOption('Named one');
    await page.getByTestId('label-edit-new-name').fill('Entered');
    await page.getByTestId('label-edit-new-name').press('Enter');
    const after = await waitFor<Colours>(page, GROUP_COLOURS, (c) => 'Entered' in c);
    assert.ok(!('Named one' in after), JSON.stringify(after));
    assert.equal(after['Entered'], before['Named one'], JSON.stringify({ before, after }));
  });

  test('the Colour picker shows the chosen class’s colour and recolours that class on the map, only it', async () => {
    const { page } = opened;
    const before = await waitFor<Colours>(page, GROUP_COLOURS, (c) => Object.keys(c).length >= 3);
    const [name, other] = Object.keys(before);
    await page.getByTestId('label-edit-class').selectOption(name);
    assert.equal(await page.getByTestId('label-edit-colour').inputValue(), before[name].toLowerCase());
    await page.getByTestId('label-edit-colour').fill('#ff00aa');
    const after = await waitFor<Colours>(page, GROUP_COLOURS, (c) => c[name] === '#ff00aa');
    assert.equal(after[other], before[other], JSON.stringify({ before, after }));
  });

  test('after a rename or a merge Existing class shows the class renamed: a second Enter merges no other', async () => {
    const { page } = opened;
    const options = `Array.from(document.querySelectorAll('[data-testid="label-edit-class"] option')).map((o) => o.value)`;
    for (const button of ['rename', 'merge'] as const) {
      const listed = await waitFor<string[]>(page, options, (o) => o.length >= 3);
      // the last class listed: were the choice left to the browser, it would fall on the first
      const from = listed[listed.length - 1];
      const to = `Kept by ${button}`;
      await renameOrMerge(button, from, to);
      await waitFor<string[]>(page, options, (o) => o.includes(to) && !o.includes(from));
      assert.equal(await page.getByTestId('label-edit-class').inputValue(), to, `after ${button} ${from}`);
      // Enter again in the field still holding the name: the class renames onto itself, nothing changes
      await page.getByTestId('label-edit-new-name').press('Enter');
      await page.evaluate(`new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`);
      const after = (await page.evaluate(options)) as string[];
      const others = (names: string[], but: string) => names.filter((n) => n !== but).sort();
      assert.deepEqual(others(after, to), others(listed, from), 'every other class is still there');
    }
  });

  test('no script errors or CSP violations', () => {
    const { session } = opened;
    assert.deepEqual(session.problems, []);
  });
});
