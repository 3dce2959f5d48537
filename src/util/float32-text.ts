/**
 * A stored float32 value as its shortest decimal that reads back as the same float32 ("0.3827478", as numpy
 * prints it; 0.1, not 0.10000000149011612), not the float64 expansion String() gives (0.3827477991580963).
 */
export function float32Text(value: number): string {
  for (let digits = 1; digits <= 9; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(value);
}
