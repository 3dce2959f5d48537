/**
 * The free disk space serve's temporary files may use: what the file system holding a folder has free
 * (statfs, the blocks this user may take), less a reserve kept for the rest of the machine. Uploads are limited
 * by it; an export (whose size is only known once written) is refused when nothing above the reserve is free.
 */
import { statfs } from 'node:fs/promises';
import { countText } from '../api/count-text.js';

/** Free space the server's temporary files must leave on the disk, in bytes: 256 MiB. */
export const DEFAULT_RESERVE_BYTES = 256 * 1024 * 1024;

/** `free`: bytes free where `folder` lives; `room`: what is left of them above `reserveBytes` (≥ 0). */
export async function diskRoom(
  folder: string,
  reserveBytes: number = DEFAULT_RESERVE_BYTES,
): Promise<{ free: number; room: number }> {
  const stats = await statfs(folder);
  const free = Number(stats.bavail) * Number(stats.bsize);
  return { free, room: Math.max(0, free - reserveBytes) };
}

/**
 * The flag that sets the reserve, with its value, as a refusal names it ("--disk-reserve-mb 256"), so whoever
 * runs `tripletlens serve` knows what to change.
 */
export function reserveFlag(reserveBytes: number = DEFAULT_RESERVE_BYTES): string {
  return `--disk-reserve-mb ${Math.round(reserveBytes / 1024 / 1024)}`;
}

/**
 * A size as people read it: "300 MB", "1.5 GB", "50 GB", "1 024 GB" — whole megabytes under a gigabyte, one
 * decimal under 10 GB, whole gigabytes above, digits grouped as counts are (`countText`; a 1 TiB reserve read
 * "1024.0 GB", a 1 PiB one "1048576.0 GB").
 */
export function megabytes(bytes: number): string {
  const mb = Math.max(0, Math.round(bytes / 1024 / 1024));
  // 1 023.6 MB is "1.0 GB", not "1 024 MB"
  if (mb < 1024) return `${countText(mb)} MB`;
  const gb = bytes / 1024 ** 3;
  return gb < 10 ? `${gb.toFixed(1)} GB` : `${countText(gb)} GB`;
}

/**
 * The flag that caps uploads, with its value, as a refusal names it ("--max-upload-mb 51200"): the limit is
 * said in gigabytes above 1 GB, the flag takes megabytes.
 */
export function uploadFlag(maxBytes: number): string {
  return `--max-upload-mb ${Number((maxBytes / 1024 / 1024).toFixed(2))}`;
}
