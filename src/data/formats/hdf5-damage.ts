/**
 * Telling a damaged HDF5 expression file from an HDF5 file of another kind, once it matches none of the three
 * layouts: HDF5 reads a damaged group as one listing garbled names, names it cannot open, or nothing at all,
 * and a damaged Cell Ranger file as a group short of a member. Each is refused as damaged, naming the object;
 * only a file that shows none of these is "not an AnnData .h5ad, loom or Cell Ranger .h5 file".
 */
import { stat } from 'node:fs/promises';
import { shownValue } from '../errors.js';
import type { DataSource } from '../options.js';
import type { Hdf5File } from './h5-file.js';
import { damagedTenxGroup } from './tenx-h5.js';
import { countText } from '../../api/count-text.js';

/** Objects looked at per group: the top level and its groups' members, enough for any expression layout. */
const LOOKED_AT = 64;

/**
 * Bytes a file of `groups` empty groups may hold before it counts as damaged rather than empty: h5py's empty
 * file is 800 bytes and an empty group adds about one kB, so 4 kB a group (and 4 kB for the file) is ample.
 */
function hollowBytes(groups: number): number {
  return 4096 * (1 + groups);
}

/** What an h5ad's top level holds (anndata writes all three); two of them make a file an h5ad. */
const H5AD_PARTS = ['X', 'obs', 'var'];

/**
 * True for a name (or an attribute's text) HDF5 gave back that is no text: U+FFFD (bytes that are not UTF-8) or
 * a control character.
 */
export function garbledName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || code === 0xfffd) return true;
  }
  return false;
}

/** A group's first members, as a message lists them ('?' for a name that is no text). */
function listed(h5: Hdf5File, group: string): string {
  const keys = h5.keys(group);
  const shown = keys.slice(0, 8).map((key) => (garbledName(key) ? '?' : shownValue(key)));
  return `${shown.join(', ')}${keys.length > 8 ? `, … (${keys.length} in all)` : ''}`;
}

/**
 * The top level of a file that is none of the three layouts, in words. Names that are no text mean a damaged
 * group, not another kind of file (a walkthrough: a loom with 4 kB overwritten was "not an AnnData .h5ad, loom
 * or Cell Ranger .h5 file: its top level holds ������…", 2 900 characters of them): that is refused as damaged.
 */
export function describeTopLevel(h5: Hdf5File): string {
  const keys = h5.keys('/');
  if (keys.length === 0) return 'it is empty';
  refuseGarbledNames(h5, '/');
  return `its top level holds ${listed(h5, '/')}`;
}

/** A group listing names that are no text is refused as damaged (its names are not shown). */
function refuseGarbledNames(h5: Hdf5File, group: string): void {
  if (!h5.keys(group).some(garbledName)) return;
  throw h5.fail(
    group,
    'the names this group lists are not text (HDF5 read bytes that are no names): the file is damaged. Copy it again.',
    'bad-structure',
    'group',
  );
}

/** The first object the top level or one of its groups lists that HDF5 cannot open, or undefined. */
function unopenable(h5: Hdf5File): string | undefined {
  const paths = (group: string) =>
    h5
      .keys(group)
      .slice(0, LOOKED_AT)
      .map((k) => `${group === '/' ? '' : group}/${k}`);
  refuseGarbledNames(h5, '/');
  for (const path of paths('/')) {
    if (h5.isGroup(path)) {
      refuseGarbledNames(h5, path);
      const inner = paths(path).find((p) => !h5.isGroup(p) && !h5.isDataset(p));
      if (inner !== undefined) return inner;
    } else if (!h5.isDataset(path)) return path;
  }
  return undefined;
}

async function fileBytes(source: DataSource): Promise<number> {
  return typeof source === 'string' ? (await stat(source)).size : source.bytes.length;
}

/** Throws the DataImportError of a damaged file (see the file's comment); returns when none is found. */
export async function refuseDamagedFile(h5: Hdf5File, source: DataSource): Promise<void> {
  refuseGarbledNames(h5, '/');
  const tenx = damagedTenxGroup(h5);
  if (tenx) {
    throw h5.fail(
      tenx.group,
      `this looks like a Cell Ranger .h5 matrix, but HDF5 cannot read its ${tenx.missing.join(', ')} (the group lists ${listed(h5, tenx.group)}): the file is damaged. Copy it again.`,
      'bad-structure',
      'group',
    );
  }
  const h5ad = H5AD_PARTS.filter((p) => h5.isGroup(`/${p}`) || h5.isDataset(`/${p}`));
  if (h5ad.length === 2) {
    const missing = H5AD_PARTS.find((p) => !h5ad.includes(p))!;
    throw h5.fail(
      `/${missing}`,
      `this looks like an AnnData .h5ad file (it has ${h5ad.join(' and ')}), but HDF5 finds no ${missing} in it (the top level lists ${listed(h5, '/')}): the file is damaged. Copy it again.`,
      'bad-structure',
      'group',
    );
  }
  const lost = unopenable(h5);
  if (lost !== undefined) {
    throw h5.fail(
      lost,
      'the file lists this object but HDF5 cannot open it: the file is damaged (or the object is a link to another file). Copy it again.',
    );
  }
  const top = h5.keys('/');
  const bytes = await fileBytes(source);
  // every group empty (or none), yet the file holds far more than empty groups take: its groups are damaged
  if (
    bytes > hollowBytes(top.length) &&
    top.every((k) => h5.isGroup(`/${k}`) && h5.keys(`/${k}`).length === 0)
  ) {
    const what =
      top.length === 0
        ? 'its top level lists nothing'
        : `its top level lists only empty groups (${listed(h5, '/')})`;
    throw h5.fail(
      '/',
      `${what}, yet the file holds ${countText(bytes)} bytes: HDF5 read damaged groups. Copy it again.`,
      'bad-structure',
      'group',
    );
  }
}
