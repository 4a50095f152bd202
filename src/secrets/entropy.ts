/** Shannon entropy in bits per character. */
const ascii = new Int32Array(128);

export function shannon(s: string): number {
  if (!s) return 0;
  let other: Map<number, number> | undefined;
  ascii.fill(0);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) ascii[c]!++;
    else (other ??= new Map()).set(c, (other.get(c) ?? 0) + 1);
  }
  let h = 0;
  const add = (n: number) => {
    const p = n / s.length;
    h -= p * Math.log2(p);
  };
  for (let c = 0; c < 128; c++) if (ascii[c]) add(ascii[c]!);
  if (other) for (const n of other.values()) add(n);
  return h;
}

/** Distinct characters in a string. */
export function distinct(s: string): number {
  return new Set(s).size;
}
