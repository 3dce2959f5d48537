// What `doctor` and the run report's nativeHint tell a user the offline route needs must be what
// scripts/setup-native-offline stops without: its prerequisite check's own list of tools.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatDoctorReport, type DoctorReport } from '../../src/backend/doctor-report.js';
import { NATIVE_HINT } from '../../src/backend/native-hint.js';
import { packageRoot } from '../../src/util/paths.js';

/** The tools the script names when one is missing, "(needs: node, npm, gcc, …)", less Node and npm. */
function scriptNeeds(): string[] {
  const script = readFileSync(join(packageRoot(), 'scripts', 'setup-native-offline'), 'utf8');
  const list = /\(needs: ([^)]+)\)/.exec(script);
  assert.ok(list, 'setup-native-offline names what it needs as "(needs: …)"');
  const tools = list[1].split(',').map((tool) => tool.trim());
  // TripletLens itself runs on them, so nobody reading the hint lacks them
  return tools.filter((tool) => tool !== 'node' && tool !== 'npm');
}

const report: DoctorReport = {
  backend: 'wasm',
  reason: 'tensorflow could not load; wasm is the next in line',
  attempts: [{ backend: 'wasm', ok: true }],
  versions: { node: process.versions.node },
  threads: 1,
  check: { op: 'matMul 1×1 · 1×1', ok: true, maxAbsError: 0, ms: 0 },
  nativeSetup: { online: 'npm install', offline: 'scripts/setup-native-offline', details: NATIVE_HINT },
};

test('the native hint names every tool scripts/setup-native-offline needs, python3 with pip too', () => {
  const needs = scriptNeeds();
  assert.ok(needs.includes('binutils'), `the script's list: ${needs.join(', ')}`);
  for (const tool of [...needs, 'python3 with pip']) assert.ok(NATIVE_HINT.includes(tool), tool);
});

test("doctor's offline route names every tool scripts/setup-native-offline needs", () => {
  const text = formatDoctorReport(report);
  const offline = text.slice(text.indexOf('download blocked/offline:'));
  for (const tool of [...scriptNeeds(), 'python3 with pip']) assert.ok(offline.includes(tool), tool);
});

test('doctor names the TripletLens folder its native-backend commands run in (a global install is not where the user stands)', () => {
  const folder = join('/opt', 'lib', 'node_modules', 'tripletlens');
  const text = formatDoctorReport({ ...report, nativeSetup: { ...report.nativeSetup, folder } });
  assert.match(text, /Native backend: not in use\. To get it, in the TripletLens folder \((.+)\):/);
  assert.ok(text.includes(`in the TripletLens folder (${folder}):`), text);
});
