/**
 * A metadata column whose text is made only when something reads `values`: the mechanism numeric columns
 * (`numeric-column.ts`, held as their numbers) and categoricals (`category-column.ts`, held as their codes)
 * share.
 *
 * The column gets an enumerable `values` getter: the first read makes every row's text, keeps it as a plain
 * array and forgets what was held — from then on the column is an ordinary text column, so code that reads,
 * copies (`{ ...column }`, a structured clone, JSON) or changes `values` behaves as on any column. What is
 * held is a non-enumerable property under `key`, read only through `heldUnder`: a copy of the column never
 * carries it, so it can never disagree with the column's text.
 */

/** Makes `values` a plain data property holding `values`, and forgets what was held under `key`. */
function settle(column: object, key: string, values: string[]): void {
  delete (column as Record<string, unknown>)[key];
  Object.defineProperty(column, 'values', {
    value: values,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/**
 * `column` with `held` kept under `key` and `values` made from it by `text` when first read (then kept, `held`
 * forgotten). Assigning `values` replaces them as on any column. The `values` given is a placeholder (`[]`)
 * that keeps the property's place among the column's keys.
 */
export function holdText<T extends { values: string[] }, H>(
  column: T,
  key: string,
  held: H,
  text: (held: H) => string[],
): T {
  Object.defineProperty(column, key, { value: held, enumerable: false, configurable: true });
  Object.defineProperty(column, 'values', {
    enumerable: true,
    configurable: true,
    get(): string[] {
      const values = text(held);
      settle(column, key, values);
      return values;
    },
    set(values: string[]) {
      settle(column, key, values);
    },
  });
  return column;
}

/** What a column holds under `key` while its text has not been made; undefined otherwise. */
export function heldUnder<H>(column: { values: readonly string[] }, key: string): H | undefined {
  return (column as unknown as Record<string, H | undefined>)[key];
}
