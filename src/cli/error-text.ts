/**
 * An engine message as the CLI prints it after its prefix ("tripletlens train: …"). The engine writes whole
 * sentences for the page, which shows them alone ("Cannot write --out x.csv: the disk is full"); after the
 * CLI's prefix the same sentence goes on from a colon, where the CLI's own messages (usage, data errors)
 * start in lower case — so "tripletlens train: Cannot write …" becomes "tripletlens train: cannot write …".
 */

/** Capitalised words that are names, kept as written at the start of a message. */
const NAMES = new Set(['Adam', 'Chromium', 'Electron', 'Ensembl', 'Node', 'Plotly', 'Procrustes', 'Python']);

/**
 * `message` with its first letter in lower case when it opens with an ordinary capitalised word ("Cannot",
 * "The"); a name ("TripletLens", "AnnData", "HDF5", "Cell Ranger", "Ensembl") or a path is left as it is.
 */
export function afterPrefix(message: string): string {
  const first = /^([A-Z][a-z]+)(?=[\s,.:;]|$)(\s+(\S))?/.exec(message);
  if (first === null || NAMES.has(first[1])) return message;
  // a word followed by a capitalised one is a name of two words: "Cell Ranger", "Project Another"
  if (first[3] !== undefined && /[A-Z]/.test(first[3])) return message;
  return message.charAt(0).toLowerCase() + message.slice(1);
}
