/**
 * A training or preprocessing option's name where the user sets it: on the CLI its flag (`--batch-size`), on
 * the page its setting as the Train screen labels it ('Batch size'), in that field's scale (the hold-out is a
 * percentage there). OptionError words its message for each side from here; the page's form takes its
 * labels and scales from here too, so a refusal names the field the user sees. Imports only the schema.
 */
import { optionSpec, type OptionKey } from './option-schema.js';

/** How the Train screen shows an option otherwise than the schema: its label, and the field's value ÷ scale. */
interface PagePresentation {
  label: string;
  scale: number;
}

/** The options the Train screen shows under another label or scale than the schema's. */
export const PAGE_PRESENTATION: Readonly<Partial<Record<OptionKey, PagePresentation>>> = {
  holdout: { label: 'Hold-out %', scale: 100 },
};

/** The side a message is for: the command line, or the page. */
export type OptionSide = 'cli' | 'page';

/**
 * The option's CLI flag (`--batch-size`; a default-on switch's off flag, `--no-zscore`), or its API name
 * when the CLI has none (the page, or a caller of the engine, set it).
 */
export function cliOptionName(key: OptionKey): string {
  const spec = optionSpec(key);
  const flag = spec.flag ?? ('offFlag' in spec ? spec.offFlag : undefined);
  return flag ? `--${flag}` : key;
}

/** The option's setting as the page labels it ('Batch size', 'Hold-out %'). */
export function pageOptionName(key: OptionKey): string {
  return PAGE_PRESENTATION[key]?.label ?? optionSpec(key).label;
}

/** What the page's field shows for a value of 1 (100 for the hold-out's percentage); 1 on the CLI. */
export function optionScale(key: OptionKey, side: OptionSide): number {
  return side === 'page' ? (PAGE_PRESENTATION[key]?.scale ?? 1) : 1;
}

/** The option's name on `side`. */
export function optionName(key: OptionKey, side: OptionSide): string {
  return side === 'cli' ? cliOptionName(key) : pageOptionName(key);
}
