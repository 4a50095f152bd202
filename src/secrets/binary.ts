/**
 * Files git calls binary (a NUL byte, or `binary` / `-diff` in .gitattributes) can still hold
 * secrets: a text file with one stray NUL, a UTF-16 file, a config embedded in an archive or a
 * compiled binary. We turn such a blob into text to scan:
 *  - mostly text (few control bytes) or UTF-16 with a BOM / NUL-every-other-byte: decoded and
 *    scanned with EVERY rule, with real line numbers;
 *  - otherwise: its printable ASCII runs (other bytes become NUL, newlines kept) are scanned with the
 *    rules that do not rely on a guess (not the generic password / secret / token rules, which
 *    would fire on random bytes).
 */

export interface BinaryText {
  text: string;
  /** Scanned like a text file (all rules); false: printable runs, specific rules only. */
  mostlyText: boolean;
  encoding: 'utf8' | 'utf16le' | 'utf16be' | 'printable-runs';
}

function isControl(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f;
}

export function binaryScanText(buf: Buffer): BinaryText {
  const len = buf.length;
  if (len >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: buf.subarray(2).toString('utf16le'), mostlyText: true, encoding: 'utf16le' };
  if (len >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2, 2 + ((len - 2) & ~1)));
    return { text: swapped.swap16().toString('utf16le'), mostlyText: true, encoding: 'utf16be' };
  }
  let control = 0;
  let oddNul = 0;
  let evenPrintable = 0;
  for (let i = 0; i < len; i++) {
    const b = buf[i]!;
    if (isControl(b)) control++;
    if (i & 1) {
      if (b === 0) oddNul++;
    } else if (b >= 0x20 && b < 0x7f) evenPrintable++;
  }
  const half = len >> 1;
  if (half >= 4 && oddNul >= half * 0.9 && evenPrintable >= half * 0.7) return { text: buf.toString('utf16le'), mostlyText: true, encoding: 'utf16le' };
  // A text file with a stray NUL or two: at most 1% control bytes (at least 4 allowed).
  if (control <= Math.max(4, len / 100)) return { text: buf.toString('utf8'), mostlyText: true, encoding: 'utf8' };
  const out = Buffer.allocUnsafe(len);
  for (let i = 0; i < len; i++) {
    const b = buf[i]!;
    out[i] = (b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x09 ? b : 0;
  }
  return { text: out.toString('latin1'), mostlyText: false, encoding: 'printable-runs' };
}
