export interface ElectronBinary {
  ok: boolean;
  path: string;
  reason: string;
}
export function electronBinary(root: string): ElectronBinary;
export function tryDownloadElectron(root: string, timeoutMs?: number): ElectronBinary;
