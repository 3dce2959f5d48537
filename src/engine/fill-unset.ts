/**
 * The one rule behind the small regime and the objective's recipes: a set of options fills every option the
 * user left unset, and an option the user set always wins.
 */

/**
 * `resolved` with `preset`'s values in place of every option not set in `given`, and the options that count as
 * chosen from now on (the user's and the preset's), for a later preset to keep.
 */
export function fillUnset<T extends object>(
  preset: object,
  resolved: T,
  given: object,
): { options: T; chosen: Record<string, unknown> } {
  const out = { ...resolved } as Record<string, unknown>;
  const chosen = { ...given } as Record<string, unknown>;
  for (const [key, value] of Object.entries(preset)) {
    if (chosen[key] !== undefined) continue;
    // a copy of a list (the wide recipe's layer sizes), so that no run shares the constant
    const own: unknown = Array.isArray(value) ? [...(value as unknown[])] : value;
    out[key] = own;
    chosen[key] = own;
  }
  return { options: out as T, chosen };
}
