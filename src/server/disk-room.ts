/**
 * The free disk space serve's temporary files may use: what the file system holding a folder has free
 * (statfs, the blocks this user may take), less a reserve kept for the rest of the machine. Uploads are limited
 * by it; an export (whose size is only known once written) is refused when nothing above the reserve is free.
 */
import { statfs } from 'node:fs/promises';

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

/** A size as people read it: "1.5 GB", "300 MB". */
export function megabytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
    : `${Math.max(0, Math.round(bytes / 1024 / 1024))} MB`;
}
