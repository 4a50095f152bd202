/**
 * Offline checksums of token formats. GitHub classic tokens (ghp_, gho_, ghu_, ghs_, ghr_) and npm
 * tokens (npm_) end in 6 base62 characters: the CRC32 of the 30 random characters before them,
 * base62-encoded (0-9A-Za-z) and left-padded with '0'.
 */
let table: Uint32Array | undefined;

export function crc32(s: string): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  const bytes = Buffer.from(s, 'utf8');
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(n: number, width = 6): string {
  let out = '';
  do {
    out = BASE62[n % 62]! + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, '0');
}

/** For `<prefix>_<30 random><6 checksum>`: does the tail match? */
export function checkBase62Crc(token: string): boolean {
  const us = token.indexOf('_');
  const body = token.slice(us + 1);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30))) === body.slice(30);
}

/** Append the checksum to 30 random characters (used by samples and the bench corpus). */
export function withBase62Crc(prefix: string, random30: string): string {
  return prefix + random30 + base62(crc32(random30));
}
