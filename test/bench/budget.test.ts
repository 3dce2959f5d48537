import assert from 'node:assert/strict';
import { test } from 'node:test';
import { budgetMarkdown, type BudgetRow } from '../../bench/budget.js';

const row = (config: BudgetRow['config'], steps: number, stopped: string): BudgetRow => ({
  config,
  backend: 'wasm',
  steps,
  epochs: 2,
  stopped,
  knnHoldout: 0.98765,
  trainS: 12.34,
  totalS: 20.5,
  cpuS: null,
  peakRssMb: 511.6,
  loadBefore: 0.5,
  loadAfter: 1.2,
});

test('budgetMarkdown: one row per run, in run order, with the table size, stop reason and load', () => {
  const md = budgetMarkdown({
    rows: 1000,
    cols: 7,
    date: '2026-11-30T04:00:00.000Z',
    runs: [
      row('one epoch (`--epochs 1 --max-steps 0`)', 25, 'completed'),
      row('auto budget + plateau (defaults)', 40, 'plateau'),
    ],
  });
  const lines = md.split('\n').filter((l) => l.startsWith('| '));
  assert.equal(lines.length, 3);
  assert.match(lines[0]!, /^\| 1000 × 7 \| backend \| steps run/);
  assert.match(
    lines[1]!,
    /^\| one epoch .* \| wasm \| 25 \| 2 \| completed \| 0\.988 \| 12\.3 \| 20\.5 \| — \| 512 \| 0\.5 → 1\.2 \|$/,
  );
  assert.match(lines[2]!, /auto budget .* \| 40 \| 2 \| plateau \|/);
  assert.match(md, /run 2026-11-30T04:00:00\.000Z/);
});
