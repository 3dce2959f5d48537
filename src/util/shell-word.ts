/**
 * A file name as one shell word, for the commands messages suggest (tar -xf NAME, iconv … NAME): left bare
 * when it holds only letters, digits and '.', '_', '+', '-', else single-quoted (a quote inside as '\'').
 */
export function shellWord(name: string): string {
  return /^[\w.+-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}
