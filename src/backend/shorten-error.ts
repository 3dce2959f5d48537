/**
 * Error text short enough for one line of `doctor` output and a run report, but still the real text:
 * the first line of the message (native loaders put paths and stack-like detail on later lines).
 */
export function shortenError(err: unknown, maxLength = 240): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err);
  const firstLine =
    (raw ?? '')
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? 'unknown error';
  return firstLine.length > maxLength ? `${firstLine.slice(0, maxLength - 1)}…` : firstLine;
}
