/** `1 file`, `2 files`, `1,000 lines`: a count with its noun in the right number. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${group(count)} ${count === 1 ? one : many}`;
}

/**
 * 1234567 -> "1,234,567". Not toLocaleString: its first call loads ICU locale data, which cost
 * about 13 ms, on every commit, in the pre-commit hook.
 */
export function group(n: number): string {
  const [int, frac] = String(n).split('.');
  const sign = int!.startsWith('-') ? '-' : '';
  const digits = sign ? int!.slice(1) : int!;
  let out = '';
  for (let i = digits.length; i > 0; i -= 3) out = digits.slice(Math.max(0, i - 3), i) + (out ? ',' + out : '');
  return sign + out + (frac ? '.' + frac : '');
}

/** Plain code-unit order: stable everywhere, and no ICU collator to load (unlike localeCompare). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
